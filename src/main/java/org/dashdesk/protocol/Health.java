package org.dashdesk.protocol;

/** The reply to {@code GET /api/v1/health}. */
public record Health(String status, int protocol) {
}
