package org.dashdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedWriter;
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.dashdesk.grading.AnswerSheets;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.PolicyRegistry;
import org.dashdesk.instrument.InstrumentPack;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code import} of 10,000 and 100,000 synthetic lines into a fresh laptop store (set up with
 * {@code setup}), in-process. Prints lines/s, the ratio to a baseline measured in the same run
 * (reading, parsing and grading the same file without storing it: the floor the store adds to),
 * peak heap (heap pools' peak usage, and the largest heap-in-use sampled every 20 ms) and bytes on
 * disk per assessment. Targets (issue 16): at least 1,000 lines/s and at most 300 MB heap for
 * 100,000 lines. Asserts only that every line loaded. Run:
 * {@code mvn -B -o test -Pbench -Dtest=ImportBenchmark}.
 */
@Tag("benchmark")
class ImportBenchmark {

    private static final String PASSWORD = "synthetic desk phrase";

    @TempDir
    Path dir;

    @Test
    void importTenThousandAndOneHundredThousandLines() throws Exception {
        for (int n : Integer.getInteger("import.lines", 0) > 0 ? new int[] {Integer.getInteger("import.lines")} : new int[] {10_000, 100_000}) {
            measure(n);
        }
    }

    private void measure(int n) throws Exception {
        Path desk = dir.resolve("desk-" + n);
        Path pw = Files.writeString(dir.resolve("pw"), PASSWORD + "\n");
        Path file = dir.resolve("sheets-" + n + ".jsonl");
        write(file, n);
        assertEquals(0, new Cli(InputStream0.EMPTY, quiet(), System.err).run(List.of("setup", "--username", "pc1234", "--display-name",
                "PC Synthetic", "--collar", "1234", "--roles", "officer", "--data-dir", desk.toString(), "--password-file", pw.toString())));

        double baseline = baseline(file, n);

        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        AtomicLong sampled = new AtomicLong();
        Thread sampler = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                sampled.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        sampler.setDaemon(true);
        sampler.start();
        long t0 = System.nanoTime();
        int code = new Cli(InputStream0.EMPTY, quiet(), System.err).run(List.of("import", file.toString(), "--data-dir", desk.toString(),
                "--username", "pc1234", "--password-file", pw.toString()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        sampler.interrupt();
        assertEquals(0, code);
        long poolPeaks = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        long bytes;
        try (Stream<Path> files = Files.list(desk)) {
            bytes = files.filter(f -> f.getFileName().toString().startsWith("dashdesk")).mapToLong(f -> f.toFile().length()).sum();
        }
        double rate = n / seconds;
        System.out.printf("ImportBenchmark %,d lines: %.1f s, %,.0f lines/s (baseline parse+grade only %,.0f lines/s, ratio %.2f);"
                + " peak heap: pools %,d MB, sampled in use %,d MB (max heap %,d MB); store %,d bytes = %,.1f KB per assessment%n",
                n, seconds, rate, baseline, rate / baseline, poolPeaks >> 20, sampled.get() >> 20,
                Runtime.getRuntime().maxMemory() >> 20, bytes, bytes / 1024.0 / n);
    }

    /** Reading, parsing and grading every line as import does, without the store. */
    private static double baseline(Path file, int n) throws Exception {
        PolicyRegistry registry = PolicyRegistry.load(null);
        GradingEngine engine = new GradingEngine(registry.packs(), registry.inForce("dash-2009"));
        InstrumentPack main = registry.packs().require("dash-2009");
        long t0 = System.nanoTime();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                ImportLine parsed = ImportLine.parse(AnswerSheets.read(line.getBytes(StandardCharsets.UTF_8)), main);
                engine.grade(parsed.content().gradingInput());
            }
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Synthetic sheets: random answers to the 27 questions, a few people and incident fields. */
    private static void write(Path file, int n) throws Exception {
        Random random = new Random(42);
        String[] choices = {"yes", "no", "dont_know"};
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            for (int i = 0; i < n; i++) {
                StringBuilder answers = new StringBuilder();
                for (int q = 1; q <= 27; q++) {
                    answers.append(q == 1 ? "" : ",").append("\"Q").append(q).append("\":\"")
                            .append(choices[random.nextInt(choices.length)]).append('"');
                }
                w.write("{\"pack\":\"dash-2009\",\"collarNumber\":\"" + (1000 + random.nextInt(9000)) + "\",\"answers\":{" + answers
                        + "},\"victimName\":\"Synthetic V" + i + "\",\"abuserNames\":[\"Synthetic A" + i + "\"],"
                        + "\"incidentDate\":\"2026-11-20\",\"district\":\"District " + (i % 12) + "\",\"incidentReference\":\"SYN-" + i
                        + "\",\"policeCalloutsLast12Months\":" + random.nextInt(4) + "}");
                w.newLine();
            }
        }
    }

    private static PrintStream quiet() {
        return new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
    }

    private static final class InputStream0 {
        static final ByteArrayInputStream EMPTY = new ByteArrayInputStream(new byte[0]);
    }
}
