package org.dashdesk.review;

/** The state of a safety-plan action. */
public enum ActionState {
    OPEN, DONE, CANCELLED
}
