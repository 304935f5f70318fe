package org.dashdesk.ui.review;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.review.ActionState;
import org.dashdesk.review.CentralAuditEntry;
import org.dashdesk.review.MaracState;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.review.QueueItem;
import org.dashdesk.review.ReturnNotes;
import org.dashdesk.review.ReturnNotesRepository;
import org.dashdesk.review.ReviewException;
import org.dashdesk.review.ReviewGateway;
import org.dashdesk.review.SafetyAction;
import org.dashdesk.ui.common.UserProfile.Role;

/**
 * An in-memory central server for UI tests, with the server's rules: roles are checked on every
 * call (403), a supervisor cannot approve their own assessment and a stale revision is refused
 * (409), a wrong signature password is refused (401), and {@link #unreachable} makes every call
 * fail as if the network were down (status 0). Every call is recorded in the central audit.
 * Thread-safe enough for the FX executor's single background thread plus the test thread.
 */
public final class FakeReviewGateway implements ReviewGateway, ReturnNotesRepository {

    private final String user;
    private final Role role;
    private final String password;
    private final Clock clock;
    private final Map<UUID, Case> cases = new LinkedHashMap<>();
    private final Map<UUID, SafetyAction> actions = new LinkedHashMap<>();
    private long sequence;
    public volatile boolean unreachable;
    /** What the last approval received, copied at the moment of the call, and the array itself. */
    public volatile char[] passwordSeen;
    public volatile char[] passwordArray;
    public final List<String> calls = new ArrayList<>();

    private static final class Case {
        Revision head;
        String team;
        Instant received;
        boolean overdue;
        AssessmentState state;
        RiskLevel level;
        MaracState marac = MaracState.NOT_REFERRED;
        ReturnNotes returned;
        /** The revision and level CRU last marked reviewed; a new revision or a raise is unreviewed again. */
        UUID reviewedRevision;
        RiskLevel reviewedLevel;
        final List<CentralAuditEntry> audit = new ArrayList<>();
    }

    public FakeReviewGateway(String user, Role role, String password, Clock clock) {
        this.user = user;
        this.role = role;
        this.password = password;
        this.clock = clock;
    }

    /** Puts a submitted revision on the server, received {@code ageHours} ago. */
    public synchronized void add(Revision r, long ageHours, boolean overdue) {
        Case c = new Case();
        c.head = r;
        c.team = "Team A";
        c.received = clock.instant().minus(Duration.ofHours(ageHours));
        c.overdue = overdue;
        c.level = r.grading().level();
        c.state = c.level == RiskLevel.STANDARD ? AssessmentState.AWAITING_SIGN_OFF : AssessmentState.REFERRED;
        cases.put(r.assessmentId(), c);
        c.audit.add(new CentralAuditEntry(++sequence, r.createdAt(), r.createdBy(), "Officer", "Submitted revision " + r.revisionNumber()));
    }

    /** The officer submits a new revision: the one a supervisor has open becomes stale. */
    public synchronized UUID resubmit(UUID assessmentId) {
        Case c = cases.get(assessmentId);
        Revision old = c.head;
        c.head = Revision.freeze(old.assessmentId(), UUID.randomUUID(), old.revisionId(), old.revisionNumber() + 1, "Amended",
                clock.instant(), old.createdBy(), old.content(), old.grading());
        c.state = AssessmentState.AWAITING_SIGN_OFF;
        return c.head.revisionId();
    }

    /** The queue row for a case as another supervisor's (or CRU's) queue would list it. */
    public synchronized QueueItem queueItem(UUID assessmentId) {
        return item(find(assessmentId));
    }

    public synchronized AssessmentState state(UUID assessmentId) {
        return cases.get(assessmentId).state;
    }

    public synchronized RiskLevel level(UUID assessmentId) {
        return cases.get(assessmentId).level;
    }

    public synchronized SafetyAction seedAction(UUID assessmentId, String description, String owner, LocalDate due) {
        return putAction(assessmentId, description, owner, due, ActionState.OPEN, null, "CRU-seed");
    }

    private void check(String call, Role... allowed) {
        if (unreachable) {
            throw new ReviewException(0, "Connection refused");
        }
        calls.add(call);
        if (!Arrays.asList(allowed).contains(role)) {
            throw new ReviewException(403, "A " + role.label().toLowerCase(java.util.Locale.ROOT) + " may not " + call);
        }
    }

    private Case find(UUID assessmentId) {
        Case c = cases.get(assessmentId);
        if (c == null) {
            throw new ReviewException(404, "No such assessment");
        }
        return c;
    }

    private void headCheck(Case c, UUID revisionId) {
        if (!c.head.revisionId().equals(revisionId)) {
            throw new ReviewException(409, "A newer revision (" + c.head.revisionNumber() + ") was submitted after the one you opened");
        }
    }

    private void audit(Case c, String what) {
        c.audit.add(new CentralAuditEntry(++sequence, clock.instant(), user, role.label(), what));
    }

    private QueueItem item(Case c) {
        Revision r = c.head;
        return new QueueItem(r.assessmentId(), r.revisionId(), r.revisionNumber(), r.content().incident().incidentReference(),
                r.content().incident().district(), r.createdBy(), c.team, c.level,
                Boolean.TRUE.equals(r.content().people().childrenOrDependants()), c.state, c.received,
                Duration.between(c.received, clock.instant()), c.overdue, historyFlags.get(r.assessmentId()),
                otherForVictim.get(r.assessmentId()));
    }

    /** What the server's history check flagged, and repeat-victim counts, by assessment (issue 12). */
    public final java.util.Map<UUID, String> historyFlags = new java.util.HashMap<>();
    public final java.util.Map<UUID, Integer> otherForVictim = new java.util.HashMap<>();

    private boolean isCruCase(Case c) {
        return c.state != AssessmentState.RETURNED && c.state != AssessmentState.SIGNED_OFF
                && (c.level != RiskLevel.STANDARD || historyFlags.containsKey(c.head.assessmentId()) || Boolean.TRUE.equals(c.head.content().people().childrenOrDependants()));
    }

    private boolean reviewed(Case c) {
        return c.head.revisionId().equals(c.reviewedRevision) && c.level == c.reviewedLevel;
    }

    @Override
    public synchronized List<QueueItem> signOffQueue() {
        check("read the sign-off queue", Role.SUPERVISOR);
        // Newest first on purpose: the client must put the oldest first itself. One's own
        // assessments are left out, as the server does (another supervisor must approve them).
        return cases.values().stream().filter(c -> c.state == AssessmentState.AWAITING_SIGN_OFF && c.level == RiskLevel.STANDARD)
                .filter(c -> !c.head.createdBy().equals(user))
                .sorted(Comparator.comparing((Case c) -> c.received).reversed()).map(this::item).toList();
    }

    @Override
    public synchronized List<QueueItem> cruQueue() {
        check("read the CRU queue", Role.CRU);
        return cases.values().stream().filter(this::isCruCase).filter(c -> !reviewed(c))
                .sorted(Comparator.comparing((Case c) -> c.received).reversed()).map(this::item).toList();
    }

    @Override
    public synchronized Revision revision(UUID assessmentId, UUID revisionId) {
        check("open an assessment for review", Role.SUPERVISOR, Role.CRU);
        Case c = find(assessmentId);
        headCheck(c, revisionId);
        audit(c, "Viewed revision " + c.head.revisionNumber());
        return c.head;
    }

    @Override
    public synchronized void approve(UUID assessmentId, UUID revisionId, char[] pw) {
        passwordArray = pw;
        passwordSeen = pw.clone();
        check("approve an assessment", Role.SUPERVISOR);
        Case c = find(assessmentId);
        if (!password.equals(new String(pw))) {
            throw new ReviewException(401, "The password is not right");
        }
        if (c.head.createdBy().equals(user)) {
            throw new ReviewException(409, "You cannot sign off your own assessment");
        }
        headCheck(c, revisionId);
        if (c.state != AssessmentState.AWAITING_SIGN_OFF || c.level != RiskLevel.STANDARD) {
            throw new ReviewException(409, "This assessment is no longer awaiting sign-off");
        }
        c.state = AssessmentState.SIGNED_OFF;
        audit(c, "Approved revision " + c.head.revisionNumber() + " (signed)");
    }

    @Override
    public synchronized void returnToOfficer(UUID assessmentId, UUID revisionId, List<QuestionComment> comments) {
        check("return an assessment", Role.SUPERVISOR);
        Case c = find(assessmentId);
        headCheck(c, revisionId);
        if (comments.isEmpty()) {
            throw new ReviewException(400, "A return needs at least one comment");
        }
        c.state = AssessmentState.RETURNED;
        c.returned = new ReturnNotes(assessmentId, revisionId, user, clock.instant(), comments);
        audit(c, "Returned revision " + c.head.revisionNumber() + " to the officer with " + comments.size() + " comments");
    }

    @Override
    public synchronized void raise(UUID assessmentId, UUID revisionId, RiskLevel level, String rationale) {
        check("raise a grading", Role.SUPERVISOR, Role.CRU);
        Case c = find(assessmentId);
        headCheck(c, revisionId);
        if (!level.isAbove(c.level)) {
            throw new ReviewException(409, "The grading can only be raised, and it is already " + c.level.label());
        }
        if (rationale == null || rationale.isBlank()) {
            throw new ReviewException(400, "A raise needs a rationale");
        }
        c.level = level;
        c.state = AssessmentState.REFERRED;
        audit(c, "Raised the grading to " + level.label());
    }

    @Override
    public synchronized void markReviewed(UUID assessmentId, UUID revisionId, String note) {
        check("mark an assessment reviewed", Role.CRU);
        Case c = find(assessmentId);
        headCheck(c, revisionId);
        if (note == null || note.isBlank()) {
            throw new ReviewException(422, "A CRU review needs a note");
        }
        if (!isCruCase(c)) {
            throw new ReviewException(409, "This assessment is not in the CRU queue");
        }
        if (reviewed(c)) {
            throw new ReviewException(409, "Revision " + c.head.revisionNumber() + " has already been reviewed by CRU");
        }
        c.reviewedRevision = c.head.revisionId();
        c.reviewedLevel = c.level;
        audit(c, "CRU reviewed revision " + c.head.revisionNumber());
    }

    public synchronized boolean isReviewed(UUID assessmentId) {
        return reviewed(find(assessmentId));
    }

    @Override
    public synchronized List<SafetyAction> actions(UUID assessmentId) {
        check("read safety-plan actions", Role.SUPERVISOR, Role.CRU);
        find(assessmentId);
        return actions.values().stream().filter(a -> a.assessmentId().equals(assessmentId)).map(this::withOverdue).toList();
    }

    private SafetyAction withOverdue(SafetyAction a) {
        boolean overdue = a.state() == ActionState.OPEN && a.due() != null && a.due().isBefore(LocalDate.now(clock));
        return new SafetyAction(a.actionId(), a.assessmentId(), a.description(), a.ownerCollar(), a.due(), a.state(), a.note(),
                a.updatedAt(), a.updatedBy(), overdue);
    }

    private SafetyAction putAction(UUID assessmentId, String description, String owner, LocalDate due, ActionState state, String note,
            String by) {
        SafetyAction a = withOverdue(new SafetyAction(UUID.randomUUID(), assessmentId, description, owner, due, state, note,
                clock.instant(), by, false));
        actions.put(a.actionId(), a);
        return a;
    }

    @Override
    public synchronized SafetyAction addAction(UUID assessmentId, String description, String ownerCollar, LocalDate due) {
        check("add safety-plan actions", Role.CRU);
        Case c = find(assessmentId);
        audit(c, "Added safety-plan action for " + ownerCollar);
        return putAction(assessmentId, description, ownerCollar, due, ActionState.OPEN, null, user);
    }

    @Override
    public synchronized SafetyAction updateAction(UUID actionId, ActionState state, String note) {
        check("change safety-plan actions", Role.CRU);
        SafetyAction a = actions.get(actionId);
        if (a == null) {
            throw new ReviewException(404, "No such action");
        }
        if (a.state() != ActionState.OPEN) {
            throw new ReviewException(409, "The action is already closed");
        }
        SafetyAction updated = withOverdue(new SafetyAction(a.actionId(), a.assessmentId(), a.description(), a.ownerCollar(), a.due(),
                state, note, clock.instant(), user, false));
        actions.put(actionId, updated);
        audit(find(a.assessmentId()), "Safety-plan action marked " + state.name().toLowerCase(java.util.Locale.ROOT));
        return updated;
    }

    @Override
    public synchronized List<SafetyAction> overdueActions() {
        check("read overdue actions", Role.SUPERVISOR, Role.CRU);
        return actions.values().stream().map(this::withOverdue).filter(SafetyAction::overdue).toList();
    }

    @Override
    public synchronized MaracState maracState(UUID assessmentId) {
        check("read the MARAC state", Role.CRU);
        return find(assessmentId).marac;
    }

    @Override
    public synchronized void setMaracState(UUID assessmentId, MaracState state, String note) {
        check("change the MARAC state", Role.CRU);
        Case c = find(assessmentId);
        c.marac = state;
        audit(c, "MARAC referral state set to " + state.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Links decided so far (CRU's "Victim's other DASH" tab), by assessment; suggestions are what tests put in {@link #suggestions}. */
    public final java.util.Map<UUID, List<org.dashdesk.history.HistoryRequests.Link>> suggestions = new java.util.HashMap<>();

    @Override
    public synchronized org.dashdesk.history.HistoryRequests.Links links(UUID assessmentId) {
        return new org.dashdesk.history.HistoryRequests.Links(List.copyOf(suggestions.getOrDefault(assessmentId, List.of())));
    }

    @Override
    public synchronized org.dashdesk.history.HistoryRequests.Links decideLink(UUID assessmentId, UUID other,
            org.dashdesk.history.HistoryRequests.LinkDecision decision) {
        List<org.dashdesk.history.HistoryRequests.Link> now = new java.util.ArrayList<>();
        for (org.dashdesk.history.HistoryRequests.Link l : suggestions.getOrDefault(assessmentId, List.of())) {
            now.add(l.assessmentId().equals(other) ? new org.dashdesk.history.HistoryRequests.Link(l.assessmentId(), l.date(), l.level(),
                    l.district(), l.maracReferral(), l.matchedOn(), decision.decision(), "cru1") : l);
        }
        suggestions.put(assessmentId, now);
        return links(assessmentId);
    }

    @Override
    public synchronized List<CentralAuditEntry> audit(UUID assessmentId) {
        check("read the audit trail", Role.SUPERVISOR, Role.CRU);
        return List.copyOf(find(assessmentId).audit);
    }

    @Override
    public synchronized Optional<ReturnNotes> latest(UUID assessmentId) {
        Case c = cases.get(assessmentId);
        return c == null ? Optional.empty() : Optional.ofNullable(c.returned);
    }
}
