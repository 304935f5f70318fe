package org.dashdesk.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A person who can sign in, as cached from the central server: the identity and roles, never a
 * credential. Usernames are compared in lower case so "PC1234" and "pc1234" are one account.
 */
public record UserAccount(String username, String displayName, String collarNumber, Set<Role> roles, String team) {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    public UserAccount {
        username = normaliseUsername(username);
        if (displayName == null || displayName.isBlank()) {
            throw new IllegalArgumentException("displayName: a display name is required for " + username);
        }
        displayName = displayName.strip();
        collarNumber = collarNumber == null ? "" : collarNumber.strip();
        team = team == null ? "" : team.strip();
        Objects.requireNonNull(roles, "roles");
        if (roles.isEmpty()) {
            throw new IllegalArgumentException("roles: " + username + " needs at least one role");
        }
        roles = Set.copyOf(EnumSet.copyOf(roles));
    }

    /**
     * The canonical form of a typed username.
     *
     * @throws IllegalArgumentException when it cannot be a username (the message does not repeat
     *                                  the input, which may be a password typed into the wrong field)
     */
    public static String normaliseUsername(String typed) {
        String u = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(u).matches()) {
            throw new IllegalArgumentException("username: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        return u;
    }

    public boolean hasRole(Role role) {
        return roles.contains(role);
    }
}
