package org.dashdesk.ui;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Process start → first usable screen: the app on a laptop that is already set up (settings
 * saved, one person enrolled), so it starts as every day after the first does, at the sign-in
 * screen (READY), against a bare JavaFX window with one label, alternating, in the same run. It
 * also prints the app's first frame (the light loading screen, decision 0060). Needs a display:
 * {@code xvfb-run -a -s "-screen 0 1280x800x24" mvn -B -Pbench test -Dtest=StartupBenchmark}.
 *
 * <p>With {@code -Dbench.cds=true} it also measures AppCDS, as an installer would ship it: the
 * class directories are packed into jars first (JDK 17 refuses to archive with a non-empty
 * directory on the class path), one probe run of each program writes its own archive
 * ({@code -XX:ArchiveClassesAtExit}), and then the app and the bare window run with and without
 * their archives ({@code -XX:SharedArchiveFile}). The app with an archive is compared with the bare
 * window both without and with its own, so the archive's gain is not credited to the app alone.
 * {@code -Dbench.runs=N} changes the number of measured runs (7).
 */
@Tag("benchmark")
class StartupBenchmark {

    private static final String APP_MAIN = "org.dashdesk.Launcher";
    private static final String SHARED_TOP = "shared objects file (top)";

    @Test
    void appFirstFrameAgainstABareWindow() throws Exception {
        Assumptions.assumeTrue(System.getenv("DISPLAY") != null, "needs a display (run under xvfb-run)");
        int runs = Integer.getInteger("bench.runs", 7);
        boolean cds = Boolean.getBoolean("bench.cds");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path work = Files.createTempDirectory("dashdesk-startup");
        List<String> entries = List.of(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"))
                .split(File.pathSeparator));
        String cp = String.join(File.pathSeparator, cds ? jarred(entries, work) : entries);
        Path data = setUpLaptop(work.resolve("data"));
        List<String> bare = List.of("-cp", cp, BareWindowProbe.Main.class.getName());
        List<String> app = List.of("-cp", cp, "-Ddashdesk.startupProbe=true", "-Ddashdesk.data.dir=" + data, APP_MAIN);

        // One warm-up of each: the first run pays for the OS file cache.
        run(java, List.of(), bare, "FIRST_FRAME");
        run(java, List.of(), app, "READY");
        Path appJsa = work.resolve("app.jsa");
        Path bareJsa = work.resolve("bare.jsa");
        if (cds) {
            run(java, List.of("-XX:ArchiveClassesAtExit=" + appJsa), app, "READY");
            run(java, List.of("-XX:ArchiveClassesAtExit=" + bareJsa), bare, "FIRST_FRAME");
            waitForArchive(appJsa);
            waitForArchive(bareJsa);
            System.out.printf(Locale.ROOT, "AppCDS archives: app %d classes from it (%d KB), bare window %d classes (%d KB)%n",
                    sharedClasses(java, appJsa, app, "READY"), Files.size(appJsa) / 1024,
                    sharedClasses(java, bareJsa, bare, "FIRST_FRAME"), Files.size(bareJsa) / 1024);
        }

        List<Long> bareFrame = new ArrayList<>();
        List<Long> appFrame = new ArrayList<>();
        List<Long> appReady = new ArrayList<>();
        List<Long> bareCdsFrame = new ArrayList<>();
        List<Long> appCdsFrame = new ArrayList<>();
        List<Long> appCdsReady = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            bareFrame.add(run(java, List.of(), bare, "FIRST_FRAME")[0]);
            long[] a = run(java, List.of(), app, "READY");
            appFrame.add(a[0]);
            appReady.add(a[1]);
            if (cds) {
                bareCdsFrame.add(run(java, List.of("-XX:SharedArchiveFile=" + bareJsa), bare, "FIRST_FRAME")[0]);
                long[] c = run(java, List.of("-XX:SharedArchiveFile=" + appJsa), app, "READY");
                appCdsFrame.add(c[0]);
                appCdsReady.add(c[1]);
            }
        }
        // The raw figures too: on a shared machine the spread says how far to trust a median.
        System.out.println("runs (ms, sorted): bare " + sorted(bareFrame) + "; app first frame " + sorted(appFrame)
                + (cds ? "; bare+AppCDS " + sorted(bareCdsFrame) + "; app+AppCDS first frame " + sorted(appCdsFrame) : ""));
        System.out.printf(Locale.ROOT, "paired (median of each run's ratio to the bare run just before it): app %.2fx%s%n",
                pairedRatio(appFrame, bareFrame), cds ? String.format(Locale.ROOT, "; app+AppCDS %.2fx the bare window, %.2fx the bare window+AppCDS",
                        pairedRatio(appCdsFrame, bareFrame), pairedRatio(appCdsFrame, bareCdsFrame)) : "");
        long b = median(bareFrame);
        long f = median(appFrame);
        long r = median(appReady);
        System.out.printf(Locale.ROOT, "startup (median of %d alternating runs, JDK's default CDS): bare window %d ms; "
                + "app first frame %d ms (%.2fx); app first usable screen (sign-in) %d ms (%.2fx)%n", runs, b, f, ratio(f, b), r, ratio(r, b));
        System.out.printf(Locale.ROOT, "paired first usable screen (sign-in) against the bare window: app %.2fx%n", pairedRatio(appReady, bareFrame));
        if (cds) {
            long bc = median(bareCdsFrame);
            long fc = median(appCdsFrame);
            long rc = median(appCdsReady);
            System.out.printf(Locale.ROOT, "startup with AppCDS (median of %d): app+AppCDS first frame %d ms = %.2fx the bare window, "
                    + "%.2fx the bare window with its own archive (%d ms); app+AppCDS first usable screen (sign-in) %d ms (%.2fx the bare window, "
                    + "%.2fx the bare window with its own archive)%n",
                    runs, fc, ratio(fc, b), ratio(fc, bc), bc, rc, ratio(rc, b), ratio(rc, bc));
            System.out.printf(Locale.ROOT, "paired first usable screen (sign-in) with AppCDS: %.2fx the bare window, %.2fx the bare window+AppCDS%n",
                    pairedRatio(appCdsReady, bareFrame), pairedRatio(appCdsReady, bareCdsFrame));
        }
    }

    /** A data folder as a laptop has it after its first day: settings saved and one person enrolled (synthetic). */
    private static Path setUpLaptop(Path data) throws IOException {
        Files.createDirectories(data);
        Files.writeString(data.resolve(org.dashdesk.config.ConfigLocations.FILE_NAME), "# written by StartupBenchmark\n");
        org.dashdesk.security.SessionManager.open(data).enrolFirstUser(new org.dashdesk.security.UserAccount("pc0001",
                "PC Synthetic Benchmark", "0001", java.util.Set.of(org.dashdesk.security.Role.OFFICER), "Bench"),
                "benchmark-password-1".toCharArray());
        return data;
    }

    private static double ratio(long x, long base) {
        return (double) x / base;
    }

    /** The class path with every directory packed into a jar (same order): AppCDS archives only classes from jars. */
    private static List<String> jarred(List<String> entries, Path work) throws IOException {
        List<String> out = new ArrayList<>();
        for (String e : entries) {
            Path p = Path.of(e);
            if (!Files.isDirectory(p)) {
                out.add(e);
                continue;
            }
            Path jar = work.resolve("classes-" + out.size() + ".jar");
            try (JarOutputStream jos = new JarOutputStream(Files.newOutputStream(jar)); Stream<Path> files = Files.walk(p)) {
                for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                    jos.putNextEntry(new JarEntry(p.relativize(f).toString().replace('\\', '/')));
                    Files.copy(f, jos);
                    jos.closeEntry();
                }
            }
            out.add(jar.toString());
        }
        return out;
    }

    /** The archive is written while the JVM exits, after the probe's last line was read. */
    private static void waitForArchive(Path jsa) throws InterruptedException {
        for (int i = 0; i < 100 && !Files.exists(jsa); i++) {
            Thread.sleep(100);
        }
        if (!Files.exists(jsa)) {
            throw new AssertionError("no AppCDS archive was written at " + jsa);
        }
    }

    /** How many classes one run really took from the archive: a silently unmapped archive would show 0. */
    private static long sharedClasses(String java, Path jsa, List<String> program, String until) throws Exception {
        List<String> command = new ArrayList<>(List.of(java, "-XX:SharedArchiveFile=" + jsa, "-Xshare:auto", "-Xlog:class+load=info:stdout"));
        command.addAll(program);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        long shared = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.contains(SHARED_TOP)) {
                    shared++;
                }
                if (line.startsWith(until)) {
                    break;
                }
            }
        }
        p.destroy();
        p.waitFor();
        if (shared == 0) {
            throw new AssertionError("the AppCDS archive " + jsa + " was not used: " + String.join(" ", command));
        }
        return shared;
    }

    /** Returns ms from process start to FIRST_FRAME and to {@code until}. */
    private static long[] run(String java, List<String> vmOptions, List<String> program, String until) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(vmOptions);
        command.addAll(program);
        long start = System.nanoTime();
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
            // Both probes exit by themselves: let each finish (an archiving run writes its archive
            // at exit) so the next run does not share the CPU with a dying JVM.
            in.transferTo(Writer.nullWriter());
        }
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroy();
            p.waitFor();
        }
        if (first < 0 || last < 0) {
            throw new AssertionError(program.get(program.size() - 1) + " never printed " + until + ": " + String.join(" ", command));
        }
        return new long[] {first, last};
    }

    private static long median(List<Long> xs) {
        return sorted(xs).get(xs.size() / 2);
    }

    /** Less sensitive than a ratio of medians to other load on the machine that comes and goes. */
    private static double pairedRatio(List<Long> xs, List<Long> base) {
        List<Double> r = new ArrayList<>();
        for (int i = 0; i < xs.size(); i++) {
            r.add((double) xs.get(i) / base.get(i));
        }
        Collections.sort(r);
        return r.get(r.size() / 2);
    }

    private static List<Long> sorted(List<Long> xs) {
        List<Long> s = new ArrayList<>(xs);
        Collections.sort(s);
        return s;
    }
}
