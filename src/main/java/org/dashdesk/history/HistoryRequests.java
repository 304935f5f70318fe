package org.dashdesk.history;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * {@code POST /api/v1/history/search} (issue 12): who is being looked for and why, and what the
 * force holds about them (wire records kept here, not in {@code protocol}, so that the review
 * gateway can carry them without a package cycle): earlier assessments, each with its date, level, criteria, MARAC
 * referral, the person's part in it and the district. Never answers, comments or other people.
 */
public final class HistoryRequests {

    /** Matches strong enough to fill a figure at the scene or to flag one after submission: not merely a similar name. */
    public static final List<String> STRONG = List.of("force_id", "name_and_date_of_birth", "initial_similar_surname_and_date_of_birth");

    private HistoryRequests() {
    }

    /**
     * @param reason why the search is made (required; audited), e.g. "DASH at the scene, INC-123"
     * @param role   "victim", "abuser" or "any": the part the person had in the earlier assessments
     */
    public record Search(String reason, String role, Person person) {
    }

    /** What is known of the person: a force id, or a full name with a date of birth, an age or a postcode. */
    public record Person(String name, LocalDate dateOfBirth, Integer approximateAge, String postcode, String forceId) {
    }

    /**
     * @param matchedOn "force_id", "name_and_date_of_birth", "similar_name_and_birth_year" or "similar_name_and_postcode"
     * @param personRole "victim" or "abuser"
     */
    public record Match(UUID assessmentId, LocalDate date, String level, List<String> criteria, boolean maracReferral,
            LocalDate maracReferredOn, String personRole, String district, String matchedOn) {
    }

    /** @param more true when there were more matches than returned */
    public record Result(List<Match> matches, boolean more) {
    }
}
