package org.dashdesk.report;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The reports the server answers (issue 13), each with its path name, its title, the filters it
 * takes and the ways its rows may be grouped. The repeat-victim report matches victims through the
 * person index of issue 12.
 */
public enum ReportKind {
    LEVELS("levels", "Assessments by level", List.of("district", "team", "channel", "level", "policy"),
            List.of("month", "district", "team", "channel", "policy"), "month"),
    SIGN_OFF("sign-off", "Sign-off of standard-risk assessments", List.of("district", "team", "channel"), List.of("team", "district", "month"),
            "team"),
    REFERRALS("referrals", "Referrals made and prompted, by level", List.of("district", "team", "channel", "level"), List.of(), null),
    JUDGEMENT("judgement", "Professional judgement: the level the answers gave and the level recorded",
            List.of("district", "team", "channel"), List.of(), null),
    COMPLETENESS("completeness", "Questions not asked, by reason", List.of("district", "team", "channel", "level"), List.of(), null),
    ACTIONS("actions", "Safety-plan actions by owner team (by due date)", List.of("team"), List.of(), null),
    REPEAT_VICTIMS("repeat-victims", "Repeat victims: assessments whose victim had another in the 12 months before",
            List.of("district", "team", "channel", "level"), List.of("month", "team", "district"), "month");

    private final String path;
    private final String title;
    private final List<String> filters;
    private final List<String> groupings;
    private final String defaultGrouping;

    ReportKind(String path, String title, List<String> filters, List<String> groupings, String defaultGrouping) {
        this.path = path;
        this.title = title;
        this.filters = filters;
        this.groupings = groupings;
        this.defaultGrouping = defaultGrouping;
    }

    public String path() {
        return path;
    }

    public String title() {
        return title;
    }

    /** The filters this report takes (query parameters besides from, to, by, suppress, format). */
    public List<String> filters() {
        return filters;
    }

    /** What its rows may be grouped by ({@code by=month,team}); empty when its rows are fixed. */
    public List<String> groupings() {
        return groupings;
    }

    public String defaultGrouping() {
        return defaultGrouping;
    }

    public static Optional<ReportKind> byPath(String path) {
        for (ReportKind k : values()) {
            if (k.path.equals(path == null ? "" : path.strip().toLowerCase(Locale.ROOT))) {
                return Optional.of(k);
            }
        }
        return Optional.empty();
    }

    /** "levels, sign-off, …" for an error message. */
    public static String known() {
        return String.join(", ", java.util.Arrays.stream(values()).map(ReportKind::path).toList());
    }
}
