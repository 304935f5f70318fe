package org.dashdesk.grading;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dashdesk.instrument.PackRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class GradingEngineTest {

    private static final PackRegistry PACKS = PackRegistry.builtIn();
    private static final GradingEngine ENGINE = new GradingEngine(PACKS, GradingPolicy.builtInDefault());
    private static final LocalDate INCIDENT = LocalDate.of(2026, 11, 20);

    /** Q1..Qn answered yes, the rest of Q1–Q27 answered no. */
    static Map<String, Choice> yes(int n) {
        Map<String, Choice> answers = new HashMap<>();
        for (int i = 1; i <= 27; i++) {
            answers.put("Q" + i, i <= n ? Choice.YES : Choice.NO);
        }
        return answers;
    }

    static GradingInput input(Map<String, Choice> answers, Integer callouts, LocalDate lastMarac, ProfessionalJudgement pj) {
        return new GradingInput("dash-2009", INCIDENT, answers, true, callouts, lastMarac, pj);
    }

    /**
     * A synthetic force policy: the default bands and triggers plus one rule, "Q18 (strangulation)
     * yes → at least medium", as a force would add it without code.
     */
    static final GradingPolicy FORCE_RULE_POLICY = forceRulePolicy();
    private static final GradingEngine FORCE_ENGINE = new GradingEngine(PACKS, FORCE_RULE_POLICY);

    private static GradingPolicy forceRulePolicy() {
        try (var in = GradingEngineTest.class.getResourceAsStream("/org/dashdesk/grading/policies/dash-2009-default.json")) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("\"id\": \"dash-2009-default\"", "\"id\": \"test-force-rule\"")
                    .replace("\"rules\": []", "\"rules\": [{\"criterion\": \"STRANGULATION\", \"anyYes\": [\"Q18\"], "
                            + "\"atLeast\": \"medium\", \"reason\": \"Non-fatal strangulation\"}]");
            GradingPolicy policy = GradingPolicy.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "test-force-rule.json");
            policy.checkAgainst(PACKS, "test-force-rule.json");
            return policy;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A row of the default table: Q1..Qn yes, the rest no, children present, default policy. */
    static Arguments base(int yesCount, Integer callouts, String lastMarac, String judgement, String level, String computed,
            boolean marac, List<String> criteria) {
        return row(yesCount, "", true, callouts, lastMarac, judgement, "default", level, computed, marac, criteria, 0);
    }

    /**
     * @param extra      answers changed after Q1..Qn yes / rest no: "Q14=dont_know", "Q9=-" (unanswered),
     *                   "S-DASH=yes" / "H-DASH=yes" (every question of that pack)
     * @param judgement  "medium" (with reasons), "high/blank" (no reasons) or null
     * @param level      expected level, or "refused FIELD" when the engine must refuse the input
     * @param unanswered expected number of unanswered checklist questions
     */
    static Arguments row(int yesCount, String extra, Boolean children, Integer callouts, String lastMarac, String judgement,
            String policy, String level, String computed, boolean marac, List<String> criteria, int unanswered) {
        return Arguments.of(yesCount, extra, children, callouts, lastMarac, judgement, policy, level, computed, marac, criteria,
                unanswered);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                // yes count, call-outs, last MARAC, judgement, expected level, computed, MARAC, criteria

                base(0, null, null, null, "standard", "standard", false, List.of()),
                base(9, null, null, null, "standard", "standard", false, List.of()),
                base(10, null, null, null, "medium", "medium", false, List.of()),
                base(13, null, null, null, "medium", "medium", false, List.of()),
                base(14, null, null, null, "high", "high", true, List.of("VISIBLE_HIGH_RISK")),
                base(27, null, null, null, "high", "high", true, List.of("VISIBLE_HIGH_RISK")),
                base(2, 2, null, null, "standard", "standard", false, List.of()),
                base(2, 3, null, null, "high", "high", true, List.of("ESCALATION")),
                base(15, 7, null, null, "high", "high", true, List.of("VISIBLE_HIGH_RISK", "ESCALATION")),
                base(1, 0, "2025-11-20", null, "high", "high", true, List.of("REPEAT_MARAC")),
                base(1, 0, "2025-11-19", null, "standard", "standard", false, List.of()),
                base(1, 0, "2026-11-20", null, "high", "high", true, List.of("REPEAT_MARAC")),
                base(1, 0, "2026-11-21", null, "standard", "standard", false, List.of()),
                base(3, null, null, "medium", "medium", "standard", false, List.of("PROFESSIONAL_JUDGEMENT")),
                base(3, null, null, "high", "high", "standard", true, List.of("PROFESSIONAL_JUDGEMENT")),
                base(11, null, null, "high", "high", "medium", true, List.of("PROFESSIONAL_JUDGEMENT")),
                base(11, null, null, "medium", "medium", "medium", false, List.of()),
                base(2, 3, null, "high", "high", "high", true, List.of("ESCALATION")),
                // Don't know never counts, right at the 9/10 and 13/14 boundaries.
                row(13, "Q14=dont_know", true, null, null, null, "default", "medium", "medium", false, List.of(), 0),
                row(13, "Q14=dont_know Q15=dont_know Q16=dont_know Q17=dont_know", true, null, null, null, "default", "medium", "medium",
                        false, List.of(), 0),
                row(14, "Q14=dont_know", true, null, null, null, "default", "medium", "medium", false, List.of(), 0),
                row(14, "Q15=dont_know", true, null, null, null, "default", "high", "high", true, List.of("VISIBLE_HIGH_RISK"), 0),
                row(10, "Q10=dont_know", true, null, null, null, "default", "standard", "standard", false, List.of(), 0),
                // S-DASH and H-DASH are reported separately and never move the band.
                row(9, "S-DASH=yes H-DASH=yes", true, null, null, null, "default", "standard", "standard", false, List.of(), 0),
                row(13, "S-DASH=yes H-DASH=yes", true, null, null, null, "default", "medium", "medium", false, List.of(), 0),
                // A force rule "any of these yes → at least LEVEL", from a test policy.
                row(2, "", true, null, null, null, "force", "standard", "standard", false, List.of(), 0),
                row(2, "Q18=yes", true, null, null, null, "force", "medium", "medium", false, List.of("STRANGULATION"), 0),
                row(2, "Q18=dont_know", true, null, null, null, "force", "standard", "standard", false, List.of(), 0),
                row(2, "Q18=yes", true, null, null, null, "default", "standard", "standard", false, List.of(), 0),
                row(14, "Q18=yes", true, null, null, null, "force", "high", "high", true, List.of("VISIBLE_HIGH_RISK", "STRANGULATION"), 0),
                row(2, "Q18=yes", true, 3, null, null, "force", "high", "high", true, List.of("ESCALATION", "STRANGULATION"), 0),
                row(2, "Q18=yes", true, null, null, "high", "force", "high", "medium", true,
                        List.of("STRANGULATION", "PROFESSIONAL_JUDGEMENT"), 0),
                row(2, "Q18=yes", true, null, null, "standard", "force", "refused professionalJudgement.level", null, false, List.of(), 0),
                // The children section (Q9–Q12) is skipped from the unanswered list only when there are none.
                row(2, "Q9=- Q10=- Q11=- Q12=-", false, null, null, null, "default", "standard", "standard", false, List.of(), 0),
                row(2, "Q9=- Q10=- Q11=- Q12=-", true, null, null, null, "default", "standard", "standard", false, List.of(), 4),
                row(2, "Q9=- Q10=- Q11=- Q12=-", null, null, null, null, "default", "standard", "standard", false, List.of(), 4),
                row(2, "Q9=- Q13=-", false, null, null, null, "default", "standard", "standard", false, List.of(), 1),
                // A judgement below the computed level, or without reasons, is refused.
                row(14, "", true, null, null, "medium", "default", "refused professionalJudgement.level", null, false, List.of(), 0),
                row(2, "", true, 3, null, "medium", "default", "refused professionalJudgement.level", null, false, List.of(), 0),
                row(1, "", true, null, "2026-01-01", "standard", "default", "refused professionalJudgement.level", null, false, List.of(), 0),
                row(3, "", true, null, null, "high/blank", "default", "refused professionalJudgement.rationale", null, false, List.of(), 0));
    }

    /** Q1..Qn yes, the rest of Q1–Q27 no, then {@code extra} applied. */
    static Map<String, Choice> answers(int yesCount, String extra) {
        Map<String, Choice> answers = yes(yesCount);
        for (String change : extra.isBlank() ? new String[0] : extra.strip().split(" +")) {
            String[] kv = change.split("=");
            if (kv[0].endsWith("-DASH")) {
                String prefix = kv[0].substring(0, 1);
                PACKS.require(kv[0].toLowerCase(java.util.Locale.ROOT)).questions()
                        .forEach(q -> answers.put(q.id(), Choice.fromJson(kv[1])));
                assertTrue(answers.keySet().stream().anyMatch(id -> id.startsWith(prefix)));
            } else if (kv[1].equals("-")) {
                answers.remove(kv[0]);
            } else {
                answers.put(kv[0], Choice.fromJson(kv[1]));
            }
        }
        return answers;
    }

    @ParameterizedTest(name = "{0} yes {1}, children {2}, {3} call-outs, last MARAC {4}, judgement {5}, {6} policy → {7}")
    @MethodSource("table")
    void gradesEveryRuleAndBoundary(int yesCount, String extra, Boolean children, Integer callouts, String lastMarac,
            String judgement, String policy, String level, String computed, boolean marac, List<String> criteria, int unanswered) {
        ProfessionalJudgement pj = judgement == null ? null : new ProfessionalJudgement(RiskLevel.fromJson(judgement.replace("/blank", "")),
                judgement.endsWith("/blank") ? " " : "synthetic reasons");
        Map<String, Choice> answers = answers(yesCount, extra);
        GradingInput in = new GradingInput("dash-2009", INCIDENT, answers, children, callouts,
                lastMarac == null ? null : LocalDate.parse(lastMarac), pj);
        GradingEngine engine = policy.equals("force") ? FORCE_ENGINE : ENGINE;
        if (level.startsWith("refused ")) {
            assertEquals(level.substring("refused ".length()), assertThrows(GradingException.class, () -> engine.grade(in)).field());
            return;
        }
        GradingResult r = engine.grade(in);
        assertEquals(level, r.level().jsonName());
        assertEquals(computed, r.computedLevel().jsonName());
        long checklistYes = answers.entrySet().stream().filter(e -> e.getKey().matches("Q([1-9]|1[0-9]|2[0-7])") && e.getValue() == Choice.YES).count();
        assertEquals(checklistYes, r.yesCount());
        assertEquals(marac, r.maracReferral());
        assertEquals(criteria, r.criteria());
        assertEquals(policy.equals("force") ? "test-force-rule" : "dash-2009-default", r.policyId());
        assertEquals("1.0", r.policyVersion());
        assertEquals(unanswered, r.unanswered().size(), r.unanswered().toString());
        assertFalse(r.reasons().isEmpty());
        if (extra.contains("S-DASH")) {
            assertEquals(11, r.packScores().get("s-dash"));
            assertEquals(10, r.packScores().get("h-dash"));
        }
    }

    @Test
    void dontKnowNeverCounts() {
        Map<String, Choice> answers = yes(13);
        answers.put("Q14", Choice.DONT_KNOW);
        answers.put("Q15", Choice.DONT_KNOW);
        GradingResult r = ENGINE.grade(input(answers, null, null, null));
        assertEquals(13, r.yesCount());
        assertEquals(RiskLevel.MEDIUM, r.level());
        assertTrue(r.reasons().stream().anyMatch(s -> s.contains("2 answered Don't know")));
    }

    @Test
    void supplementaryPacksAreCountedSeparatelyAndNeverMoveTheBand() {
        Map<String, Choice> answers = yes(9);
        for (int i = 1; i <= 11; i++) {
            answers.put("S" + i, Choice.YES);
        }
        for (int i = 1; i <= 10; i++) {
            answers.put("H" + i, Choice.YES);
        }
        GradingResult r = ENGINE.grade(input(answers, null, null, null));
        assertEquals(RiskLevel.STANDARD, r.level());
        assertEquals(9, r.yesCount());
        assertEquals(Map.of("dash-2009", 9, "s-dash", 11, "h-dash", 10), r.packScores());
        assertEquals(List.of("dash-2009", "h-dash", "s-dash"), List.copyOf(r.packScores().keySet()));
    }

    @Test
    void judgementBelowComputedLevelIsRefused() {
        GradingException e = assertThrows(GradingException.class, () -> ENGINE.grade(
                input(yes(14), null, null, new ProfessionalJudgement(RiskLevel.MEDIUM, "reasons"))));
        assertEquals("professionalJudgement.level", e.field());
        assertTrue(e.getMessage().contains("never lower"));
    }

    @Test
    void judgementWithoutRationaleIsRefused() {
        for (String blank : Arrays.asList(null, "", "   ")) {
            GradingException e = assertThrows(GradingException.class,
                    () -> ENGINE.grade(input(yes(1), null, null, new ProfessionalJudgement(RiskLevel.HIGH, blank))));
            assertEquals("professionalJudgement.rationale", e.field());
        }
    }

    @Test
    void unknownQuestionAndNonChoiceQuestionAreRefused() {
        Map<String, Choice> answers = yes(1);
        answers.put("Q28", Choice.YES);
        assertEquals("answers.Q28", assertThrows(GradingException.class, () -> ENGINE.grade(input(answers, null, null, null))).field());
        Map<String, Choice> freeText = yes(1);
        freeText.put("O1", Choice.YES);
        assertEquals("answers.O1", assertThrows(GradingException.class, () -> ENGINE.grade(input(freeText, null, null, null))).field());
    }

    @Test
    void unknownPackIsRefused() {
        GradingException e = assertThrows(GradingException.class,
                () -> ENGINE.grade(new GradingInput("dash-1999", null, Map.of(), null, null, null, null)));
        assertEquals("pack", e.field());
    }

    @Test
    void unansweredListsChecklistGapsAndSkipsChildrenSectionWhenThereAreNone() {
        Map<String, Choice> answers = Map.of("Q1", Choice.YES, "Q2", Choice.NO);
        GradingResult withChildren = ENGINE.grade(new GradingInput("dash-2009", INCIDENT, answers, true, null, null, null));
        assertEquals(25, withChildren.unanswered().size());
        assertTrue(withChildren.unanswered().contains("Q10"));
        GradingResult noChildren = ENGINE.grade(new GradingInput("dash-2009", INCIDENT, answers, false, null, null, null));
        assertEquals(21, noChildren.unanswered().size());
        assertFalse(noChildren.unanswered().contains("Q9"));
        assertFalse(noChildren.unanswered().contains("Q12"));
    }

    @Test
    void repeatMaracNeedsAnIncidentDateAndSaysSo() {
        GradingResult r = ENGINE.grade(new GradingInput("dash-2009", null, yes(1), true, null, LocalDate.of(2026, 1, 1), null));
        assertEquals(RiskLevel.STANDARD, r.level());
        assertTrue(r.reasons().stream().anyMatch(s -> s.startsWith("Repeat MARAC not evaluated")));
    }

    @Test
    void sameInputSameOutput() {
        GradingInput in = input(yes(12), 1, LocalDate.of(2025, 1, 1), new ProfessionalJudgement(RiskLevel.HIGH, "r"));
        assertEquals(ENGINE.grade(in), ENGINE.grade(in));
    }

    @Test
    void policyRulesRaiseTheLevelWithoutCode() {
        String json = """
                {"id":"force-x","version":"2","pack":"dash-2009",
                 "countedQuestions":["Q1","Q2","Q3","Q18"],
                 "bands":[{"level":"standard","minYes":0},{"level":"high","minYes":3,"criterion":"VISIBLE_HIGH_RISK"}],
                 "escalation":{"minCallouts":5,"level":"high","criterion":"ESCALATION"},
                 "maracLevel":"high",
                 "rules":[{"criterion":"STRANGULATION","anyYes":["Q18"],"atLeast":"medium","reason":"Non-fatal strangulation"}]}
                """;
        GradingPolicy policy = GradingPolicy.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "force-x.json");
        GradingEngine engine = new GradingEngine(PACKS, policy);
        GradingResult r = engine.grade(input(Map.of("Q18", Choice.YES), 4, null, null));
        assertEquals(RiskLevel.MEDIUM, r.level());
        assertEquals(List.of("STRANGULATION"), r.criteria());
        assertEquals("force-x", r.policyId());
        assertEquals(RiskLevel.HIGH, engine.grade(input(Map.of("Q18", Choice.YES), 5, null, null)).level());
        assertEquals(RiskLevel.HIGH, engine.grade(input(Map.of("Q1", Choice.YES, "Q2", Choice.YES, "Q3", Choice.YES), null, null, null)).level());
    }

    @Test
    void badPolicyIsRefusedNamingThePath() {
        String json = """
                {"id":"p","version":"1","pack":"dash-2009","countedQuestions":["Q1"],
                 "bands":[{"level":"standard","minYes":0},{"level":"severe","minYes":3}],"maracLevel":"high"}
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GradingPolicy.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), "p.json"));
        assertTrue(e.getMessage().startsWith("p.json: $.bands[1].level:"), e.getMessage());
    }
}
