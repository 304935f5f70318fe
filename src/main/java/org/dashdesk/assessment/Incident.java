package org.dashdesk.assessment;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** The incident that led to the assessment, with the history the grading needs. */
public record Incident(
        LocalDateTime occurredAt,
        String place,
        String district,
        String incidentReference,
        Integer policeCalloutsLast12Months,
        LocalDate lastMaracReferral) {

    public static final Incident EMPTY = new Incident(null, null, null, null, null, null);
}
