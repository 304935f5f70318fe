package org.dashdesk.assessment;

/** What can happen to an assessment. */
public enum LifecycleEvent {
    SUBMIT,
    /** Routing after submit: standard goes to a supervisor's sign-off queue. */
    ROUTE_FOR_SIGN_OFF,
    /** Routing after submit: medium and high are referred (CRU, MARAC). */
    ROUTE_REFERRED,
    SIGN_OFF,
    RETURN,
    /** A supervisor raises a standard grading, which routes it onward as a referral. */
    RAISE,
    /** A returned assessment becomes a new draft revision for the officer to amend. */
    REOPEN
}
