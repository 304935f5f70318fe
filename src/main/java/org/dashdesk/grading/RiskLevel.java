package org.dashdesk.grading;

import java.util.Locale;

/** Risk levels, lowest first, so ordinal order is severity order. */
public enum RiskLevel {
    STANDARD, MEDIUM, HIGH;

    public String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return name().charAt(0) + name().substring(1).toLowerCase(Locale.ROOT);
    }

    public boolean isAbove(RiskLevel other) {
        return compareTo(other) > 0;
    }

    public static RiskLevel max(RiskLevel a, RiskLevel b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /** Parses "standard" / "medium" / "high" (any case). */
    public static RiskLevel fromJson(String value) {
        if (value != null) {
            for (RiskLevel level : values()) {
                if (level.jsonName().equalsIgnoreCase(value.strip())) {
                    return level;
                }
            }
        }
        throw new IllegalArgumentException("'" + value + "' is not a level (standard, medium or high)");
    }
}
