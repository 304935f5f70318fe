package org.dashdesk.protocol;

import org.dashdesk.assessment.Revision;

/**
 * The body of {@code PUT /api/v1/assessments/{a}/revisions/{r}}.
 *
 * @param deviceId  the sending installation's id (setting {@code device.id})
 * @param deviceSeq the per-device outbox sequence number of this revision
 */
public record RevisionUpload(int protocol, String deviceId, long deviceSeq, Revision revision) {
}
