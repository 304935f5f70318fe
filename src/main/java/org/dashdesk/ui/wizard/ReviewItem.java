package org.dashdesk.ui.wizard;

/**
 * A line on the review page: something missing, answered Don't know, or blocking submission,
 * with where to go to deal with it.
 *
 * @param questionId the question to focus, or null for the page itself
 * @param blocking   whether submission is refused until it is dealt with
 */
public record ReviewItem(String message, Page page, String questionId, boolean blocking) {
}
