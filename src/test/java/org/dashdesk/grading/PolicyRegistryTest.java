package org.dashdesk.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.dashdesk.instrument.PackValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Force grading policies: loaded from the pack directory, checked against the packs, chosen by id. */
class PolicyRegistryTest {

    @TempDir
    Path packDir;

    /** A synthetic force policy: Q1–Q27 counted, medium from 8, high from 12, one strangulation rule. */
    static final String FORCE_POLICY = """
            {"id":"test-force-2026","version":"1","pack":"dash-2009","description":"synthetic test policy",
             "countedQuestions":[%s],
             "bands":[{"level":"standard","minYes":0},{"level":"medium","minYes":8},
                      {"level":"high","minYes":12,"criterion":"VISIBLE_HIGH_RISK"}],
             "escalation":{"minCallouts":5,"level":"high","criterion":"ESCALATION"},
             "maracLevel":"high",
             "rules":[{"criterion":"STRANGULATION","anyYes":["Q18"],"atLeast":"high","reason":"Non-fatal strangulation"}]}
            """.formatted(IntStream.rangeClosed(1, 27).mapToObj(i -> "\"Q" + i + "\"").collect(Collectors.joining(",")));

    private Path policy(String name, String json) throws IOException {
        Files.createDirectories(packDir.resolve(PolicyRegistry.POLICY_FOLDER));
        return Files.writeString(packDir.resolve(PolicyRegistry.POLICY_FOLDER).resolve(name), json, StandardCharsets.UTF_8);
    }

    private Path inForce(String json) throws IOException {
        return policy(PolicyRegistry.IN_FORCE_FILE, json);
    }

    @Test
    void builtInDefaultIsInForceForDash2009() {
        PolicyRegistry r = PolicyRegistry.builtIn();
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals(List.of("dash-2009-default"), r.all().stream().map(GradingPolicy::id).toList());
        assertEquals("dash-2009-default", r.inForce("dash-2009").id());
        assertEquals("pack", assertThrows(GradingException.class, () -> r.inForce("nope")).field());
        GradingException supplement = assertThrows(GradingException.class, () -> r.inForce("s-dash"));
        assertTrue(supplement.getMessage().contains("no grading policy is in force for pack 's-dash'"), supplement.getMessage());
    }

    @Test
    void forcePolicyChosenByIdInInForceFileGradesTheMainPack() throws IOException {
        policy("test-force.json", FORCE_POLICY);
        inForce("{\"dash-2009\":\"test-force-2026\"}");
        PolicyRegistry r = PolicyRegistry.load(packDir);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals(List.of("dash-2009-default", "test-force-2026"), r.all().stream().map(GradingPolicy::id).toList());
        GradingPolicy policy = r.inForce("dash-2009");
        assertEquals("test-force-2026", policy.id());
        GradingResult result = new GradingEngine(r.packs(), policy)
                .grade(new GradingInput("dash-2009", null, Map.of("Q18", Choice.YES), true, null, null, null));
        assertEquals(RiskLevel.HIGH, result.level());
        assertEquals(List.of("STRANGULATION"), result.criteria());
        assertEquals("test-force-2026", result.policyId());
        assertEquals("1", result.policyVersion());
    }

    @Test
    void aForceListsItsOwnNotAskedReasonsAndWithoutAListGetsTheStandardOnes() throws IOException {
        policy("reasons.json", FORCE_POLICY.replace("\"maracLevel\":\"high\"", "\"maracLevel\":\"high\",\"notAskedReasons\":"
                + "[{\"id\":\"interpreter_unavailable\",\"label\":\"No interpreter could be reached\"}]"));
        PolicyRegistry r = PolicyRegistry.load(packDir);
        GradingPolicy own = r.find("test-force-2026").orElseThrow();
        assertEquals(List.of(new GradingPolicy.NotAskedReason("interpreter_unavailable", "No interpreter could be reached")),
                own.notAskedReasons());
        assertEquals("No interpreter could be reached", own.notAskedLabel("interpreter_unavailable"));
        assertEquals(GradingPolicy.STANDARD_NOT_ASKED_REASONS, GradingPolicy.builtInDefault().notAskedReasons(),
                "the built-in policy file lists the standard reasons as data");
    }

    @Test
    void forcePolicyWithoutAnInForceEntryIsLoadedButTheBuiltInStaysInForce() throws IOException {
        policy("test-force.json", FORCE_POLICY);
        PolicyRegistry r = PolicyRegistry.load(packDir);
        assertTrue(r.find("test-force-2026").isPresent());
        assertEquals("dash-2009-default", r.inForce("dash-2009").id());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON|{\"id\":|$|not valid JSON",
            "trailing garbage|TRAILING|$|unexpected content after the end of the JSON value",
            "repeated key|DUPKEY|$.maracLevel|duplicate key 'maracLevel'",
            "misspelt top-level field|TOPTYPO|$.maracLevle|did you mean 'maracLevel'",
            "misspelt rule field|RULETYPO|$.rules[0].anyYess|did you mean 'anyYes'",
            "counted question not in the pack|COUNT99|$.countedQuestions[27]|'Q99' is not a question of pack 'dash-2009'",
            "counted free-text question|COUNTTEXT|$.countedQuestions[27]|'O1' takes free_text, not yes/no",
            "counted supplement question|COUNTS1|$.countedQuestions[27]|'S1' is not a question of pack 'dash-2009'",
            "counted twice|COUNTTWICE|$.countedQuestions[27]|'Q1' is listed twice",
            "rule names an unknown question|RULE99|$.rules[0].anyYes[1]|'Q99' is not a question of pack 'dash-2009' or its supplements",
            "band levels fall|FALLING|$.bands[2].level|'medium' does not rise above the previous band's 'high'",
            "band levels repeat|FLAT|$.bands[1].level|'standard' does not rise above the previous band's 'standard'",
            "unknown pack|NOPACK|$.pack|no pack with id 'dash-1999'",
            "grades a supplement|SUPPLEMENT|$.pack|'s-dash' supplements 'dash-2009'",
            "reuses the built-in id|BUILTINID|$.id|already given by built-in dash-2009-default.json",
            "a count written as text|MINTEXT|$.bands[1].minYes|must be a whole number",
            "a count with a fraction|MINFRACTION|$.bands[1].minYes|must be a whole number",
            "a level written as a number|LEVELNUMBER|$.maracLevel|must be text",
            "bands not an array|BANDSOBJECT|$.bands|must be an array",
            "escalation not an object|ESCALATIONTEXT|$.escalation|must be a JSON object",
            "a misspelt escalation field|ESCALATIONTYPO|$.escalation.minCallout|did you mean 'minCallouts'",
            "a not-asked reason listed twice|REASONTWICE|$.notAskedReasons[1].id|'declined' is listed twice",
            "a not-asked reason without words|REASONBLANK|$.notAskedReasons[0].label|missing or blank",
            "a not-asked reason id with spaces|REASONSPACES|$.notAskedReasons[0].id|lower-case letters"})
    void badPolicyIsRefusedNamingFileAndPathWhileBuiltInsStillLoad(String name, String variant, String path, String problem)
            throws IOException {
        String json = switch (variant) {
            case "TRAILING" -> FORCE_POLICY.strip() + " garbage";
            case "DUPKEY" -> FORCE_POLICY.replace("\"maracLevel\":\"high\"", "\"maracLevel\":\"high\",\"maracLevel\":\"medium\"");
            case "TOPTYPO" -> FORCE_POLICY.replace("\"maracLevel\":\"high\"", "\"maracLevel\":\"high\",\"maracLevle\":\"high\"");
            case "RULETYPO" -> FORCE_POLICY.replace("\"anyYes\":[\"Q18\"]", "\"anyYes\":[\"Q18\"],\"anyYess\":[\"Q20\"]");
            case "COUNT99" -> FORCE_POLICY.replace("\"Q27\"]", "\"Q27\",\"Q99\"]");
            case "COUNTTEXT" -> FORCE_POLICY.replace("\"Q27\"]", "\"Q27\",\"O1\"]");
            case "COUNTS1" -> FORCE_POLICY.replace("\"Q27\"]", "\"Q27\",\"S1\"]");
            case "COUNTTWICE" -> FORCE_POLICY.replace("\"Q27\"]", "\"Q27\",\"Q1\"]");
            case "RULE99" -> FORCE_POLICY.replace("\"anyYes\":[\"Q18\"]", "\"anyYes\":[\"Q18\",\"Q99\"]");
            case "FALLING" -> FORCE_POLICY.replace("{\"level\":\"medium\",\"minYes\":8}", "{\"level\":\"high\",\"minYes\":8}")
                    .replace("{\"level\":\"high\",\"minYes\":12,\"criterion\":\"VISIBLE_HIGH_RISK\"}", "{\"level\":\"medium\",\"minYes\":12}");
            case "FLAT" -> FORCE_POLICY.replace("{\"level\":\"medium\",\"minYes\":8}", "{\"level\":\"standard\",\"minYes\":8}");
            case "NOPACK" -> FORCE_POLICY.replace("\"pack\":\"dash-2009\"", "\"pack\":\"dash-1999\"");
            case "SUPPLEMENT" -> FORCE_POLICY.replace("\"pack\":\"dash-2009\"", "\"pack\":\"s-dash\"");
            case "BUILTINID" -> FORCE_POLICY.replace("test-force-2026", "dash-2009-default");
            case "MINTEXT" -> FORCE_POLICY.replace("\"minYes\":8", "\"minYes\":\"8\"");
            case "MINFRACTION" -> FORCE_POLICY.replace("\"minYes\":8", "\"minYes\":8.5");
            case "LEVELNUMBER" -> FORCE_POLICY.replace("\"maracLevel\":\"high\"", "\"maracLevel\":3");
            case "BANDSOBJECT" -> FORCE_POLICY.replaceAll("\"bands\":\\[[^\\]]*\\]", "\"bands\":{\"level\":\"standard\"}");
            case "ESCALATIONTEXT" -> FORCE_POLICY.replaceAll("\"escalation\":\\{[^}]*}", "\"escalation\":\"five call-outs\"");
            case "ESCALATIONTYPO" -> FORCE_POLICY.replace("\"minCallouts\":5", "\"minCallout\":5");
            case "REASONTWICE" -> FORCE_POLICY.replace("\"maracLevel\":\"high\"", "\"maracLevel\":\"high\",\"notAskedReasons\":"
                    + "[{\"id\":\"declined\",\"label\":\"Declined\"},{\"id\":\"declined\",\"label\":\"Said no\"}]");
            case "REASONBLANK" -> FORCE_POLICY.replace("\"maracLevel\":\"high\"", "\"maracLevel\":\"high\",\"notAskedReasons\":"
                    + "[{\"id\":\"declined\",\"label\":\" \"}]");
            case "REASONSPACES" -> FORCE_POLICY.replace("\"maracLevel\":\"high\"", "\"maracLevel\":\"high\",\"notAskedReasons\":"
                    + "[{\"id\":\"victim declined\",\"label\":\"Declined\"}]");
            default -> variant;
        };
        Path file = policy("bad.json", json);
        policy("good.json", FORCE_POLICY.replace("test-force-2026", "test-good"));
        inForce("{\"dash-2009\":\"test-good\"}");
        PolicyRegistry r = PolicyRegistry.load(packDir);
        assertEquals(1, r.policyProblems().size(), r.problems().toString());
        PolicyValidationException p = r.policyProblems().get(0);
        assertEquals(file.toString(), p.origin());
        assertEquals(path, p.jsonPath());
        assertTrue(p.getMessage().contains(problem), p.getMessage());
        assertTrue(r.find("dash-2009-default").isPresent());
        assertEquals("test-good", r.inForce("dash-2009").id(), "the good force policy still loads and is in force");
    }

    @Test
    void secondFileWithTheSamePolicyIdIsRefusedNamingBoth() throws IOException {
        Path first = policy("a.json", FORCE_POLICY);
        Path second = policy("b.json", FORCE_POLICY.replace("\"version\":\"1\"", "\"version\":\"2\""));
        PolicyRegistry r = PolicyRegistry.load(packDir);
        assertEquals(1, r.policyProblems().size(), r.problems().toString());
        assertEquals(second.toString(), r.policyProblems().get(0).origin());
        assertTrue(r.policyProblems().get(0).getMessage().contains(first.toString()));
        assertEquals("1", r.find("test-force-2026").orElseThrow().version());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "unknown policy|{\"dash-2009\":\"test-nope\"}|$.dash-2009|no loaded policy with id 'test-nope'",
            "unknown pack|{\"dash-1999\":\"test-force-2026\"}|$.dash-1999|no main pack with id 'dash-1999'",
            "policy for another pack|{\"s-dash\":\"test-force-2026\"}|$.s-dash|no main pack with id 's-dash'",
            "not text|{\"dash-2009\":3}|$.dash-2009|must be a policy id as text",
            "repeated pack|{\"dash-2009\":\"test-force-2026\",\"dash-2009\":\"test-force-2026\"}|$.dash-2009|duplicate key 'dash-2009'",
            "not an object|[\"test-force-2026\"]|$|must be a JSON object"})
    void badInForceEntryIsRefusedAndTheBuiltInPolicyStaysInForce(String name, String json, String path, String problem)
            throws IOException {
        policy("test-force.json", FORCE_POLICY);
        Path file = inForce(json);
        PolicyRegistry r = PolicyRegistry.load(packDir);
        assertEquals(1, r.policyProblems().size(), r.problems().toString());
        PolicyValidationException p = r.policyProblems().get(0);
        assertEquals(file.toString(), p.origin());
        assertEquals(path, p.jsonPath());
        assertTrue(p.getMessage().contains(problem), p.getMessage());
        assertEquals("dash-2009-default", r.inForce("dash-2009").id());
    }

    @Test
    void inForcePolicyThatWasRefusedLeavesTheBuiltInInForce() throws IOException {
        policy("test-force.json", FORCE_POLICY.replace("\"Q27\"]", "\"Q27\",\"Q99\"]"));
        inForce("{\"dash-2009\":\"test-force-2026\"}");
        PolicyRegistry r = PolicyRegistry.load(packDir);
        assertEquals(2, r.policyProblems().size(), r.problems().toString());
        assertTrue(r.policyProblems().get(1).getMessage().contains("policy 'dash-2009-default' stays in force"));
        assertEquals("dash-2009-default", r.inForce("dash-2009").id());
    }

    /** A force copy of dash-2009 keeping only Q1–{@code last}, in the pack format. */
    static String dashOverride(int last) {
        String questions = IntStream.rangeClosed(1, last).mapToObj(i -> """
                {"id":"Q%d","number":"%d","kind":"yes_no","text":"Synthetic question %d","wording":{"status":"application","source":"synthetic"}}"""
                .formatted(i, i, i)).collect(Collectors.joining(","));
        return """
                {"id":"dash-2009","title":"Synthetic override","version":"force-1","source":"test","copyright":"synthetic",
                 "language":"en-GB","sections":[{"id":"main","title":"Main","questions":[%s]}]}
                """.formatted(questions);
    }

    @Test
    void overrideOfDash2009LackingCountedQuestionsIsRefusedAndTheBuiltInPackStays() throws IOException {
        Path file = Files.writeString(packDir.resolve("dash-2009.json"), dashOverride(25));
        PolicyRegistry r = PolicyRegistry.load(packDir);
        assertEquals(1, r.packs().problems().size(), r.problems().toString());
        PackValidationException p = r.packs().problems().get(0);
        assertEquals(file.toString(), p.origin());
        assertEquals("$.sections", p.jsonPath());
        assertTrue(p.getMessage().contains("lacks Q26, Q27 as yes/no questions, which the built-in grading policy "
                + "'dash-2009-default' counts"), p.getMessage());
        assertEquals("2009.1-dashdesk.1", r.packs().require("dash-2009").version(), "the built-in dash-2009 is still in use");
        assertEquals("dash-2009-default", r.inForce("dash-2009").id());
    }

    @Test
    void overrideOfDash2009KeepingEveryCountedQuestionLoads() throws IOException {
        Files.writeString(packDir.resolve("dash-2009.json"), dashOverride(27));
        PolicyRegistry r = PolicyRegistry.load(packDir);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals("force-1", r.packs().require("dash-2009").version());
    }

    @Test
    void forcePolicyMayNameQuestionsOfAForceSupplement() throws IOException {
        Files.writeString(packDir.resolve("test-supp.json"), """
                {"id":"test-supp","title":"Force supplementary","version":"1","source":"test","copyright":"synthetic",
                 "language":"en-GB","supplements":"dash-2009",
                 "sections":[{"id":"force","title":"Force questions","questions":[
                   {"id":"K1","kind":"yes_no","text":"Has (…) access to firearms?","wording":{"status":"application","source":"synthetic"}}]}]}
                """);
        policy("test-force.json", FORCE_POLICY.replace("\"anyYes\":[\"Q18\"]", "\"anyYes\":[\"Q18\",\"K1\"]"));
        inForce("{\"dash-2009\":\"test-force-2026\"}");
        PolicyRegistry r = PolicyRegistry.load(packDir);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        GradingResult result = new GradingEngine(r.packs(), r.inForce("dash-2009"))
                .grade(new GradingInput("dash-2009", null, Map.of("K1", Choice.YES), true, null, null, null));
        assertEquals(RiskLevel.HIGH, result.level());
        assertEquals(0, result.yesCount(), "a supplement's question never joins the count");
    }
}
