package org.dashdesk.assessment;

import java.util.List;

/**
 * The people an assessment is about. {@code childrenOrDependants} is null until asked; false
 * skips the children section.
 */
public record People(String victimName, List<String> abuserNames, List<Dependant> dependants, Boolean childrenOrDependants) {

    public static final People EMPTY = new People(null, List.of(), List.of(), null);

    public People {
        abuserNames = abuserNames == null ? List.of() : List.copyOf(abuserNames);
        dependants = dependants == null ? List.of() : List.copyOf(dependants);
    }

    /** The name put in place of the form's "(…)", e.g. "J. Smith" or "J. Smith / K. Jones". */
    public String abuserDisplayName() {
        return abuserNames.isEmpty() ? null : String.join(" / ", abuserNames);
    }
}
