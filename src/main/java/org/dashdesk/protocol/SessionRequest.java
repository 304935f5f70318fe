package org.dashdesk.protocol;

/** The body of {@code POST /api/v1/sessions}: an online sign-in. Never logged. */
public record SessionRequest(String username, String password) {

    @Override
    public String toString() {
        return "SessionRequest[username=…, password=…]";
    }
}
