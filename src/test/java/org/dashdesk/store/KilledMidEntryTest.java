package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.StoreException;
import org.dashdesk.security.FileKeyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed while answers are being given keeps every answer it had committed. */
class KilledMidEntryTest {

    @TempDir
    Path dir;

    private UUID draftId;

    /** Reads until {@code count} committed saves have been reported; remembers the newest note per question. */
    private long readSaves(BufferedReader out, int count, Map<String, Long> lastSaved)
            throws java.io.IOException {
        long saves = 0;
        String line;
        while (saves < count && (line = out.readLine()) != null) {
            String[] parts = line.split(" ");
            if (parts[0].equals("draft")) {
                draftId = UUID.fromString(parts[1]);
            } else {
                lastSaved.put(parts[1], Long.parseLong(parts[2]));
                saves++;
            }
        }
        return saves;
    }

    @Test
    void everyPrintedAnswerSurvivesAKill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AutosaveWriterMain.class.getName(),
                dir.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        UUID id;
        Map<String, Long> lastSaved = new HashMap<>();
        long saves = 0;
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        try {
            saves += readSaves(out, 30, lastSaved);
            // While the child holds the file, a second process is told so, and nothing is harmed.
            StoreException inUse = assertThrows(StoreException.class, () -> Database.open(dir, new FileKeyProvider()));
            assertTrue(inUse.getMessage().contains("in use") && inUse.getMessage().contains(dir.resolve(Database.FILE_NAME).toString()),
                    inUse.getMessage());
            // Then kill it straight after reading more commits, with no pause that would let a lazy writer catch up.
            saves += readSaves(out, 60, lastSaved);
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            out.close();
        }
        id = draftId;
        assertNotNull(id, "child never created its draft");
        assertEquals(90, saves, "child stopped early");

        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            Assessment a = repo.find(id).orElseThrow();
            for (Map.Entry<String, Long> e : lastSaved.entrySet()) {
                Answer stored = a.content().answer(e.getKey());
                assertNotNull(stored, e.getKey() + " was committed but is gone");
                long storedN = Long.parseLong(stored.comment().substring("note ".length()));
                // A save may have committed after the last line we read: never older, maybe newer.
                assertTrue(storedN >= e.getValue(), e.getKey() + ": stored note " + storedN + " is older than committed " + e.getValue());
            }
            assertTrue(repo.audit(id).size() >= 1 + saves);
        }
    }

}
