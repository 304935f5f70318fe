package org.dashdesk.sync;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.ReviewRequests;
import org.dashdesk.review.ActionState;
import org.dashdesk.review.CentralAuditEntry;
import org.dashdesk.review.MaracState;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.review.QueueItem;
import org.dashdesk.review.ReviewException;
import org.dashdesk.review.ReviewGateway;
import org.dashdesk.review.SafetyAction;

/**
 * {@link ReviewGateway} over the central server's review endpoints (protocol v1), with the signed-in
 * user's token and the same pinned TLS as sync. The server checks every role rule; its refusals
 * arrive as {@link ReviewException}s with its reason. Calls block: never on the FX thread.
 */
public final class HttpReviewGateway implements ReviewGateway {

    private final Endpoint endpoint;
    private final String token;

    public HttpReviewGateway(SyncClient.Settings settings) {
        if (settings.token() == null || settings.token().isBlank()) {
            throw new IllegalArgumentException("no sign-in token for " + settings.server());
        }
        this.endpoint = new Endpoint(settings);
        this.token = settings.token();
    }

    private static String assessment(UUID id) {
        return Protocol.assessmentPath(id);
    }

    private static String revisionPath(UUID a, UUID r) {
        return Protocol.revisionPath(a, r);
    }

    @Override
    public org.dashdesk.report.Report report(org.dashdesk.report.ReportRequest request) {
        return endpoint.call("GET", Protocol.REPORTS + "/" + request.kind().path() + "?" + ReportClient.query(request), null,
                endpoint.type(org.dashdesk.report.Report.class), token);
    }

    @Override
    public org.dashdesk.history.HistoryRequests.Result history(org.dashdesk.history.HistoryRequests.Search search) {
        return endpoint.call("POST", Protocol.HISTORY_SEARCH, search, endpoint.type(org.dashdesk.history.HistoryRequests.Result.class),
                token);
    }

    @Override
    public List<QueueItem> signOffQueue() {
        return endpoint.call("GET", Protocol.SIGN_OFF_QUEUE, null, endpoint.listOf(QueueItem.class), token);
    }

    @Override
    public List<QueueItem> cruQueue() {
        return endpoint.call("GET", Protocol.CRU_QUEUE, null, endpoint.listOf(QueueItem.class), token);
    }

    @Override
    public Revision revision(UUID assessmentId, UUID revisionId) {
        Revision r = endpoint.call("GET", revisionPath(assessmentId, revisionId), null, endpoint.type(Revision.class), token);
        if (!r.verify() || !r.assessmentId().equals(assessmentId) || !r.revisionId().equals(revisionId)) {
            throw new ReviewException(0, "the server sent a revision that does not match its hash or its ids; not shown");
        }
        return r;
    }

    @Override
    public void approve(UUID assessmentId, UUID revisionId, char[] password) {
        // Jackson needs a String; it lives only for this request.
        endpoint.call("POST", revisionPath(assessmentId, revisionId) + "/approval", new ReviewRequests.Approval(new String(password)),
                null, token);
    }

    @Override
    public void returnToOfficer(UUID assessmentId, UUID revisionId, List<QuestionComment> comments) {
        endpoint.call("POST", revisionPath(assessmentId, revisionId) + "/return", new ReviewRequests.Return(comments), null, token);
    }

    @Override
    public void raise(UUID assessmentId, UUID revisionId, RiskLevel level, String rationale) {
        endpoint.call("POST", revisionPath(assessmentId, revisionId) + "/raise", new ReviewRequests.Raise(level.name(), rationale), null,
                token);
    }

    @Override
    public void markReviewed(UUID assessmentId, UUID revisionId, String note) {
        endpoint.call("POST", revisionPath(assessmentId, revisionId) + "/cru-review", new ReviewRequests.CruReview(note), null, token);
    }

    @Override
    public List<SafetyAction> actions(UUID assessmentId) {
        return endpoint.call("GET", assessment(assessmentId) + "/actions", null, endpoint.listOf(SafetyAction.class), token);
    }

    @Override
    public SafetyAction addAction(UUID assessmentId, String description, String ownerCollar, LocalDate due) {
        return endpoint.call("POST", assessment(assessmentId) + "/actions", new ReviewRequests.NewAction(description, ownerCollar, due),
                endpoint.type(SafetyAction.class), token);
    }

    @Override
    public SafetyAction updateAction(UUID actionId, ActionState state, String note) {
        return endpoint.call("PUT", Protocol.actionPath(actionId), new ReviewRequests.ActionUpdate(state.name(), note),
                endpoint.type(SafetyAction.class), token);
    }

    @Override
    public List<SafetyAction> overdueActions() {
        return endpoint.call("GET", Protocol.OVERDUE_ACTIONS, null, endpoint.listOf(SafetyAction.class), token);
    }

    @Override
    public MaracState maracState(UUID assessmentId) {
        ReviewRequests.MaracStatus s = endpoint.call("GET", assessment(assessmentId) + "/marac", null,
                endpoint.type(ReviewRequests.MaracStatus.class), token);
        try {
            return MaracState.valueOf(s.state());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ReviewException(0, "the server sent an unknown MARAC state");
        }
    }

    @Override
    public void setMaracState(UUID assessmentId, MaracState state, String note) {
        endpoint.call("PUT", assessment(assessmentId) + "/marac", new ReviewRequests.MaracUpdate(state.name(), note), null, token);
    }

    @Override
    public List<CentralAuditEntry> audit(UUID assessmentId) {
        return endpoint.call("GET", assessment(assessmentId) + "/audit", null, endpoint.listOf(CentralAuditEntry.class), token);
    }

    @Override
    public org.dashdesk.history.HistoryRequests.Links links(UUID assessmentId) {
        return endpoint.call("GET", assessment(assessmentId) + "/links", null, endpoint.type(org.dashdesk.history.HistoryRequests.Links.class),
                token);
    }

    @Override
    public org.dashdesk.history.HistoryRequests.Links decideLink(UUID assessmentId, UUID other,
            org.dashdesk.history.HistoryRequests.LinkDecision decision) {
        return endpoint.call("PUT", assessment(assessmentId) + "/links/" + other, decision,
                endpoint.type(org.dashdesk.history.HistoryRequests.Links.class), token);
    }
}
