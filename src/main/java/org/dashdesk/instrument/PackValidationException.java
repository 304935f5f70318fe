package org.dashdesk.instrument;

/** A pack file that cannot be used; the message names the file and the JSON path. */
public class PackValidationException extends Exception {

    private static final long serialVersionUID = 1L;
    private final String origin;
    private final String jsonPath;

    public PackValidationException(String origin, String jsonPath, String problem) {
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
