package org.dashdesk.ui.common;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.dashdesk.assessment.Officer;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;

/**
 * Who is signed in, as the screens need it. The name is the user's own (an officer's), never a
 * victim's; it still never goes into the window title.
 */
public record CurrentUser(String username, String name, String collarNumber, String team, Set<Role> roles) {

    public CurrentUser {
        roles = Set.copyOf(roles);
    }

    public static CurrentUser of(UserAccount account) {
        return new CurrentUser(account.username(), account.displayName(), account.collarNumber(), account.team(), account.roles());
    }

    public Officer asOfficer() {
        return new Officer(actor(), name);
    }

    /** The actor in the audit trail: the collar number where there is one, else the username. */
    public String actor() {
        return collarNumber == null || collarNumber.isBlank() ? username : collarNumber;
    }

    /** "PC Test Example (collar 4471)", for a document this person produced. */
    public String producedBy() {
        return (name == null || name.isBlank() ? username : name) + (collarNumber == null || collarNumber.isBlank() ? ""
                : " (collar " + collarNumber + ")");
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }

    /**
     * Who may take a new assessment: officers at the scene or by phone, IMU staff by phone. The
     * server refuses uploads from anyone else, so the screen does not offer what would be refused.
     */
    public boolean mayStart(org.dashdesk.assessment.Channel channel) {
        return switch (channel) {
            case AT_SCENE -> hasRole(Role.OFFICER);
            case PHONE_IN -> hasRole(Role.OFFICER) || hasRole(Role.IMU);
        };
    }

    /** "Officer, Supervisor" in a fixed order. */
    public String rolesInWords() {
        return roles.stream().sorted().map(CurrentUser::words).collect(Collectors.joining(", "));
    }

    public static String words(Role role) {
        return switch (role) {
            case OFFICER -> "Officer";
            case IMU -> "IMU staff";
            case SUPERVISOR -> "Supervisor";
            case CRU -> "Central referral unit";
            case ADMINISTRATOR -> "Administrator";
            case ANALYST -> "Analyst";
        };
    }

    @Override
    public String toString() {
        // Records print every field; keep names out of anything that might be logged.
        return "CurrentUser[" + username.toLowerCase(Locale.ROOT) + "]";
    }
}
