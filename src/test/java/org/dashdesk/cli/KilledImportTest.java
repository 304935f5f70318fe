package org.dashdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.dashdesk.store.H2AssessmentRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real {@code import} process killed with SIGKILL after it has reported batches as loaded: every
 * line it reported is in the store when it is opened again, and the store opens. (Before decision
 * 0162 the batches joined one transaction that committed only at close, so a kill lost them all
 * although the command had printed "loaded".)
 */
class KilledImportTest {

    private static final String PASSWORD = "synthetic desk phrase";
    private static final int LINES = 3_000;

    @TempDir
    Path dir;

    @Test
    void everyLineReportedLoadedSurvivesAKill() throws Exception {
        Path desk = dir.resolve("desk");
        Path pw = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, new Cli(InputStream.nullInputStream(), quiet, quiet).run(List.of("setup", "--username", "pc1234",
                "--display-name", "PC Synthetic", "--collar", "1234", "--roles", "officer", "--data-dir", desk.toString(),
                "--password-file", pw.toString())));
        Path file = dir.resolve("sheets.jsonl");
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < LINES; i++) {
            lines.add("{\"pack\":\"dash-2009\",\"collarNumber\":\"1234\",\"answers\":{\"Q1\":\"" + (i % 2 == 0 ? "yes" : "no")
                    + "\"},\"incidentReference\":\"SYN-" + i + "\"}");
        }
        Files.write(file, lines, StandardCharsets.UTF_8);

        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Ddashdesk.import.batch=50", "-cp", System.getProperty("java.class.path"),
                "org.dashdesk.Launcher", "import", file.toString(), "--data-dir", desk.toString(), "--username", "pc1234",
                "--password-file", pw.toString()).redirectError(dir.resolve("child.err").toFile()).start();
        int reported = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.contains(": loaded as assessment ")) {
                    reported++;
                }
                if (reported >= 200) {
                    break;
                }
            }
        }
        child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no close, no final commit
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertTrue(reported >= 200, "the import reported " + reported + " lines before it ended: " + Files.readString(dir.resolve("child.err")));

        LocalSignIn local = LocalSignIn.open(desk, "pc1234", pw.toString(), InputStream.nullInputStream());
        try (H2AssessmentRepository store = H2AssessmentRepository.open(desk, local.keys())) {
            int held = store.submitted().size();
            assertTrue(held >= reported, "the store holds " + held + " of the " + reported + " lines reported loaded");
            assertTrue(held < LINES, "the kill landed before the end (" + held + ")");
        } finally {
            local.clear();
        }
    }
}
