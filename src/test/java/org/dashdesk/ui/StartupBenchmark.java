package org.dashdesk.ui;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Process start → first usable frame: the app (home screen shown; the store opens in the
 * background) against a bare JavaFX window with one label, alternating, in the same run. Also
 * prints when the app's store was open and its lists loaded (READY). Needs a display:
 * {@code xvfb-run -a -s "-screen 0 1280x800x24" mvn -B -Pbench test -Dtest=StartupBenchmark}.
 */
@Tag("benchmark")
class StartupBenchmark {

    private static final int RUNS = 7;

    @Test
    void appFirstFrameAgainstABareWindow() throws Exception {
        Assumptions.assumeTrue(System.getenv("DISPLAY") != null, "needs a display (run under xvfb-run)");
        String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path data = Files.createTempDirectory("dashdesk-startup");
        // One warm-up of each: the first run pays for the OS file cache and creates the store.
        run(List.of(java, "-cp", cp, BareWindowProbe.Main.class.getName()), "FIRST_FRAME");
        run(List.of(java, "-cp", cp, "-Ddashdesk.startupProbe=true", "-Ddashdesk.data.dir=" + data, "org.dashdesk.Launcher"), "READY");
        // An AppCDS archive of the app's classes, as an installer would ship it.
        Path jsa = data.resolve("app.jsa");
        run(List.of(java, "-XX:ArchiveClassesAtExit=" + jsa, "-cp", cp, "-Ddashdesk.startupProbe=true", "-Ddashdesk.data.dir=" + data,
                "org.dashdesk.Launcher"), "READY");
        List<Long> cds = new ArrayList<>();
        List<Long> bare = new ArrayList<>();
        List<Long> app = new ArrayList<>();
        List<Long> ready = new ArrayList<>();
        for (int i = 0; i < RUNS; i++) {
            bare.add(run(List.of(java, "-cp", cp, BareWindowProbe.Main.class.getName()), "FIRST_FRAME")[0]);
            long[] a = run(List.of(java, "-cp", cp, "-Ddashdesk.startupProbe=true", "-Ddashdesk.data.dir=" + data,
                    "org.dashdesk.Launcher"), "READY");
            app.add(a[0]);
            ready.add(a[1]);
            cds.add(run(List.of(java, "-XX:SharedArchiveFile=" + jsa, "-cp", cp, "-Ddashdesk.startupProbe=true",
                    "-Ddashdesk.data.dir=" + data, "org.dashdesk.Launcher"), "READY")[0]);
        }
        long b = median(bare);
        long f = median(app);
        long r = median(ready);
        System.out.printf(Locale.ROOT, "startup (median of %d): bare window %d ms; app first frame %d ms (%.2fx); app store open and lists loaded %d ms (%.2fx)%n",
                RUNS, b, f, (double) f / b, r, (double) r / b);
        System.out.printf(Locale.ROOT, "startup with an AppCDS archive: app first frame %d ms (%.2fx the bare window)%n",
                median(cds), (double) median(cds) / b);
    }

    /** Returns ms from process start to FIRST_FRAME and to {@code until}. */
    private static long[] run(List<String> command, String until) throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        long first = -1;
        long last = -1;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                long now = (System.nanoTime() - start) / 1_000_000;
                if (line.startsWith("FIRST_FRAME") && first < 0) {
                    first = now;
                }
                if (line.startsWith(until)) {
                    last = now;
                    break;
                }
            }
        }
        p.destroy();
        p.waitFor();
        if (first < 0 || last < 0) {
            throw new AssertionError(String.join(" ", command.subList(command.size() - 1, command.size())) + " never printed " + until);
        }
        return new long[] {first, last};
    }

    private static long median(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s.get(s.size() / 2);
    }

}
