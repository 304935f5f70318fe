package org.dashdesk.grading;

import java.util.Locale;

/** The answer to a yes / no / don't-know question. Only {@link #YES} ever counts. */
public enum Choice {
    YES, NO, DONT_KNOW;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return switch (this) {
            case YES -> "Yes";
            case NO -> "No";
            case DONT_KNOW -> "Don't know";
        };
    }

    public static Choice fromJson(String value) {
        if (value != null) {
            for (Choice c : values()) {
                if (c.jsonName().equals(value)) {
                    return c;
                }
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not an answer (yes, no or dont_know)");
    }
}
