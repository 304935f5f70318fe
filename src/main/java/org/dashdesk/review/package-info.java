/**
 * Supervisor sign-off and CRU review as the client sees them: queues, decisions, safety-plan
 * actions and the central audit trail. {@link org.dashdesk.review.ReviewGateway} is the port the
 * UI calls; the sync package implements it over the central server. No JavaFX, no SQL.
 */
package org.dashdesk.review;
