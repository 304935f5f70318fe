package org.dashdesk.grading;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dashdesk.instrument.PackRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Re-grading throughput over 100,000 generated answer sheets, as the central server and analysts
 * would re-grade a year's assessments. Prints figures; asserts nothing about speed.
 * Run: {@code mvn -B -Pbench test -Dtest=GradingBenchmark}.
 */
@Tag("benchmark")
class GradingBenchmark {

    private static final int SHEETS = 100_000;

    @Test
    void regradingThroughput() throws Exception {
        Random random = new Random(42);
        ObjectMapper mapper = new ObjectMapper();
        List<String> json = new ArrayList<>(SHEETS);
        Choice[] choices = Choice.values();
        for (int i = 0; i < SHEETS; i++) {
            Map<String, Object> sheet = new HashMap<>();
            sheet.put("pack", "dash-2009");
            sheet.put("incidentDate", "2026-11-20");
            Map<String, String> answers = new HashMap<>();
            for (int q = 1; q <= 27; q++) {
                answers.put("Q" + q, choices[random.nextInt(3)].jsonName());
            }
            for (int q = 1; q <= 11; q++) {
                if (random.nextInt(4) == 0) {
                    answers.put("S" + q, choices[random.nextInt(3)].jsonName());
                }
            }
            sheet.put("answers", answers);
            sheet.put("policeCalloutsLast12Months", random.nextInt(5));
            if (random.nextInt(10) == 0) {
                sheet.put("lastMaracReferral", "2026-0" + (1 + random.nextInt(9)) + "-01");
            }
            json.add(mapper.writeValueAsString(sheet));
        }
        GradingEngine engine = new GradingEngine(PackRegistry.builtIn(), GradingPolicy.builtInDefault());
        List<GradingInput> inputs = new ArrayList<>(SHEETS);
        for (String s : json) {
            inputs.add(AnswerSheets.parse(mapper.readTree(s)));
        }
        for (int warm = 0; warm < 3; warm++) {
            gradeAll(engine, inputs);
        }
        long t0 = System.nanoTime();
        int high = gradeAll(engine, inputs);
        double gradeSeconds = (System.nanoTime() - t0) / 1e9;

        long t1 = System.nanoTime();
        int high2 = 0;
        for (String s : json) {
            JsonNode node = mapper.readTree(s);
            if (engine.grade(AnswerSheets.parse(node)).level() == RiskLevel.HIGH) {
                high2++;
            }
        }
        double endToEndSeconds = (System.nanoTime() - t1) / 1e9;

        long t2 = System.nanoTime();
        int parsedOnly = 0;
        for (String s : json) {
            parsedOnly += AnswerSheets.parse(mapper.readTree(s)).answers().size();
        }
        double parseSeconds = (System.nanoTime() - t2) / 1e9;

        System.out.printf("GradingBenchmark: %,d generated answer sheets (%d graded high)%n", SHEETS, high);
        System.out.printf("  grade only (parsed input):       %,12.0f sheets/s  (%.3f s)%n", SHEETS / gradeSeconds, gradeSeconds);
        System.out.printf("  parse JSON + grade:              %,12.0f sheets/s  (%.3f s)%n", SHEETS / endToEndSeconds, endToEndSeconds);
        System.out.printf("  floor, parse JSON only:          %,12.0f sheets/s  (%.3f s)%n", SHEETS / parseSeconds, parseSeconds);
        System.out.printf("  ratio parse+grade / parse-only time: %.2f×  (checks %d = %d, %d answers parsed)%n",
                endToEndSeconds / parseSeconds, high, high2, parsedOnly);
    }

    private static int gradeAll(GradingEngine engine, List<GradingInput> inputs) {
        int high = 0;
        for (GradingInput in : inputs) {
            if (engine.grade(in).level() == RiskLevel.HIGH) {
                high++;
            }
        }
        return high;
    }
}
