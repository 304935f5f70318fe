package org.dashdesk.server;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.dashdesk.security.Role;

/**
 * Who a bearer token belongs to, as of this request: a signed-in user (roles and team read from
 * the user table each time, so a disabled account or a changed role counts at once), or a
 * development token from {@code server token} with one role.
 *
 * @param collar   the collar number owning uploads and signing decisions
 * @param username null for a development token
 * @param team     "" when none
 */
record Principal(String collar, Set<Role> roles, String team, String username) {

    static final String OFFICER = "officer";
    static final String SUPERVISOR = "supervisor";

    Principal {
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
        team = team == null ? "" : team;
    }

    /** A development token's principal: one role by its lower-case name. */
    static Principal token(String collar, String role, String team) {
        return new Principal(collar, Set.of(role(role)), team, null);
    }

    static Role role(String name) {
        return Role.valueOf(name.strip().toUpperCase(Locale.ROOT));
    }

    static String roleName(Role r) {
        return r.name().toLowerCase(Locale.ROOT);
    }

    boolean has(Role r) {
        return roles.contains(r);
    }

    boolean supervisor() {
        return has(Role.SUPERVISOR);
    }

    /** One role name for the audit trail: the most senior this principal holds. */
    String auditRole() {
        for (Role r : new Role[] {Role.ADMINISTRATOR, Role.CRU, Role.SUPERVISOR, Role.ANALYST, Role.IMU, Role.OFFICER}) {
            if (roles.contains(r)) {
                return roleName(r);
            }
        }
        return "none";
    }

    /** Who did it, for audit rows and change logs: the collar number, or the username when there is none. */
    String actor() {
        return collar == null || collar.isBlank() ? username : collar;
    }
}
