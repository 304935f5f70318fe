package org.dashdesk.instrument;

/** The kinds of answer a question takes. Names in pack files are the lower-case forms. */
public enum QuestionKind {
    /** Yes / No / Don't know, with comment and information source. */
    YES_NO,
    /** Q3's "what are you afraid of" grid: a yes/no/don't-know answer plus fear × target ticks. */
    FEAR_GRID,
    FREE_TEXT,
    WHOLE_NUMBER,
    DATE;

    /** Whether answers of this kind carry a yes / no / don't-know choice that can be counted. */
    public boolean hasChoice() {
        return this == YES_NO || this == FEAR_GRID;
    }

    public String jsonName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static QuestionKind fromJson(String value) {
        for (QuestionKind kind : values()) {
            if (kind.jsonName().equals(value)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown question kind '" + value + "'");
    }
}
