package org.dashdesk.instrument;

import java.util.Locale;

/** How far a question's wording is confirmed against its published source. */
public enum WordingStatus {
    VERIFIED,
    PARTIALLY_VERIFIED,
    /** Candidate wording from a secondary source; not the licensed form's text. */
    UNVERIFIED_CANDIDATE,
    /** No public wording was found; the text describes the gap and must be replaced by the force. */
    PLACEHOLDER,
    /** Written by this project (e.g. the officer's section prompts), not part of the licensed form. */
    APPLICATION;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WordingStatus fromJson(String value) {
        for (WordingStatus s : values()) {
            if (s.jsonName().equals(value)) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown wording status '" + value + "'");
    }
}
