package org.dashdesk.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** Names made comparable: order, case, accents, punctuation, short forms, and how they sound. */
class NameKeyTest {

    @Test
    void surnameFirstCaseAndAccentsMakeNoDifference() {
        assertEquals("jane doe", NameKey.of("Doe, Jane").exact());
        assertEquals(NameKey.of("JANE DOE"), NameKey.of("Doe, Jane"));
        assertEquals("zoe brown", NameKey.of("Zoë O'Neill-Brown").exact(), "hyphens split, the last surname is kept");
        assertEquals("zoe oneill", NameKey.of("Zoe O’Neill").exact(), "an apostrophe joins");
        assertEquals("zoe oneill", NameKey.of("Zoe O Neill").exact(), "a particle joins the surname after it");
        assertEquals(NameKey.of("Siobhan O'Brien").phonetic(), NameKey.of("Siobhán Ó Briain").phonetic(), "a transliteration sounds the same");
        assertEquals("john jones", NameKey.of("Smith-Jones, Jon Paul").exact(), "Jon is a short form of John");
    }

    @Test
    void shortFormsBecomeTheFullForename() {
        assertEquals("william jones", NameKey.of("Bill Jones").exact());
        assertEquals(NameKey.of("Mary Major"), NameKey.of("Molly Major"));
    }

    @Test
    void namesThatSoundTheSameShareAPhoneticKeyButNotAnExactOne() {
        assertEquals(NameKey.of("Jayne Do").phonetic(), NameKey.of("Jane Doe").phonetic());
        assertNotEquals(NameKey.of("Jayne Do").exact(), NameKey.of("Jane Doe").exact());
        assertEquals(NameKey.of("Alexandra Smyth").phonetic().split(" ")[1], NameKey.of("Alex Smith").phonetic().split(" ")[1]);
        assertNotEquals(NameKey.of("Jane Doe").phonetic(), NameKey.of("Jane Dowling").phonetic());
    }

    @Test
    void oneWordIsNotEnoughToMatchOn() {
        assertFalse(NameKey.of("Sam").usable());
        assertFalse(NameKey.of("  ").usable());
        assertFalse(NameKey.of(null).usable());
    }
}
