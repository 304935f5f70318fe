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
    public static final List<String> STRONG = List.of("confirmed_link", "force_id", "name_and_date_of_birth",
            "initial_similar_surname_and_date_of_birth");

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

    /**
     * Another assessment that may be about the same victim (issue 12, CRU's links): suggested by
     * the match, or confirmed or rejected by a person. Confirmed links are used first by later
     * searches; a rejected one is not suggested again.
     *
     * @param matchedOn as {@link Match#matchedOn()}, or "confirmed_link" for a confirmed link the keys no longer find
     * @param state     "suggested", "confirmed" or "rejected"
     * @param decidedBy who confirmed or rejected it (null while suggested)
     */
    public record Link(UUID assessmentId, LocalDate date, String level, String district, boolean maracReferral, String matchedOn,
            String state, String decidedBy) {
    }

    /** {@code GET /api/v1/assessments/{id}/links}: the victim's links, confirmed first, then strongest match. */
    public record Links(List<Link> links) {
    }

    /** {@code PUT /api/v1/assessments/{id}/links/{other}}: "confirmed" or "rejected", with a note saying why. */
    public record LinkDecision(String decision, String note) {
    }
}
