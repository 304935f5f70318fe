package org.dashdesk.protocol;

import java.util.UUID;

/** The latest revision the server holds for an assessment. */
public record Head(UUID revisionId, int revisionNumber, String contentHash) {
}
