package org.dashdesk.protocol;

import java.util.UUID;

/** Version, paths and media type of sync protocol v1. */
public final class Protocol {

    public static final int VERSION = 1;
    public static final String BASE = "/api/v1";
    public static final String HEALTH = BASE + "/health";
    public static final String CHANGES = BASE + "/changes";
    public static final String JSON = "application/json";
    /** Larger than any real assessment (a few tens of KB) by two orders of magnitude. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private Protocol() {
    }

    public static String revisionPath(UUID assessmentId, UUID revisionId) {
        return BASE + "/assessments/" + assessmentId + "/revisions/" + revisionId;
    }

    public static String eventsPath(UUID assessmentId) {
        return BASE + "/assessments/" + assessmentId + "/events";
    }
}
