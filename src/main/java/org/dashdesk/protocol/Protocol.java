package org.dashdesk.protocol;

import java.util.UUID;

/** Version, paths and media type of sync protocol v1. */
public final class Protocol {

    public static final int VERSION = 1;
    public static final String BASE = "/api/v1";
    public static final String HEALTH = BASE + "/health";
    public static final String CHANGES = BASE + "/changes";
    /** The server's receipt-signing public keys ({@link ReceiptKey.Published}); public, like a certificate. */
    public static final String RECEIPT_KEYS = BASE + "/receipt-keys";
    public static final String SESSIONS = BASE + "/sessions";
    public static final String CURRENT_SESSION = SESSIONS + "/current";
    public static final String USERS = BASE + "/users";
    public static final String SIGN_OFF_QUEUE = BASE + "/queues/sign-off";
    public static final String CRU_QUEUE = BASE + "/queues/cru";
    public static final String OVERDUE_ACTIONS = BASE + "/actions/overdue";
    /** {@code GET} the reports offered; {@code GET …/{report}} one report as JSON, or CSV with {@code format=csv} (issue 13). */
    public static final String REPORTS = BASE + "/reports";
    /** {@code POST} the earlier assessments about a person (issue 12): {@code history.HistoryRequests}. */
    public static final String HISTORY_SEARCH = BASE + "/history/search";
    public static final String JSON = "application/json";
    /** Larger than any real assessment (a few tens of KB) by two orders of magnitude. */
    public static final int MAX_BODY_BYTES = 1 << 20;

    private Protocol() {
    }

    public static String revisionPath(UUID assessmentId, UUID revisionId) {
        return BASE + "/assessments/" + assessmentId + "/revisions/" + revisionId;
    }

    public static String assessmentPath(UUID assessmentId) {
        return BASE + "/assessments/" + assessmentId;
    }

    public static String actionPath(UUID actionId) {
        return BASE + "/actions/" + actionId;
    }

    /**
     * The retired {@code POST …/events} address (decision 0071): the server answers 410 Gone with
     * the review endpoints to use. Named here only so an old client's request can be recognised.
     */
    public static String eventsPath(UUID assessmentId) {
        return BASE + "/assessments/" + assessmentId + "/events";
    }
}
