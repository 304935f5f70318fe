package org.dashdesk.protocol;

import java.util.List;

/** The body of {@code POST /api/v1/users} (administrators): a new account and its first password. */
public record NewUser(String username, String displayName, String collarNumber, List<String> roles, String team,
        String password) {

    @Override
    public String toString() {
        return "NewUser[username=" + username + ", password=…]";
    }
}
