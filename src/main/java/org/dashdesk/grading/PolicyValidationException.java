package org.dashdesk.grading;

/**
 * A grading policy file that cannot be used; the message names the file and the JSON path, as for
 * packs, so IT can fix the file. Unchecked because the built-in policy failing is a build defect.
 */
public class PolicyValidationException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;
    private final String origin;
    private final String jsonPath;

    public PolicyValidationException(String origin, String jsonPath, String problem) {
        super(origin + ": " + jsonPath + ": " + problem);
        this.origin = origin;
        this.jsonPath = jsonPath;
    }

    public String origin() {
        return origin;
    }

    public String jsonPath() {
        return jsonPath;
    }
}
