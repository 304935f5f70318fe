package org.dashdesk.ui.shell;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.dashdesk.config.ConfigLocations;
import org.dashdesk.security.SecurityPolicy;
import org.dashdesk.store.SyntheticStore;
import org.dashdesk.ui.StoreServices;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.FxTaskExecutor;
import org.dashdesk.ui.common.OnlineSignIn;

/**
 * The desk as a process of its own, for {@code DeskScaleBenchmark}: the real shell and window
 * (1366×768, headless Monocle) over a seeded data folder, signed in through the sign-in view
 * model. Prints "FIGURE name value" lines: sign-in to home list, search latencies as typed (the
 * pause for typing included), resident memory at home, sign-out to sign-in screen, and resident
 * memory after each of ten sign-out/sign-in cycles (at home, and again once the session's
 * background work is done). Its own process, so its resident memory is
 * the app's, not a test runner's.
 *
 * <p>Arguments: data folder, username, password file, number of seeded cases.
 */
public final class DeskScaleProbe {

    private static ShellViewModel shell;
    private static FxTaskExecutor executor;
    private static Scene scene;

    public static void main(String[] args) {
        try {
            probe(args);
        } catch (Throwable e) {
            // The FX thread is not a daemon: without this a failed probe would never end.
            e.printStackTrace();
            System.out.flush();
            Runtime.getRuntime().halt(1);
        }
    }

    private static void probe(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        String username = args[1];
        String password = Files.readString(Path.of(args[2])).strip();
        int seeded = Integer.parseInt(args[3]);
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        onFx(() -> {
            executor = new FxTaskExecutor();
            Appearance appearance = new Appearance();
            shell = new ShellViewModel(executor, Clock.systemUTC(), appearance, new StoreServices(new ConfigLocations(data.resolve("no-it.properties"),
                    data), SecurityPolicy.defaults(), Clock.systemUTC(), OnlineSignIn.OFFLINE), Platform::runLater);
            Stage stage = new Stage();
            scene = new Scene(new ShellView(shell), 1366, 768);
            appearance.apply(scene);
            stage.setScene(scene);
            stage.show();
            shell.start();
            return null;
        });
        waitFor(() -> shell.screenProperty().get() == ShellViewModel.Screen.SIGN_IN && shell.signIn() != null, 60_000);
        figure("rss_before_sign_in_mb", rssMb());

        long signIn = signIn(username, password);
        figure("sign_in_to_home_ms", signIn);
        figure("rss_home_mb", settledRssMb());
        figure("heap_live_home_mb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
        if (System.getProperty("probe.histograms") != null) {
            nativeMemory(System.getProperty("probe.histograms"), "home");
        }

        // Retention's backlog (the seed's old receipts make thousands of cases due at once) is worked
        // through in the background after sign-in; searches are measured once it is done, and how
        // long it took is a figure of its own.
        long settling = System.nanoTime();
        waitFor(() -> executor.isIdle(), 900_000);
        figure("background_work_after_sign_in_ms", (System.nanoTime() - settling) / 1_000_000);

        Random random = new Random(5);
        List<Double> searches = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            int k = seeded == 0 ? i : random.nextInt(seeded);
            String text = i % 2 == 0 ? SyntheticStore.reference(k) : SyntheticStore.victim(k).split(" ")[1].toLowerCase();
            searches.add(search(text));
            searches.add(search(""));
        }
        searches.sort(null);
        figure("search_p50_ms", searches.get(searches.size() / 2));
        figure("search_p99_ms", searches.get((int) Math.ceil(searches.size() * 0.99) - 1));
        figure("search_max_ms", searches.get(searches.size() - 1));
        System.out.println("slowest searches (ms): " + searches.subList(searches.size() - 5, searches.size()));
        if (System.getProperty("probe.screenshots") != null) {
            screenshot("home-" + seeded + "-unfiltered");
            search(seeded == 0 ? "smith" : SyntheticStore.victim(seeded / 2).split(" ")[1].toLowerCase());
            screenshot("home-" + seeded + "-search");
            search("");
            screenshot("home-" + seeded + "-cleared");
        }

        List<Long> signOuts = new ArrayList<>();
        List<Long> signIns = new ArrayList<>();
        for (int cycle = 1; cycle <= 10; cycle++) {
            signOuts.add(signOut());
            signIns.add(signIn(username, password));
            figure("rss_after_cycle_" + cycle + "_mb", settledRssMb());
            figure("heap_live_after_cycle_" + cycle + "_mb", (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) >> 20);
            // The same once the session's background work (retention's backlog) is done: at rest.
            waitFor(() -> executor.isIdle(), 900_000);
            figure("rss_at_rest_after_cycle_" + cycle + "_mb", settledRssMb());
            // The heap the collector keeps beside what is live: most of the resident memory a large store adds.
            figure("heap_committed_at_rest_after_cycle_" + cycle + "_mb", Runtime.getRuntime().totalMemory() >> 20);
            histogram(cycle);
        }
        Collections.sort(signOuts);
        Collections.sort(signIns);
        // The first sign-in may also purge what retention has made due since the store was filled.
        figure("sign_in_to_home_again_median_ms", signIns.get(signIns.size() / 2));
        figure("sign_out_to_sign_in_screen_ms", signOuts.get(signOuts.size() / 2));
        figure("sign_out_to_sign_in_screen_max_ms", signOuts.get(signOuts.size() - 1));
        signOut();
        shell.shutdown();
        // halt() skips JFR's dump on exit: stop a recording started with -XX:StartFlightRecording=filename=…
        // so its file is written (how the figures are profiled).
        for (jdk.jfr.Recording r : jdk.jfr.FlightRecorder.isAvailable() ? jdk.jfr.FlightRecorder.getFlightRecorder().getRecordings()
                : List.<jdk.jfr.Recording>of()) {
            r.stop();
        }
        System.out.println("DONE");
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static long signIn(String username, String password) throws Exception {
        long t0 = System.nanoTime();
        onFx(() -> {
            shell.signIn().usernameProperty().set(username);
            shell.signIn().passwordProperty().set(password);
            shell.signIn().signIn();
            return null;
        });
        waitFor(() -> shell.screenProperty().get() == ShellViewModel.Screen.HOME && !shell.busyProperty().get()
                && shell.navigation().lists().submitted().query() != null, 180_000);
        // The first frame with the list drawn.
        onFx(() -> null);
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** From the text typed to both lists showing its answer: the pause for typing and the queries. */
    private static double search(String text) throws Exception {
        double ms = searchOnce(text);
        if (ms > 150) {
            System.out.println("slow search at " + java.time.LocalTime.now() + ": " + Math.round(ms) + " ms for " + (text.isEmpty() ? "(cleared)"
                    : text.length() + " characters"));
        }
        return ms;
    }

    private static double searchOnce(String text) throws Exception {
        HomeListsViewModel lists = shell.navigation().lists();
        long before = onFx(() -> lists.submitted().generation());
        long t0 = System.nanoTime();
        onFx(() -> {
            lists.textProperty().set(text);
            return null;
        });
        waitFor(() -> lists.submitted().generation() != before && !lists.searchingProperty().get(), 30_000);
        onFx(() -> null);
        return (System.nanoTime() - t0) / 1e6;
    }

    private static long signOut() throws Exception {
        long gcBefore = gcMillis();
        long t0 = System.nanoTime();
        long[] onFxThread = new long[1];
        onFx(() -> {
            long s = System.nanoTime();
            shell.signOut();
            onFxThread[0] = (System.nanoTime() - s) / 1_000_000;
            return null;
        });
        waitFor(() -> shell.screenProperty().get() == ShellViewModel.Screen.SIGN_IN && shell.signIn() != null, 120_000);
        onFx(() -> null);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // What the figure is made of: the sign-out call itself, and collector pauses anywhere in the process meanwhile.
        System.out.println("sign-out: " + ms + " ms (signOut() on the FX thread " + onFxThread[0] + " ms, collector " + (gcMillis() - gcBefore)
                + " ms)");
        return ms;
    }

    private static long gcMillis() {
        return java.lang.management.ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum();
    }

    private static long settledRssMb() throws Exception {
        Thread.sleep(1500);
        System.gc();
        Thread.sleep(500);
        return rssMb();
    }

    /** With -Dprobe.screenshots=DIR, the window as it is now, as DIR/name.png (how the lists at scale are looked at). */
    private static void screenshot(String name) throws Exception {
        javafx.scene.image.WritableImage image = onFx(() -> scene.snapshot(null));
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        int[] argb = new int[w * h];
        image.getPixelReader().getPixels(0, 0, w, h, javafx.scene.image.PixelFormat.getIntArgbInstance(), argb, 0, w);
        java.awt.image.BufferedImage png = new java.awt.image.BufferedImage(w, h, java.awt.image.BufferedImage.TYPE_INT_ARGB);
        png.setRGB(0, 0, w, h, argb, 0, w);
        javax.imageio.ImageIO.write(png, "png", Path.of(System.getProperty("probe.screenshots"), name + ".png").toFile());
    }

    /**
     * With -Dprobe.histograms=DIR, the live objects by class after each cycle: comparing two cycles
     * shows what a sign-out and sign-in leaves behind (how the viewport bitmaps were found).
     */
    private static void histogram(int cycle) throws Exception {
        String dir = System.getProperty("probe.histograms");
        if (dir == null) {
            return;
        }
        Object text = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        Files.writeString(Path.of(dir, "histogram-" + cycle + ".txt"), String.valueOf(text));
        nativeMemory(dir, "cycle-" + cycle);
    }

    /** With -XX:NativeMemoryTracking=summary as well: where the resident memory outside the heap is. */
    private static void nativeMemory(String dir, String when) throws Exception {
        try {
            Object text = java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "vmNativeMemory",
                    new Object[] {new String[] {"summary"}}, new String[] {String[].class.getName()});
            Files.writeString(Path.of(dir, "native-" + when + ".txt"), String.valueOf(text));
        } catch (javax.management.MBeanException e) {
            // Native memory tracking is off: nothing to write.
        }
    }

    static long rssMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
            }
        }
        return -1;
    }

    private static void figure(String name, Number value) {
        System.out.println("FIGURE " + name + " " + value);
        System.out.flush();
    }

    private static <T> T onFx(Callable<T> work) throws Exception {
        FutureTask<T> task = new FutureTask<>(work);
        Platform.runLater(task);
        return task.get(60, TimeUnit.SECONDS);
    }

    private static void waitFor(BooleanSupplier condition, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        while (!onFx(condition::getAsBoolean)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out; screen " + onFx(() -> shell.screenProperty().get()) + ", error "
                        + onFx(() -> shell.errorProperty().get()) + ", sign-in says " + onFx(() -> shell.signIn() == null ? null
                        : shell.signIn().messageProperty().get()));
            }
            Thread.sleep(2);
        }
    }
}
