package org.dashdesk.server;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Lifecycle;
import org.dashdesk.assessment.LifecycleEvent;
import org.dashdesk.protocol.Head;
import org.dashdesk.protocol.Problem;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.security.Role;

/**
 * Who may see and decide what on the server, without a database (decision 0125): plain functions
 * of the principal, the assessment's row and facts the repository looked up (whether the case
 * needs cover, who submitted its revisions). {@link ServerReview} loads those facts, asks here,
 * and writes. Every refusal is a {@link Refusal} carrying its status and reason.
 */
final class ReviewRules {

    /** Longest free text kept (notes, rationales, one comment). */
    static final int MAX_TEXT = 2000;
    /** Most comments on one return: one per question of the longest pack, and a few general ones. */
    static final int MAX_COMMENTS = 40;
    /** The stored form of a return's comments must fit {@code srv_change.comments_json}. */
    static final int MAX_COMMENTS_JSON = 100_000;

    private ReviewRules() {
    }

    static void requireRole(Principal who, Role role, String what) {
        if (!who.has(role)) {
            throw Refusal.forbidden("only " + Principal.roleName(role) + " users may " + what);
        }
    }

    /** The supervisor's own team, or another team's case that needs cover. */
    static void requireTeam(Principal who, ServerReview.Row r, boolean coverNeeded) {
        if (!who.team().equals(r.team()) && !(who.supervisor() && coverNeeded)) {
            throw Refusal.forbidden("assessment " + r.id() + " belongs to another team's queue");
        }
    }

    /** Read access to one assessment: its officer, a supervisor of its team (or covering it), or CRU. Returns the role used. */
    static Role reader(Principal who, ServerReview.Row r, boolean coverNeeded) {
        if (who.has(Role.CRU)) {
            return Role.CRU;
        }
        if (who.supervisor() && (who.team().equals(r.team()) || coverNeeded)) {
            return Role.SUPERVISOR;
        }
        if ((who.has(Role.OFFICER) || who.has(Role.IMU)) && r.owner().equals(who.collar())) {
            return who.has(Role.OFFICER) ? Role.OFFICER : Role.IMU;
        }
        throw Refusal.forbidden("only the assessment's officer, a supervisor of its team or CRU may see assessment " + r.id());
    }

    static void requireReaderRole(Principal who) {
        if (!(who.has(Role.CRU) || who.supervisor() || who.has(Role.OFFICER) || who.has(Role.IMU))) {
            throw Refusal.forbidden("this role may not see assessments");
        }
    }

    static void requireHead(ServerReview.Row r, UUID revisionId) {
        if (!r.head().equals(revisionId)) {
            throw new Refusal(409, new Problem("conflict", "stale: revision " + revisionId + " is no longer the head of assessment "
                    + r.id() + "; revision " + r.headNumber() + " is", "revisionId", new Head(r.head(), r.headNumber(), null)));
        }
    }

    /**
     * A supervisor never decides on an assessment they own <em>or entered</em> — not approve,
     * return nor raise: someone holding IMU and supervisor roles who uploaded a revision on an
     * officer's behalf would otherwise sign off their own data entry. Another supervisor decides,
     * or, for a team's only supervisor, a covering one (decisions 0113, 0125).
     *
     * @param submitters the collar numbers that uploaded any revision of the case
     */
    static void requireNotOwn(Principal who, ServerReview.Row r, Set<String> submitters, String what) {
        if (who.collar() == null || who.collar().isBlank()) {
            return;
        }
        if (r.owner().equals(who.collar())) {
            throw Refusal.conflict("a supervisor cannot " + what + " their own assessment; another supervisor must");
        }
        if (submitters.contains(who.collar())) {
            throw Refusal.conflict("a supervisor cannot " + what + " an assessment they uploaded a revision of;"
                    + " another supervisor must");
        }
    }

    /**
     * Decisions are signed by a person: a development token from {@code server token} names only
     * a collar number, with no account or password behind it, so it may not make them.
     */
    static void requireUserAccount(Principal who, String what) {
        if (who.username() == null) {
            throw Refusal.forbidden("a development token cannot " + what + ": a supervisor's decision is signed by"
                    + " a user account; sign in with a username and password");
        }
    }

    static void requireMove(ServerReview.Row r, LifecycleEvent event) {
        if (!Lifecycle.allows(r.state(), event)) {
            throw Refusal.conflict("assessment " + r.id() + " is " + r.state().label().toLowerCase(Locale.ROOT) + "; it cannot be "
                    + event.name().toLowerCase(Locale.ROOT).replace('_', ' ') + " now");
        }
    }

    /** Whether this supervisor could approve this revision now: their team (or cover), not theirs, the head, awaiting sign-off. */
    static void mayApprove(Principal who, ServerReview.Row r, UUID revisionId, boolean coverNeeded, Set<String> submitters) {
        requireTeam(who, r, coverNeeded);
        requireNotOwn(who, r, submitters, "sign off");
        requireHead(r, revisionId);
        if (r.state() != AssessmentState.AWAITING_SIGN_OFF) {
            throw Refusal.conflict("assessment " + r.id() + " is " + r.state().label().toLowerCase(Locale.ROOT)
                    + ", not awaiting sign-off");
        }
    }

    /** A return's comments: present, each non-empty and bounded, not too many, and their stored form fits its column. */
    static void checkReturnComments(List<QuestionComment> comments) {
        if (comments == null || comments.isEmpty()) {
            throw Refusal.invalid("comments", "at least one comment is needed to return an assessment");
        }
        if (comments.size() > MAX_COMMENTS) {
            throw Refusal.invalid("comments", "at most " + MAX_COMMENTS + " comments on one return, not " + comments.size());
        }
        for (int i = 0; i < comments.size(); i++) {
            QuestionComment qc = comments.get(i);
            if (qc == null || qc.comment() == null || qc.comment().isBlank()) {
                throw Refusal.invalid("comments[" + i + "].comment", "must not be empty");
            }
            if (qc.comment().length() > MAX_TEXT) {
                throw Refusal.invalid("comments[" + i + "].comment", "longer than " + MAX_TEXT + " characters");
            }
            if (qc.questionId() != null && qc.questionId().length() > 32) {
                throw Refusal.invalid("comments[" + i + "].questionId", "not a question id (longer than 32 characters)");
            }
        }
        // Escaping can make the stored form longer than the text (a control character is six).
        if (AssessmentJson.canonical(comments).length() > MAX_COMMENTS_JSON) {
            throw Refusal.invalid("comments", "the comments together are too long to store; shorten them");
        }
    }

    static void checkText(String field, String text, boolean required, String whatIfMissing) {
        if (text == null || text.isBlank()) {
            if (required) {
                throw Refusal.invalid(field, whatIfMissing);
            }
            return;
        }
        if (text.length() > MAX_TEXT) {
            throw Refusal.invalid(field, "longer than " + MAX_TEXT + " characters");
        }
    }
}
