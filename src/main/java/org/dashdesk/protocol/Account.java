package org.dashdesk.protocol;

import java.util.List;

/**
 * A user as the server knows them. {@code roles} are lower-case role names ({@code officer},
 * {@code imu}, {@code supervisor}, {@code cru}, {@code administrator}).
 */
public record Account(String username, String displayName, String collarNumber, List<String> roles, String team,
        boolean disabled) {

    public Account {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}
