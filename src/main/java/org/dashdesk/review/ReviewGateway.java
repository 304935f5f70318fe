package org.dashdesk.review;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.RiskLevel;

/**
 * What supervisors and CRU do against the central server. Every call is checked there for the
 * signed-in user's role and recorded in the central audit; every refusal is a
 * {@link ReviewException} carrying the server's reason. Calls block: run them in background tasks.
 */
public interface ReviewGateway {

    /** Standard-risk assessments awaiting sign-off for the supervisor's team, oldest first; never the supervisor's own. */
    List<QueueItem> signOffQueue();

    /**
     * Medium and high assessments, and standard ones where children are involved, whose head
     * revision CRU has not yet marked reviewed; oldest first.
     */
    List<QueueItem> cruQueue();

    /** The revision to review, read-only; the server records the view. */
    Revision revision(UUID assessmentId, UUID revisionId);

    /**
     * Approves a standard-risk revision: the password, checked again by the server, is the
     * electronic signature that locks the revision. Refused (409) for one's own assessment or a
     * revision that is no longer the head.
     */
    void approve(UUID assessmentId, UUID revisionId, char[] password);

    /** Returns the assessment to its officer with comments, some attached to questions. */
    void returnToOfficer(UUID assessmentId, UUID revisionId, List<QuestionComment> comments);

    /** Raises the grading with a rationale; the case is then routed onward as a referral. */
    void raise(UUID assessmentId, UUID revisionId, RiskLevel level, String rationale);

    /**
     * CRU marks the head revision reviewed, with a note saying what was decided; it leaves the CRU
     * queue until a new revision (or a raised grading) puts it back. Refused (409) for a revision
     * that is no longer the head or is already reviewed, (403) for anyone but CRU.
     */
    void markReviewed(UUID assessmentId, UUID revisionId, String note);

    List<SafetyAction> actions(UUID assessmentId);

    SafetyAction addAction(UUID assessmentId, String description, String ownerCollar, LocalDate due);

    SafetyAction updateAction(UUID actionId, ActionState state, String note);

    /** Open actions past their due date, across the user's cases. */
    List<SafetyAction> overdueActions();

    MaracState maracState(UUID assessmentId);

    void setMaracState(UUID assessmentId, MaracState state, String note);

    List<CentralAuditEntry> audit(UUID assessmentId);

    /**
     * Runs one of the server's reports (issue 13): supervisors for their team, CRU and analysts for
     * the force. The server checks the role and audits the run; a refusal arrives as a
     * {@link ReviewException} with its reason.
     */
    default org.dashdesk.report.Report report(org.dashdesk.report.ReportRequest request) {
        throw new ReviewException(0, "reports are not available from this connection");
    }

    /** The earlier assessments the force holds about a person (issue 12); audited and rate-limited by the server. */
    default org.dashdesk.history.HistoryRequests.Result history(org.dashdesk.history.HistoryRequests.Search search) {
        throw new ReviewException(0, "the history check is not available from this connection");
    }

    /** CRU: the other assessments that may be about this assessment's victim, confirmed first (issue 12). */
    default org.dashdesk.history.HistoryRequests.Links links(UUID assessmentId) {
        throw new ReviewException(0, "links are not available from this connection");
    }

    /** CRU: confirms or rejects that another assessment is about the same victim; returns the links as they now are. */
    default org.dashdesk.history.HistoryRequests.Links decideLink(UUID assessmentId, UUID other,
            org.dashdesk.history.HistoryRequests.LinkDecision decision) {
        throw new ReviewException(0, "links are not available from this connection");
    }
}
