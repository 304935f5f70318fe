package org.dashdesk.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.dashdesk.security.Role;
import org.dashdesk.security.SecurityPolicy;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.store.SyntheticStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The desk at scale (issue 17): for an empty store and for 1,000 / 10,000 / 100,000 local
 * assessments, the real app in a process of its own ({@link DeskScaleProbe}, headless, 1366×768)
 * signs in, searches and signs out ten times. Prints sign-in → home list, search p50/p99 as
 * typed, resident memory at home and after each sign-out/sign-in cycle, and sign-out → sign-in
 * screen, each beside the empty store's figure from the same run as a ratio. Targets: time and
 * memory at 100,000 within 1.5× of the empty store, search p99 ≤ 200 ms, RSS ≤ 300 MB. The child
 * runs with the JVM options the app ships with ({@link #APP_JVM_OPTIONS}). Asserts only that each
 * run finished. Run: {@code mvn -B -o -Pbench test -Dtest=DeskScaleBenchmark} (sizes with
 * {@code -Ddesk.sizes=0,1000}).
 */
@Tag("benchmark")
class DeskScaleBenchmark {

    /** As in the pom's javafx:run and the jpackage launcher (pom property app.jvm.options, decision 0180); -Ddesk.jvm=… to try others. */
    static final List<String> APP_JVM_OPTIONS = List.of(System.getProperty("desk.jvm", System.getProperty("app.jvm.options",
            "-XX:+UseSerialGC -Xms64m -Xmx1g -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40 -XX:-ShrinkHeapInSteps -XX:MaxNewSize=32m -XX:+UnlockExperimentalVMOptions -XX:+IgnoreUnrecognizedVMOptions -XX:TrimNativeHeapInterval=10000")).split(" "));

    private static final String PASSWORD = "synthetic desk phrase 17";

    @TempDir
    Path dir;

    @Test
    void signInSearchMemoryAndSignOutAgainstAnEmptyStore() throws Exception {
        List<Integer> sizes = new ArrayList<>();
        for (String s : System.getProperty("desk.sizes", "0,1000,10000,100000").split(",")) {
            sizes.add(Integer.parseInt(s.strip()));
        }
        Map<Integer, Map<String, Double>> figures = new LinkedHashMap<>();
        for (int n : sizes) {
            Path data = dir.resolve("desk-" + n);
            Files.createDirectories(data);
            // Set up as the first-run screen leaves it (no central server: an offline laptop).
            Files.writeString(new org.dashdesk.config.ConfigLocations(data.resolve("no-it.properties"), data).userFile(), "# benchmark\n");
            long t0 = System.nanoTime();
            SessionManager sessions = SessionManager.open(data, SecurityPolicy.defaults(), Clock.systemUTC());
            sessions.enrolFirstUser(new UserAccount("pc1234", "PC Synthetic", "1234", Set.of(Role.OFFICER), "Team Synthetic"),
                    PASSWORD.toCharArray());
            if (n > 0) {
                SyntheticStore.seed(data, sessions.keyProvider(), n, Instant.now());
            }
            sessions.signOut();
            System.out.printf("DeskScaleBenchmark: seeded %,d in %.0f s%n", n, (System.nanoTime() - t0) / 1e9);
            figures.put(n, probe(data, n));
        }
        Map<String, Double> empty = figures.get(sizes.get(0));
        System.out.println("DeskScaleBenchmark (child JVM options: " + String.join(" ", APP_JVM_OPTIONS) + "; ratio = figure / figure for "
                + sizes.get(0) + " cases in this run)");
        for (String key : empty.keySet()) {
            StringBuilder line = new StringBuilder(String.format("  %-36s", key));
            for (int n : sizes) {
                double v = figures.get(n).getOrDefault(key, Double.NaN);
                double base = empty.get(key);
                line.append(String.format("  %,9d: %8.1f (%.2f×)", n, v, base == 0 ? Double.NaN : v / base));
            }
            System.out.println(line);
        }
    }

    private Map<String, Double> probe(Path data, int n) throws Exception {
        Path pw = Files.writeString(dir.resolve("pw-" + n), PASSWORD);
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(APP_JVM_OPTIONS);
        for (String p : List.of("testfx.headless", "prism.order", "prism.text", "glass.platform", "monocle.platform", "java.awt.headless")) {
            if (System.getProperty(p) != null) {
                cmd.add("-D" + p + "=" + System.getProperty(p));
            }
        }
        // Monocle's headless screen is 1280×800 unless told: the laptop's screen.
        cmd.add("-Dheadless.geometry=1366x768-32");
        cmd.add("-Djava.util.logging.config.file=/dev/null");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(DeskScaleProbe.class.getName());
        cmd.addAll(List.of(data.toString(), "pc1234", pw.toString(), Integer.toString(n)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        Map<String, Double> out = new LinkedHashMap<>();
        boolean done = false;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("FIGURE ")) {
                    String[] parts = line.split(" ");
                    out.put(parts[1], Double.parseDouble(parts[2]));
                    System.out.println("DeskScaleBenchmark " + n + ": " + parts[1] + " = " + parts[2]);
                } else if (line.equals("DONE")) {
                    done = true;
                } else if (!line.isBlank()) {
                    System.out.println("  probe: " + line);
                }
            }
        }
        p.waitFor(60, TimeUnit.SECONDS);
        assertEquals(true, done, "the probe for " + n + " finished");
        return out;
    }
}
