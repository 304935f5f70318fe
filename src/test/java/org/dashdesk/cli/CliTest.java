package org.dashdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The {@code grade} and {@code packs} commands, in-process and as a real {@code java} process. */
class CliTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8))
                .run(List.of(args));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static final String SHEET = """
            {"pack":"dash-2009","incidentDate":"2026-11-20","answers":{"Q1":"yes","Q2":"dont_know","S3":"no","Q18":"yes"},
             "policeCalloutsLast12Months":2,"lastMaracReferral":"2025-03-01",
             "professionalJudgement":{"level":"medium","rationale":"synthetic reasons"}}
            """;

    @Test
    void gradesFromStdinAsJson() throws IOException {
        Run r = run(SHEET, "grade", "-");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("medium", json.get("level").asText());
        assertEquals("standard", json.get("computedLevel").asText());
        assertEquals(2, json.get("yesCount").asInt());
        assertEquals(2, json.get("packScores").get("dash-2009").asInt());
        assertEquals(0, json.get("packScores").get("s-dash").asInt());
        assertEquals(false, json.get("maracReferral").asBoolean());
        assertEquals("PROFESSIONAL_JUDGEMENT", json.get("criteria").get(0).asText());
        assertTrue(json.get("reasons").size() >= 2);
        assertEquals(24, json.get("unanswered").size());
        assertEquals("dash-2009-default", json.get("policy").get("id").asText());
        assertEquals("", r.err());
    }

    @Test
    void gradesFromFile(@TempDir Path dir) throws IOException {
        Path f = Files.writeString(dir.resolve("sheet.json"), SHEET);
        assertEquals(0, run("", "grade", f.toString()).code());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed|{\"pack\":|malformed JSON",
            "unknown pack|{\"pack\":\"nope\",\"answers\":{}}|pack: unknown pack 'nope'",
            "missing answers|{\"pack\":\"dash-2009\"}|answers: missing",
            "unknown question|{\"pack\":\"dash-2009\",\"answers\":{\"Q99\":\"yes\"}}|answers.Q99: unknown question id",
            "bad answer value|{\"pack\":\"dash-2009\",\"answers\":{\"Q1\":\"maybe\"}}|answers.Q1: 'maybe' is not an allowed answer",
            "number as answer|{\"pack\":\"dash-2009\",\"answers\":{\"Q1\":1}}|answers.Q1: 1 is not an allowed answer",
            "judgement without rationale|{\"pack\":\"dash-2009\",\"answers\":{},\"professionalJudgement\":{\"level\":\"high\"}}|professionalJudgement.rationale:",
            "judgement below computed|{\"pack\":\"dash-2009\",\"answers\":{},\"policeCalloutsLast12Months\":3,\"professionalJudgement\":{\"level\":\"standard\",\"rationale\":\"r\"}}|professionalJudgement.level:",
            "bad level|{\"pack\":\"dash-2009\",\"answers\":{},\"professionalJudgement\":{\"level\":\"severe\",\"rationale\":\"r\"}}|professionalJudgement.level:",
            "bad date|{\"pack\":\"dash-2009\",\"answers\":{},\"incidentDate\":\"20/11/2026\"}|incidentDate:",
            "negative callouts|{\"pack\":\"dash-2009\",\"answers\":{},\"policeCalloutsLast12Months\":-1}|policeCalloutsLast12Months:",
            "not an object|[1,2]|$: an answer sheet must be a JSON object",
            "trailing garbage|{\"pack\":\"dash-2009\",\"answers\":{}} garbage|$: unexpected content after the end of the JSON value at line 1, column",
            "extra closing brace|{\"pack\":\"dash-2009\",\"answers\":{}}}|$: unexpected content after the end of the JSON value at line 1, column",
            "second sheet after the first|{\"pack\":\"dash-2009\",\"answers\":{}} {}|$: unexpected content after the end",
            "duplicate answer key|{\"pack\":\"dash-2009\",\"answers\":{\"Q1\":\"yes\",\"Q1\":\"no\"}}|answers.Q1: duplicate key 'Q1'",
            "duplicate top-level key|{\"pack\":\"dash-2009\",\"pack\":\"s-dash\",\"answers\":{}}|pack: duplicate key 'pack'",
            "misspelt judgement|{\"pack\":\"dash-2009\",\"answers\":{},\"professionalJudgment\":{\"level\":\"high\",\"rationale\":\"r\"}}|professionalJudgment: unknown field (did you mean 'professionalJudgement'?)",
            "unknown call-out field|{\"pack\":\"dash-2009\",\"answers\":{},\"policeCallouts\":5}|policeCallouts: unknown field",
            "unknown judgement field|{\"pack\":\"dash-2009\",\"answers\":{},\"professionalJudgement\":{\"level\":\"high\",\"rationale\":\"r\",\"rationals\":\"s\"}}|professionalJudgement.rationals: unknown field (did you mean 'rationale'?)",
            "import-only field|{\"pack\":\"dash-2009\",\"answers\":{},\"collarNumber\":\"1234\"}|collarNumber: unknown field",
            "call-outs as text|{\"pack\":\"dash-2009\",\"answers\":{},\"policeCalloutsLast12Months\":\"3\"}|policeCalloutsLast12Months: must be a whole number",
            "call-outs with a fraction|{\"pack\":\"dash-2009\",\"answers\":{},\"policeCalloutsLast12Months\":2.5}|policeCalloutsLast12Months: must be a whole number",
            "children in quotes|{\"pack\":\"dash-2009\",\"answers\":{},\"childrenOrDependants\":\"true\"}|childrenOrDependants: must be true or false",
            "date as a number|{\"pack\":\"dash-2009\",\"answers\":{},\"incidentDate\":20261120}|incidentDate: must be a date as text",
            "pack as a number|{\"pack\":2009,\"answers\":{}}|pack: must be text",
            "answers as a list|{\"pack\":\"dash-2009\",\"answers\":[\"yes\"]}|answers: must be an object of question id",
            "judgement as text|{\"pack\":\"dash-2009\",\"answers\":{},\"professionalJudgement\":\"high\"}|professionalJudgement: must be an object with level and rationale"})
    void badInputExitsTwoWithOneLineNamingTheField(String name, String sheet, String expected) {
        Run r = run(sheet, "grade", "-");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains(expected), r.err());
    }

    @Test
    void missingFileExitsTwo() {
        Run r = run("", "grade", "/nonexistent/sheet.json");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("no such file"));
    }

    @Test
    void packsListsVersionsAndSources() {
        Run r = run("", "packs");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("dash-2009") && r.out().contains("s-dash") && r.out().contains("h-dash"));
        assertTrue(r.out().contains("© Laura Richards (2009)"));
        assertTrue(r.out().contains("2009.1-dashdesk.1"));
    }

    @Test
    void packsReportsRefusedForceFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{\"id\":\"x\"}");
        Run r = run("", "packs", "--pack-dir", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("broken.json: $.title: missing"), r.err());
        assertTrue(r.out().contains("dash-2009"));
    }

    /** A force directory: one supplementary question K1 and a policy (in force) where K1 or Q18 yes → high. */
    static Path forceDirectory(Path dir) throws IOException {
        Files.writeString(dir.resolve("test-supp.json"), """
                {"id":"test-supp","title":"Force supplementary","version":"1","source":"test","copyright":"synthetic",
                 "language":"en-GB","supplements":"dash-2009",
                 "sections":[{"id":"force","title":"Force questions","questions":[
                   {"id":"K1","kind":"yes_no","text":"Has (…) access to firearms?","wording":{"status":"application","source":"synthetic"}}]}]}
                """);
        Path policies = Files.createDirectories(dir.resolve("policies"));
        Files.writeString(policies.resolve("test-force.json"), """
                {"id":"test-force-2026","version":"3","pack":"dash-2009","countedQuestions":["Q1","Q2","Q18"],
                 "bands":[{"level":"standard","minYes":0},{"level":"high","minYes":3,"criterion":"VISIBLE_HIGH_RISK"}],
                 "maracLevel":"high",
                 "rules":[{"criterion":"FIREARMS","anyYes":["K1"],"atLeast":"high","reason":"Access to firearms"}]}
                """);
        Files.writeString(policies.resolve("in-force.json"), "{\"dash-2009\":\"test-force-2026\"}");
        return dir;
    }

    @Test
    void gradeWithPackDirUsesTheForcePacksAndThePolicyInForce(@TempDir Path dir) throws IOException {
        forceDirectory(dir);
        String sheet = "{\"pack\":\"dash-2009\",\"answers\":{\"K1\":\"yes\"}}";
        Run builtIn = run(sheet, "grade", "-");
        assertEquals(2, builtIn.code(), "without the force directory K1 is no question");
        assertTrue(builtIn.err().contains("answers.K1: unknown question id"), builtIn.err());

        Run r = run(sheet, "grade", "-", "--pack-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("high", json.get("level").asText());
        assertEquals("FIREARMS", json.get("criteria").get(0).asText());
        assertEquals("test-force-2026", json.get("policy").get("id").asText());
        assertEquals("3", json.get("policy").get("version").asText());
        assertEquals(1, json.get("packScores").get("test-supp").asInt());

        Run chosen = run("{\"pack\":\"dash-2009\",\"answers\":{\"Q1\":\"yes\"}}", "grade", "--pack-dir", dir.toString(),
                "--policy", "dash-2009-default", "-");
        assertEquals(0, chosen.code(), chosen.err());
        assertEquals("dash-2009-default", new ObjectMapper().readTree(chosen.out()).get("policy").get("id").asText());
    }

    @Test
    void gradeRefusesAnUnknownPolicyOrPackDirectory(@TempDir Path dir) {
        Run r = run(SHEET, "grade", "-", "--policy", "test-nope");
        assertEquals(2, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("grade: --policy: no loaded policy 'test-nope' (loaded: dash-2009-default)"), r.err());
        Run missing = run(SHEET, "grade", "-", "--pack-dir", dir.resolve("absent").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--pack-dir"), missing.err());
        assertEquals(2, run(SHEET, "grade", "-", "--colour", "red").code());
        assertEquals(2, run(SHEET, "grade", "-", "--policy").code());
    }

    @Test
    void gradeWarnsAboutRefusedForceFilesButGradesWithWhatLoaded(@TempDir Path dir) throws IOException {
        forceDirectory(dir);
        Files.writeString(dir.resolve("policies").resolve("broken.json"), "{\"id\":\"test-broken\"} garbage");
        Run r = run("{\"pack\":\"dash-2009\",\"answers\":{\"K1\":\"yes\"}}", "grade", "-", "--pack-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("grade: warning: refused " + dir.resolve("policies").resolve("broken.json") + ": $: unexpected content"),
                r.err());
        assertEquals("test-force-2026", new ObjectMapper().readTree(r.out()).get("policy").get("id").asText());
    }

    @Test
    void packsListsPoliciesAndWhichIsInForce(@TempDir Path dir) throws IOException {
        Run builtIn = run("", "packs");
        assertTrue(builtIn.out().contains("dash-2009-default    1.0        grades dash-2009  (in force)"), builtIn.out());
        forceDirectory(dir);
        Run r = run("", "packs", "--pack-dir", dir.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("test-supp"), r.out());
        assertTrue(r.out().contains("dash-2009-default    1.0        grades dash-2009\n"), r.out());
        assertTrue(r.out().contains("test-force-2026      3          grades dash-2009  (in force)"), r.out());
        assertTrue(r.out().contains("from: " + dir.resolve("policies").resolve("test-force.json")), r.out());
    }

    @Test
    void packsReportsARefusedPolicyFile(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(dir.resolve("policies").resolve("typo.json"), """
                {"id":"test-typo","version":"1","pack":"dash-2009","countedQuestions":["Q1"],
                 "bands":[{"level":"standard","minYes":0}],"maracLevel":"high","rulez":[]}
                """);
        Run r = run("", "packs", "--pack-dir", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("typo.json: $.rulez: unknown field (did you mean 'rules'?)"), r.err());
    }

    @Test
    void unknownCommandExitsTwo() {
        assertEquals(2, run("", "frobnicate").code());
    }

    /** The real jar entry point in a separate JVM, as an analyst would run it. */
    @Test
    void launcherRunsGradeHeadlessInItsOwnProcess(@TempDir Path dir) throws Exception {
        Path sheet = Files.writeString(dir.resolve("sheet.json"), SHEET);
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"), "org.dashdesk.Launcher", "grade",
                sheet.toString()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());
        assertEquals("medium", new ObjectMapper().readTree(out).get("level").asText());

        Process bad = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.dashdesk.Launcher", "grade", "-").start();
        bad.getOutputStream().write("{\"pack\":\"dash-2009\",\"answers\":{\"Q1\":\"perhaps\"}}".getBytes(StandardCharsets.UTF_8));
        bad.getOutputStream().close();
        String err = new String(bad.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(bad.waitFor(60, TimeUnit.SECONDS));
        assertEquals(2, bad.exitValue());
        assertTrue(err.startsWith("grade: answers.Q1:"), err);
    }
}
