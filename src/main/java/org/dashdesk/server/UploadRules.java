package org.dashdesk.server;

import java.util.Optional;

import org.dashdesk.protocol.RevisionUpload;

/**
 * The sizes an uploaded revision must respect to be stored, checked before the database
 * (decision 0124): a value over its column is a 422 naming the field — the client quarantines the
 * record and says why — never a database error, which the sync client would retry for ever.
 */
final class UploadRules {

    /** {@code srv_revision.device_id}. */
    static final int MAX_DEVICE_ID = 100;
    /** {@code srv_revision.revision_json}, in characters of the canonical JSON. */
    static final int MAX_REVISION_JSON = 1_000_000;
    /** {@code srv_assessment.owner_collar}. */
    static final int MAX_COLLAR = 50;

    private UploadRules() {
    }

    /** The first limit this upload breaks, if any; {@code canonicalJson} is the revision's stored form. */
    static Optional<PutOutcome.Invalid> check(RevisionUpload upload, String canonicalJson) {
        if (upload.deviceId() != null && upload.deviceId().length() > MAX_DEVICE_ID) {
            return Optional.of(new PutOutcome.Invalid("deviceId", "longer than " + MAX_DEVICE_ID + " characters"));
        }
        var r = upload.revision();
        if (r.createdBy() != null && r.createdBy().length() > MAX_COLLAR) {
            return Optional.of(new PutOutcome.Invalid("revision.createdBy", "longer than " + MAX_COLLAR + " characters"));
        }
        if (canonicalJson.length() > MAX_REVISION_JSON) {
            return Optional.of(new PutOutcome.Invalid("revision", "the revision is " + canonicalJson.length()
                    + " characters; at most " + MAX_REVISION_JSON + " are stored"));
        }
        return Optional.empty();
    }

    /**
     * An upload on another officer's behalf (IMU) must name a collar with a server account: its
     * team decides whose sign-off queue the case joins, and a collar unknown to the server would
     * put it in a team nobody supervises, in no queue at all (decision 0126).
     */
    static PutOutcome.Invalid unknownOwner(String collar) {
        return new PutOutcome.Invalid("revision.createdBy", "collar " + collar + " has no account on this server, so the"
                + " assessment would reach no supervisor's queue; an administrator adds the officer's account, then upload again");
    }
}
