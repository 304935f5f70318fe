package org.dashdesk.cli;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

import org.dashdesk.security.Role;

/** {@code --roles officer,supervisor} as typed by IT, shared by {@code server user add} and {@code setup}. */
final class Roles {

    private Roles() {
    }

    static Set<Role> parse(String typed) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : typed.split(",")) {
            try {
                roles.add(Role.valueOf(r.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--roles: unknown role '" + r.strip() + "' (officer, imu, supervisor, cru, administrator)");
            }
        }
        return roles;
    }

    static String words(Set<Role> roles) {
        return String.join(",", roles.stream().sorted().map(r -> r.name().toLowerCase(Locale.ROOT)).toList());
    }
}
