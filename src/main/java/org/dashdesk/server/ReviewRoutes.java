package org.dashdesk.server;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalLong;

import io.javalin.http.Context;
import org.dashdesk.protocol.Account;
import org.dashdesk.protocol.NewUser;
import org.dashdesk.protocol.Problem;
import org.dashdesk.protocol.ReviewRequests;
import org.dashdesk.protocol.SessionGrant;
import org.dashdesk.protocol.SessionRequest;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;

/**
 * The handlers of the account and review endpoints of protocol v1 (sessions, users, queues,
 * decisions, actions, MARAC, audit); {@link ReferenceServer#routeTable} maps the routes to them.
 * Every handler states its role rule first; {@link ServerReview} repeats the rules that depend on
 * the assessment (team, owner, head).
 */
final class ReviewRoutes {

    private final ServerAccounts accounts;
    private final ServerReview review;
    private final Clock clock;
    private final SignInThrottle throttle;

    ReviewRoutes(ServerAccounts accounts, ServerReview review, Clock clock, SignInThrottle throttle) {
        this.accounts = accounts;
        this.review = review;
        this.clock = clock;
        this.throttle = throttle;
    }

    /**
     * {@code POST /api/v1/sessions}: no token needed, the password is the credential. The address's
     * bucket is checked first, so a flood is refused before the body is read or a hash is computed.
     */
    void signIn(Context ctx) throws IOException {
        OptionalLong wait = throttle.take(ctx.req().getRemoteAddr(), System.nanoTime());
        if (wait.isPresent()) {
            throw new Refusal(429, Problem.of("too_many_requests", "too many sign-in attempts from this address; try again in "
                    + wait.getAsLong() + " s"), wait.getAsLong());
        }
        SessionRequest body = Exchange.parse(ctx, SessionRequest.class);
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
            Exchange.send(ctx, 201, new SessionGrant(g.token(), g.expiresAt(), g.account()));
        } else if (outcome instanceof ServerAccounts.Throttled t) {
            // Past the per-username rate (counted in the database, on all nodes): refused before the
            // password is checked, for every username alike, so it tells nothing about the account.
            throw new Refusal(429, Problem.of("too_many_requests", "too many sign-in attempts; try again later"),
                    Math.max(1, t.retryAfter().toSeconds()));
        } else {
            throw new Refusal(401, Problem.of("unauthorized", "unknown username or wrong password"));
        }
    }

    /** {@code DELETE /api/v1/sessions/current}: any signed-in user; the token stops working at once. */
    void signOut(Context ctx, Principal who, String tokenHash) throws IOException {
        accounts.revoke(tokenHash);
        Exchange.send(ctx, 200, new Message("signed out"));
    }

    void listUsers(Context ctx, Principal who) throws IOException {
        ServerReview.requireRole(who, Role.ADMINISTRATOR, "manage users");
        Exchange.send(ctx, 200, accounts.list());
    }

    void addUser(Context ctx, Principal who) throws IOException {
        ServerReview.requireRole(who, Role.ADMINISTRATOR, "manage users");
        Exchange.send(ctx, 201, addUser(Exchange.parse(ctx, NewUser.class)));
    }

    void signOffQueue(Context ctx, Principal who) throws IOException {
        Exchange.send(ctx, 200, review.signOffQueue(who, clock.instant()));
    }

    void cruQueue(Context ctx, Principal who) throws IOException {
        Exchange.send(ctx, 200, review.cruQueue(who, clock.instant()));
    }

    void overdueActions(Context ctx, Principal who) throws IOException {
        Exchange.send(ctx, 200, review.overdueActions(who, clock.instant()));
    }

    void revision(Context ctx, Principal who) throws IOException {
        Exchange.send(ctx, 200, review.revision(who, Exchange.uuid(ctx, "assessment"), Exchange.uuid(ctx, "revision"), clock.instant()));
    }

    void updateAction(Context ctx, Principal who) throws IOException {
        Exchange.send(ctx, 200, review.updateAction(who, Exchange.uuid(ctx, "action"),
                Exchange.parse(ctx, ReviewRequests.ActionUpdate.class), clock.instant()));
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

    /** {@code POST …/approval}: an electronic signature, so the supervisor re-enters the password. */
    void approve(Context ctx, Principal who) throws IOException {
        var assessmentId = Exchange.uuid(ctx, "assessment");
        var revisionId = Exchange.uuid(ctx, "revision");
        ReviewRequests.Approval body = Exchange.parse(ctx, ReviewRequests.Approval.class);
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
        Exchange.send(ctx, 200, review.approve(who, assessmentId, revisionId, clock.instant()));
    }

    void cruReview(Context ctx, Principal who) throws IOException {
        ServerReview.requireRole(who, Role.CRU, "mark an assessment reviewed by CRU");
        var assessmentId = Exchange.uuid(ctx, "assessment");
        var revisionId = Exchange.uuid(ctx, "revision");
        ReviewRequests.CruReview body = Exchange.parse(ctx, ReviewRequests.CruReview.class);
        review.markReviewed(who, assessmentId, revisionId, body.note(), clock.instant());
        Exchange.send(ctx, 200, new Message("reviewed"));
    }

    void returnToOfficer(Context ctx, Principal who) throws IOException {
        var assessmentId = Exchange.uuid(ctx, "assessment");
        var revisionId = Exchange.uuid(ctx, "revision");
        ReviewRequests.Return body = Exchange.parse(ctx, ReviewRequests.Return.class);
        Exchange.send(ctx, 200, review.returnToOfficer(who, assessmentId, revisionId, body.comments(), clock.instant()));
    }

    void raise(Context ctx, Principal who) throws IOException {
        var assessmentId = Exchange.uuid(ctx, "assessment");
        var revisionId = Exchange.uuid(ctx, "revision");
        ReviewRequests.Raise body = Exchange.parse(ctx, ReviewRequests.Raise.class);
        Exchange.send(ctx, 200, review.raise(who, assessmentId, revisionId, body.level(), body.rationale(), clock.instant()));
    }

    void actions(Context ctx, Principal who) throws IOException {
        Exchange.send(ctx, 200, review.actions(who, Exchange.uuid(ctx, "assessment"), clock.instant()));
    }

    void addAction(Context ctx, Principal who) throws IOException {
        var assessmentId = Exchange.uuid(ctx, "assessment");
        Exchange.send(ctx, 201, review.addAction(who, assessmentId, Exchange.parse(ctx, ReviewRequests.NewAction.class), clock.instant()));
    }

    void marac(Context ctx, Principal who) throws IOException {
        Exchange.send(ctx, 200, review.marac(who, Exchange.uuid(ctx, "assessment"), clock.instant()));
    }

    void setMarac(Context ctx, Principal who) throws IOException {
        var assessmentId = Exchange.uuid(ctx, "assessment");
        Exchange.send(ctx, 200, review.setMarac(who, assessmentId, Exchange.parse(ctx, ReviewRequests.MaracUpdate.class),
                clock.instant()));
    }

    void audit(Context ctx, Principal who) throws IOException {
        Exchange.send(ctx, 200, review.audit(who, Exchange.uuid(ctx, "assessment")));
    }

    /** A short confirmation body, so every reply stays JSON. */
    record Message(String status) {
    }
}
