/**
 * What the supervisor and CRU screens share: a queue of assessments, the read-only view of one
 * revision with its grading and audit trail, the decisions (approve, return, raise), failures in
 * words, and the return-comments panel the wizard shows an officer. Calls go through
 * {@link org.dashdesk.review.ReviewGateway} in background tasks only.
 */
package org.dashdesk.ui.review;
