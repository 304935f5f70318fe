package org.dashdesk.server;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.protocol.Account;
import org.dashdesk.protocol.NewUser;
import org.dashdesk.protocol.Problem;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.ReviewRequests;
import org.dashdesk.protocol.SessionGrant;
import org.dashdesk.protocol.SessionRequest;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;

/**
 * The account and review endpoints of protocol v1 (sessions, users, queues, decisions, actions,
 * MARAC, audit). Every handler states its role rule first; {@link ServerReview} repeats the rules
 * that depend on the assessment (team, owner, head).
 */
final class ReviewRoutes {

    private static final String ID = "([0-9a-fA-F-]{36})";
    private static final Pattern REVISION = Pattern.compile("/api/v1/assessments/" + ID + "/revisions/" + ID);
    private static final Pattern DECISION = Pattern.compile("/api/v1/assessments/" + ID + "/revisions/" + ID
            + "/(approval|return|raise|cru-review)");
    private static final Pattern ASSESSMENT_PART = Pattern.compile("/api/v1/assessments/" + ID + "/(actions|marac|audit)");
    private static final Pattern ACTION = Pattern.compile("/api/v1/actions/" + ID);

    private final ObjectMapper json = AssessmentJson.mapper();
    private final ServerAccounts accounts;
    private final ServerReview review;
    private final Clock clock;

    ReviewRoutes(ServerAccounts accounts, ServerReview review, Clock clock) {
        this.accounts = accounts;
        this.review = review;
        this.clock = clock;
    }

    /** {@code POST /api/v1/sessions}: no token needed, the password is the credential. */
    void signIn(HttpExchange ex) throws IOException {
        requireMethod(ex, "POST");
        SessionRequest body = body(ex, SessionRequest.class);
        if (body.username() == null || body.password() == null) {
            throw Refusal.invalid("username", "username and password are required");
        }
        char[] password = body.password().toCharArray();
        ServerAccounts.Check outcome;
        try {
            outcome = accounts.signIn(body.username(), password, clock.instant());
        } finally {
            Arrays.fill(password, '\0');
        }
        if (outcome instanceof ServerAccounts.Grant g) {
            ReferenceServer.send(ex, 201, new SessionGrant(g.token(), g.expiresAt(), g.account()));
        } else if (outcome instanceof ServerAccounts.LockedOut l) {
            throw new Refusal(423, Problem.of("locked", "too many wrong passwords: this account is locked until " + l.until()));
        } else {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"dashdesk\"");
            throw new Refusal(401, Problem.of("unauthorized", "unknown username or wrong password"));
        }
    }

    /**
     * Handles the request when the path is one of these endpoints.
     *
     * @return false when the path is not ours (the caller answers 404)
     */
    boolean handle(HttpExchange ex, Principal who, String tokenHash) throws IOException {
        String path = ex.getRequestURI().getPath();
        Matcher m;
        if (path.equals(Protocol.CURRENT_SESSION)) {
            requireMethod(ex, "DELETE");
            accounts.revoke(tokenHash);
            ReferenceServer.send(ex, 200, new Message("signed out"));
            return true;
        }
        if (path.equals(Protocol.USERS)) {
            ServerReview.requireRole(who, Role.ADMINISTRATOR, "manage users");
            if (ex.getRequestMethod().equals("GET")) {
                ReferenceServer.send(ex, 200, accounts.list());
                return true;
            }
            requireMethod(ex, "POST");
            ReferenceServer.send(ex, 201, addUser(body(ex, NewUser.class)));
            return true;
        }
        if (path.equals(Protocol.SIGN_OFF_QUEUE)) {
            requireMethod(ex, "GET");
            ReferenceServer.send(ex, 200, review.signOffQueue(who, clock.instant()));
            return true;
        }
        if (path.equals(Protocol.CRU_QUEUE)) {
            requireMethod(ex, "GET");
            ReferenceServer.send(ex, 200, review.cruQueue(who, clock.instant()));
            return true;
        }
        if (path.equals(Protocol.OVERDUE_ACTIONS)) {
            requireMethod(ex, "GET");
            ReferenceServer.send(ex, 200, review.overdueActions(who, clock.instant()));
            return true;
        }
        if ((m = REVISION.matcher(path)).matches() && ex.getRequestMethod().equals("GET")) {
            ReferenceServer.send(ex, 200, review.revision(who, uuid(m.group(1)), uuid(m.group(2)), clock.instant()));
            return true;
        }
        if ((m = DECISION.matcher(path)).matches()) {
            requireMethod(ex, "POST");
            decision(ex, who, uuid(m.group(1)), uuid(m.group(2)), m.group(3));
            return true;
        }
        if ((m = ASSESSMENT_PART.matcher(path)).matches()) {
            assessmentPart(ex, who, uuid(m.group(1)), m.group(2));
            return true;
        }
        if ((m = ACTION.matcher(path)).matches()) {
            requireMethod(ex, "PUT");
            ReferenceServer.send(ex, 200, review.updateAction(who, uuid(m.group(1)), body(ex, ReviewRequests.ActionUpdate.class),
                    clock.instant()));
            return true;
        }
        return false;
    }

    private Account addUser(NewUser body) {
        UserAccount user;
        try {
            List<Role> roles = body.roles() == null ? List.of() : body.roles().stream().map(Principal::role).toList();
            user = new UserAccount(body.username(), body.displayName(), body.collarNumber(), java.util.Set.copyOf(roles), body.team());
        } catch (IllegalArgumentException | NullPointerException e) {
            String message = e.getMessage() == null ? "roles: unknown role" : e.getMessage();
            int colon = message.indexOf(':');
            throw Refusal.invalid(colon > 0 ? message.substring(0, colon) : "$", message);
        }
        if (body.password() == null) {
            throw Refusal.invalid("password", "a first password is required");
        }
        char[] password = body.password().toCharArray();
        try {
            return accounts.add(user, password, clock.instant());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(':');
            throw new Refusal(message.contains("already") ? 409 : 422, new Problem(message.contains("already") ? "conflict" : "invalid",
                    message, colon > 0 ? message.substring(0, colon) : null, null));
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    private void decision(HttpExchange ex, Principal who, UUID assessmentId, UUID revisionId, String kind) throws IOException {
        switch (kind) {
            case "approval" -> {
                ReviewRequests.Approval body = body(ex, ReviewRequests.Approval.class);
                review.checkMayApprove(who, assessmentId, revisionId);
                if (who.username() == null) {
                    throw Refusal.forbidden("an approval is an electronic signature: sign in with a user account to approve");
                }
                if (body.password() == null || body.password().isEmpty()) {
                    throw Refusal.invalid("password", "re-enter your password to sign the approval");
                }
                char[] password = body.password().toCharArray();
                ServerAccounts.Check check;
                try {
                    check = accounts.check(who.username(), password, clock.instant());
                } finally {
                    Arrays.fill(password, '\0');
                }
                if (check instanceof ServerAccounts.LockedOut l) {
                    throw new Refusal(423, Problem.of("locked", "too many wrong passwords: this account is locked until " + l.until()));
                }
                if (!(check instanceof ServerAccounts.Accepted)) {
                    throw Refusal.forbidden("the password is not correct; the approval was not signed");
                }
                ReferenceServer.send(ex, 200, review.approve(who, assessmentId, revisionId, clock.instant()));
            }
            case "cru-review" -> {
                ServerReview.requireRole(who, Role.CRU, "mark an assessment reviewed by CRU");
                ReviewRequests.CruReview body = body(ex, ReviewRequests.CruReview.class);
                review.markReviewed(who, assessmentId, revisionId, body.note(), clock.instant());
                ReferenceServer.send(ex, 200, new Message("reviewed"));
            }
            case "return" -> {
                ReviewRequests.Return body = body(ex, ReviewRequests.Return.class);
                ReferenceServer.send(ex, 200, review.returnToOfficer(who, assessmentId, revisionId, body.comments(), clock.instant()));
            }
            default -> {
                ReviewRequests.Raise body = body(ex, ReviewRequests.Raise.class);
                ReferenceServer.send(ex, 200, review.raise(who, assessmentId, revisionId, body.level(), body.rationale(), clock.instant()));
            }
        }
    }

    private void assessmentPart(HttpExchange ex, Principal who, UUID assessmentId, String part) throws IOException {
        String method = ex.getRequestMethod();
        switch (part) {
            case "actions" -> {
                if (method.equals("GET")) {
                    ReferenceServer.send(ex, 200, review.actions(who, assessmentId, clock.instant()));
                } else {
                    requireMethod(ex, "POST");
                    ReferenceServer.send(ex, 201, review.addAction(who, assessmentId, body(ex, ReviewRequests.NewAction.class),
                            clock.instant()));
                }
            }
            case "marac" -> {
                if (method.equals("GET")) {
                    ReferenceServer.send(ex, 200, review.marac(who, assessmentId, clock.instant()));
                } else {
                    requireMethod(ex, "PUT");
                    ReferenceServer.send(ex, 200, review.setMarac(who, assessmentId, body(ex, ReviewRequests.MaracUpdate.class),
                            clock.instant()));
                }
            }
            default -> {
                requireMethod(ex, "GET");
                ReferenceServer.send(ex, 200, review.audit(who, assessmentId));
            }
        }
    }

    /** A short confirmation body, so every reply stays JSON. */
    record Message(String status) {
    }

    private static void requireMethod(HttpExchange ex, String method) {
        if (!ex.getRequestMethod().equals(method)) {
            throw new Refusal(405, Problem.of("method_not_allowed", "use " + method));
        }
    }

    private <T> T body(HttpExchange ex, Class<T> type) throws IOException {
        byte[] bytes = ReferenceServer.readBody(ex);
        T value;
        try {
            value = json.readValue(bytes, type);
        } catch (IOException e) {
            throw Refusal.invalid("$", "malformed JSON request body");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
        if (value == null) {
            throw Refusal.invalid("$", "empty request body");
        }
        return value;
    }

    private static UUID uuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException e) {
            throw Refusal.invalid("path", "ids in the address must be UUIDs");
        }
    }
}
