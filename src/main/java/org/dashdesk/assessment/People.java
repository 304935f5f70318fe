package org.dashdesk.assessment;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The people an assessment is about. {@code childrenOrDependants} is null until asked; false
 * skips the children section.
 *
 * @param victimNameNotKnown why the victim's name is not recorded, when it is not (issue 11: an
 *                           unnamed assessment is submitted only with a reason); left out of the
 *                           JSON when null, so revisions frozen before it keep their hash
 */
public record People(String victimName, List<String> abuserNames, List<Dependant> dependants, Boolean childrenOrDependants,
        @JsonInclude(JsonInclude.Include.NON_NULL) String victimNameNotKnown,
        @JsonInclude(JsonInclude.Include.NON_NULL) PersonDetails victimDetails,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) java.util.Map<String, PersonDetails> abuserDetails) {

    public static final People EMPTY = new People(null, List.of(), List.of(), null);

    /** People as recorded before a missing name needed a reason. */
    public People(String victimName, List<String> abuserNames, List<Dependant> dependants, Boolean childrenOrDependants) {
        this(victimName, abuserNames, dependants, childrenOrDependants, null);
    }

    /** People as recorded before the details that link assessments (issue 12). */
    public People(String victimName, List<String> abuserNames, List<Dependant> dependants, Boolean childrenOrDependants,
            String victimNameNotKnown) {
        this(victimName, abuserNames, dependants, childrenOrDependants, victimNameNotKnown, null, java.util.Map.of());
    }

    /**
     * These names with the details of {@code earlier} kept: the victim's, and each abuser's whose
     * name is still listed (details are keyed by the abuser's name as written).
     */
    public People withDetailsOf(People earlier) {
        if (earlier == null) {
            return this;
        }
        java.util.Map<String, PersonDetails> kept = new java.util.LinkedHashMap<>();
        earlier.abuserDetails().forEach((name, d) -> {
            if (abuserNames.contains(name)) {
                kept.put(name, d);
            }
        });
        return new People(victimName, abuserNames, dependants, childrenOrDependants, victimNameNotKnown, earlier.victimDetails(), kept);
    }

    public People withVictimDetails(PersonDetails details) {
        return new People(victimName, abuserNames, dependants, childrenOrDependants, victimNameNotKnown,
                details == null || details.isEmpty() ? null : details, abuserDetails);
    }

    public People withAbuserDetails(String abuserName, PersonDetails details) {
        java.util.Map<String, PersonDetails> copy = new java.util.LinkedHashMap<>(abuserDetails);
        if (details == null || details.isEmpty()) {
            copy.remove(abuserName);
        } else {
            copy.put(abuserName, details);
        }
        return new People(victimName, abuserNames, dependants, childrenOrDependants, victimNameNotKnown, victimDetails, copy);
    }

    /** Named, or its absence explained: what submitting requires. */
    public boolean victimAccountedFor() {
        return (victimName != null && !victimName.isBlank()) || (victimNameNotKnown != null && !victimNameNotKnown.isBlank());
    }

    public People {
        abuserNames = abuserNames == null ? List.of() : List.copyOf(abuserNames);
        dependants = dependants == null ? List.of() : List.copyOf(dependants);
        abuserDetails = abuserDetails == null ? java.util.Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(abuserDetails));
        victimDetails = victimDetails == null || victimDetails.isEmpty() ? null : victimDetails;
    }

    /** The name put in place of the form's "(…)", e.g. "J. Smith" or "J. Smith / K. Jones". */
    public String abuserDisplayName() {
        return abuserNames.isEmpty() ? null : String.join(" / ", abuserNames);
    }
}
