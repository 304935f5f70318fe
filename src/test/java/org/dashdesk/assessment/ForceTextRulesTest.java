package org.dashdesk.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.dashdesk.grading.Choice;
import org.dashdesk.grading.ProfessionalJudgement;
import org.dashdesk.grading.RiskLevel;
import org.junit.jupiter.api.Test;

/** Issue 11: the force's text limits and collar-number format, as rules on an assessment's content. */
class ForceTextRulesTest {

    private static AssessmentContent content() {
        return new AssessmentContent("dash-2009", "2009", Channel.PHONE_IN, new Officer("4471", "PC Test"),
                new PhoneIn(new Officer("9001", "IMU Test"), "4471", "CALL-1", true),
                new People("Synthetic Victim", List.of("Synthetic Abuser"), List.of(), false),
                new Incident(null, "Synthetic Street", "Medway", "INC-1", null, null), Map.of(), null, Map.of());
    }

    @Test
    void everyFieldLongerThanItsLimitIsNamedWithWhereItIs() {
        TextLimits limits = TextLimits.DEFAULT;
        assertEquals(List.of(), limits.problems(content()));
        AssessmentContent c = content()
                .withPeople(new People("V".repeat(201), List.of("ok", "A".repeat(250)), List.of(), false))
                .withAnswer(new Answer("Q5", Choice.YES, "c".repeat(4001), "s".repeat(4000), null, null, null, null))
                .withJudgement(new ProfessionalJudgement(RiskLevel.HIGH, "r".repeat(4002)));
        List<TextLimits.TooLong> found = limits.tooLong(c);
        assertEquals(List.of(
                new TextLimits.TooLong(TextLimits.Place.DETAILS, null, "Victim's name: 201 characters, at most 200"),
                new TextLimits.TooLong(TextLimits.Place.DETAILS, null, "Abuser's name: 250 characters, at most 200"),
                new TextLimits.TooLong(TextLimits.Place.QUESTION, "Q5", "Q5 comment: 4,001 characters, at most 4,000"),
                new TextLimits.TooLong(TextLimits.Place.GRADING, null, "Professional judgement rationale: 4,002 characters, at most 4,000")),
                found, "a source of exactly 4,000 characters fits");
    }

    @Test
    void aForceSetsItsOwnLimitsWithinBounds() {
        assertEquals(1, new TextLimits(20, 200).problems(content().withPeople(
                new People("V".repeat(21), List.of(), List.of(), false))).size());
        assertThrows(IllegalArgumentException.class, () -> new TextLimits(19, 4000));
        assertThrows(IllegalArgumentException.class, () -> new TextLimits(200, 20_001));
    }

    @Test
    void aCollarNumberMustHaveTheForcesFormat() {
        CollarNumbers defaults = CollarNumbers.DEFAULT;
        assertNull(defaults.check("4471"));
        assertNull(defaults.check("PC1234"));
        assertNull(defaults.check(""), "blank is the required-field check's business");
        assertEquals("\u201c44 71\u201d is not a collar number in this force's format (1 to 12 letters and digits, no spaces).",
                defaults.check("44 71"));
        CollarNumbers digits = new CollarNumbers("[0-9]{4,6}");
        assertNull(digits.check("4471"));
        assertNotNull(digits.check("PC1234"));
        assertNotNull(digits.check("447"));
        assertTrue(CollarNumbers.problemWith("[0-9").startsWith("is not a regular expression"), CollarNumbers.problemWith("[0-9"));
        assertThrows(IllegalArgumentException.class, () -> new CollarNumbers("("));
    }
}
