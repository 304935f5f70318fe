package org.dashdesk.ui.common;

import java.util.Optional;

import org.dashdesk.assessment.Officer;

/**
 * The one-time profile of stores made before accounts existed. Read only to give defaults when
 * such a laptop is set up for its first user; {@link CurrentUser} replaced it.
 */
public record UserProfile(String name, String collarNumber, Role role) {

    /** The roles the DOMAIN describes; they decide nothing yet beyond the default channel. */
    public enum Role {
        RESPONSE_OFFICER("Response officer"),
        IMU_STAFF("IMU staff"),
        SUPERVISOR("Supervisor"),
        CRU("Central referral unit");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private static final String NAME = "profile.name";
    private static final String COLLAR = "profile.collar";
    private static final String ROLE = "profile.role";

    public Officer asOfficer() {
        return new Officer(collarNumber, name);
    }

    /** The actor recorded in the audit trail: the collar number, which identifies the person. */
    public String actor() {
        return collarNumber;
    }

    public static Optional<UserProfile> load(SettingsStore settings) {
        Optional<String> name = settings.get(NAME);
        Optional<String> collar = settings.get(COLLAR);
        Optional<String> role = settings.get(ROLE);
        if (name.isEmpty() || collar.isEmpty() || role.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new UserProfile(name.get(), collar.get(), Role.valueOf(role.get())));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public void save(SettingsStore settings) {
        settings.put(NAME, name);
        settings.put(COLLAR, collarNumber);
        settings.put(ROLE, role.name());
    }
}
