package org.dashdesk.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;

/**
 * Issue 11: questions read naturally whether or not the abuser is named, in every spelling of the
 * form's placeholder, and the stored instrument text never changes.
 */
class QuestionWordingTest {

    private static final PackRegistry PACKS = PackRegistry.builtIn();

    private static Question q(String id) {
        return PACKS.assessmentPacks("dash-2009").stream().flatMap(p -> p.questions().stream()).filter(x -> x.id().equals(id))
                .findFirst().orElseThrow();
    }

    @Test
    void withNoAbuserNamedTheQuestionsSayThePersonWhoHarmedYou() {
        assertEquals("Does the person who harmed you constantly text, call, contact, follow, stalk or harass you?", q("Q8").textFor(null));
        assertEquals("Has the person who harmed you ever used weapons or objects to hurt you?", q("Q16").textFor("  "));
        assertEquals("Date of their next court appearance or release, if known.", q("O6").textFor(null), "the possessive reads 'their'");
        assertFalse(q("Q4").textFor(null).contains("name of abuser"), q("Q4").textFor(null));
        assertFalse(q("Q3").promptFor(null).contains("name of abuser"), q("Q3").promptFor(null));
    }

    @Test
    void aNamedAbuserIsSubstitutedInEverySpellingAndTheInstrumentKeepsItsText() {
        assertEquals("Date of Alex Sample's next court appearance or release, if known.", q("O6").textFor("Alex Sample"));
        assertEquals("Does Alex Sample constantly text, call, contact, follow, stalk or harass you?", q("Q8").textFor(" Alex Sample "));
        assertEquals("Has $1 ever used weapons or objects to hurt you?", q("Q16").textFor("$1"), "a name is text, not a pattern");
        assertEquals(true, q("Q8").text().contains("(…..)"), "the stored text is the form's own");
    }

    @Test
    void everyPlaceholderOfEveryBuiltInPackIsFilled() {
        for (InstrumentPack p : PACKS.all()) {
            for (Question question : p.questions()) {
                for (String shown : new String[] {question.textFor(null), question.promptFor(null), question.textFor("Alex Sample")}) {
                    if (shown != null) {
                        assertFalse(shown.matches("(?s).*\\((?:…|\\.\\.\\.|name of abuser).*"), question.id() + ": " + shown);
                    }
                }
            }
        }
    }
}
