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
        @JsonInclude(JsonInclude.Include.NON_NULL) String victimNameNotKnown) {

    public static final People EMPTY = new People(null, List.of(), List.of(), null);

    /** People as recorded before a missing name needed a reason. */
    public People(String victimName, List<String> abuserNames, List<Dependant> dependants, Boolean childrenOrDependants) {
        this(victimName, abuserNames, dependants, childrenOrDependants, null);
    }

    /** Named, or its absence explained: what submitting requires. */
    public boolean victimAccountedFor() {
        return (victimName != null && !victimName.isBlank()) || (victimNameNotKnown != null && !victimNameNotKnown.isBlank());
    }

    public People {
        abuserNames = abuserNames == null ? List.of() : List.copyOf(abuserNames);
        dependants = dependants == null ? List.of() : List.copyOf(dependants);
    }

    /** The name put in place of the form's "(…)", e.g. "J. Smith" or "J. Smith / K. Jones". */
    public String abuserDisplayName() {
        return abuserNames.isEmpty() ? null : String.join(" / ", abuserNames);
    }
}
