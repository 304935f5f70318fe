package org.dashdesk.review;

/** Where a high-risk case's MARAC referral stands. */
public enum MaracState {
    NOT_REFERRED, REFERRED, LISTED, HEARD, CLOSED
}
