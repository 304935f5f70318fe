package org.dashdesk.report;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One report asked for, checked: a date range of at most ten years, the right way round, known
 * filters with values of the right shape, a known grouping. Whatever is wrong is named in an
 * {@link Invalid} with the parameter it concerns, for a 400 answer or a command-line message.
 *
 * @param from     first day, inclusive, in the force's time zone
 * @param to       last day, inclusive
 * @param filters  filter name to value, in the order given (level and channel upper case)
 * @param by       the row grouping, in order; empty for reports with fixed rows
 * @param suppress small-number suppression on (for figures released outside the force)
 */
public record ReportRequest(ReportKind kind, LocalDate from, LocalDate to, Map<String, String> filters, List<String> by,
        boolean suppress) {

    /** Parameters every report takes besides its filters. */
    public static final Set<String> COMMON = Set.of("from", "to", "by", "suppress", "format");
    public static final int MAX_YEARS = 10;
    private static final Set<String> LEVELS = Set.of("STANDARD", "MEDIUM", "HIGH");
    private static final Set<String> CHANNELS = Set.of("AT_SCENE", "PHONE_IN");

    public ReportRequest {
        filters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(filters));
        by = List.copyOf(by);
    }

    /** A parameter that cannot be used, and why, in words. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String parameter;

        public Invalid(String parameter, String message) {
            super(message);
            this.parameter = parameter;
        }

        public String parameter() {
            return parameter;
        }
    }

    /**
     * @param query  the query parameters, each with its values (a repeated parameter is refused)
     * @param today  the force's today, for the default range (the last 12 months to today)
     */
    public static ReportRequest parse(ReportKind kind, Map<String, List<String>> query, LocalDate today) {
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (!COMMON.contains(e.getKey()) && !kind.filters().contains(e.getKey())) {
                throw new Invalid(e.getKey(), "unknown filter '" + e.getKey() + "' for the " + kind.path() + " report; it takes "
                        + (kind.filters().isEmpty() ? "no filters" : String.join(", ", kind.filters())) + " besides from, to"
                        + (kind.groupings().isEmpty() ? "" : ", by") + " and suppress");
            }
            if (e.getValue().size() > 1) {
                throw new Invalid(e.getKey(), "'" + e.getKey() + "' is given more than once");
            }
        }
        LocalDate to = date(query, "to", today);
        LocalDate from = date(query, "from", to.minusYears(1).plusDays(1));
        if (from.isAfter(to)) {
            throw new Invalid("from", "the range is the wrong way round: from " + from + " is after to " + to);
        }
        if (from.plusYears(MAX_YEARS).isBefore(to.plusDays(1))) {
            throw new Invalid("to", "the range is longer than " + MAX_YEARS + " years; ask for a shorter one");
        }
        Map<String, String> filters = new LinkedHashMap<>();
        for (String f : kind.filters()) {
            String v = one(query, f);
            if (v == null) {
                continue;
            }
            v = v.strip();
            if (v.isEmpty() || v.length() > 100) {
                throw new Invalid(f, "'" + f + "' must be 1 to 100 characters");
            }
            if (f.equals("level") || f.equals("channel")) {
                v = v.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
                Set<String> allowed = f.equals("level") ? LEVELS : CHANNELS;
                if (!allowed.contains(v)) {
                    throw new Invalid(f, "'" + f + "' must be one of " + String.join(", ", allowed.stream().sorted().toList()));
                }
            }
            filters.put(f, v);
        }
        List<String> by = new ArrayList<>();
        String grouping = one(query, "by");
        if (grouping != null && kind.groupings().isEmpty()) {
            throw new Invalid("by", "the " + kind.path() + " report's rows are fixed; it takes no 'by'");
        }
        if (grouping == null && kind.defaultGrouping() != null) {
            grouping = kind.defaultGrouping();
        }
        if (grouping != null) {
            for (String g : grouping.split(",")) {
                String name = g.strip().toLowerCase(Locale.ROOT);
                if (!kind.groupings().contains(name)) {
                    throw new Invalid("by", "cannot group the " + kind.path() + " report by '" + name + "'; it groups by "
                            + String.join(", ", kind.groupings()));
                }
                if (by.contains(name)) {
                    throw new Invalid("by", "'" + name + "' is named twice in 'by'");
                }
                by.add(name);
            }
        }
        String suppress = one(query, "suppress");
        boolean suppressed = false;
        if (suppress != null) {
            switch (suppress.strip().toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> suppressed = true;
                case "false", "no", "0" -> suppressed = false;
                default -> throw new Invalid("suppress", "'suppress' must be true or false");
            }
        }
        return new ReportRequest(kind, from, to, filters, by, suppressed);
    }

    private static String one(Map<String, List<String>> query, String name) {
        List<String> v = query.get(name);
        return v == null || v.isEmpty() ? null : v.get(0);
    }

    private static LocalDate date(Map<String, List<String>> query, String name, LocalDate fallback) {
        String v = one(query, name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(v.strip());
        } catch (DateTimeParseException e) {
            throw new Invalid(name, "'" + name + "' must be a date like 2026-04-01");
        }
    }

    /** What was asked, in words, for the audit trail and the report's heading. */
    public String describe() {
        StringBuilder b = new StringBuilder(kind.path()).append(' ').append(from).append(" to ").append(to);
        filters.forEach((k, v) -> b.append(", ").append(k).append(" = ").append(v));
        if (!by.isEmpty()) {
            b.append(", by ").append(String.join(", ", by));
        }
        return b.append(suppress ? ", suppressed" : "").toString();
    }
}
