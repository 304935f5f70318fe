package org.dashdesk.server;

/** Who a bearer token belongs to. Supervisors see every assessment's changes; officers their own. */
record Principal(String collar, String role) {

    static final String OFFICER = "officer";
    static final String SUPERVISOR = "supervisor";

    boolean supervisor() {
        return SUPERVISOR.equals(role);
    }
}
