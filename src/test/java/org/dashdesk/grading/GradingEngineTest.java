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

    static Stream<Arguments> table() {
        return Stream.of(
                // yes count, call-outs, last MARAC, judgement, expected level, computed, MARAC, criteria
                Arguments.of(0, null, null, null, "standard", "standard", false, List.of()),
                Arguments.of(9, null, null, null, "standard", "standard", false, List.of()),
                Arguments.of(10, null, null, null, "medium", "medium", false, List.of()),
                Arguments.of(13, null, null, null, "medium", "medium", false, List.of()),
                Arguments.of(14, null, null, null, "high", "high", true, List.of("VISIBLE_HIGH_RISK")),
                Arguments.of(27, null, null, null, "high", "high", true, List.of("VISIBLE_HIGH_RISK")),
                Arguments.of(2, 2, null, null, "standard", "standard", false, List.of()),
                Arguments.of(2, 3, null, null, "high", "high", true, List.of("ESCALATION")),
                Arguments.of(15, 7, null, null, "high", "high", true, List.of("VISIBLE_HIGH_RISK", "ESCALATION")),
                Arguments.of(1, 0, "2025-11-20", null, "high", "high", true, List.of("REPEAT_MARAC")),
                Arguments.of(1, 0, "2025-11-19", null, "standard", "standard", false, List.of()),
                Arguments.of(1, 0, "2026-11-20", null, "high", "high", true, List.of("REPEAT_MARAC")),
                Arguments.of(1, 0, "2026-11-21", null, "standard", "standard", false, List.of()),
                Arguments.of(3, null, null, "medium", "medium", "standard", false, List.of("PROFESSIONAL_JUDGEMENT")),
                Arguments.of(3, null, null, "high", "high", "standard", true, List.of("PROFESSIONAL_JUDGEMENT")),
                Arguments.of(11, null, null, "high", "high", "medium", true, List.of("PROFESSIONAL_JUDGEMENT")),
                Arguments.of(11, null, null, "medium", "medium", "medium", false, List.of()),
                Arguments.of(2, 3, null, "high", "high", "high", true, List.of("ESCALATION")));
    }

    @ParameterizedTest(name = "{0} yes, {1} call-outs, last MARAC {2}, judgement {3} → {4}")
    @MethodSource("table")
    void gradesEveryRuleAndBoundary(int yesCount, Integer callouts, String lastMarac, String judgement, String level,
            String computed, boolean marac, List<String> criteria) {
        ProfessionalJudgement pj = judgement == null ? null : new ProfessionalJudgement(RiskLevel.fromJson(judgement), "synthetic reasons");
        GradingResult r = ENGINE.grade(input(yes(yesCount), callouts, lastMarac == null ? null : LocalDate.parse(lastMarac), pj));
        assertEquals(level, r.level().jsonName());
        assertEquals(computed, r.computedLevel().jsonName());
        assertEquals(yesCount, r.yesCount());
        assertEquals(marac, r.maracReferral());
        assertEquals(criteria, r.criteria());
        assertEquals("dash-2009-default", r.policyId());
        assertEquals("1.0", r.policyVersion());
        assertFalse(r.reasons().isEmpty());
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
