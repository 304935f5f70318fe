package org.dashdesk.assessment;

import java.time.LocalDate;
import java.time.LocalDateTime;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The incident that led to the assessment, with the history the grading needs.
 *
 * @param history whether the force's central history was checked while it was taken (issue 12);
 *                absent in revisions made before that existed, which is read as not checked
 */
public record Incident(
        LocalDateTime occurredAt,
        String place,
        String district,
        String incidentReference,
        Integer policeCalloutsLast12Months,
        LocalDate lastMaracReferral,
        @JsonInclude(JsonInclude.Include.NON_NULL) HistoryCheck history) {

    public static final Incident EMPTY = new Incident(null, null, null, null, null, null);

    public Incident(LocalDateTime occurredAt, String place, String district, String incidentReference, Integer policeCalloutsLast12Months,
            LocalDate lastMaracReferral) {
        this(occurredAt, place, district, incidentReference, policeCalloutsLast12Months, lastMaracReferral, null);
    }

    public Incident withHistory(HistoryCheck check) {
        return new Incident(occurredAt, place, district, incidentReference, policeCalloutsLast12Months, lastMaracReferral, check);
    }
}
