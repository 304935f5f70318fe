package org.dashdesk.server;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.javalin.http.Context;
import org.dashdesk.assessment.Revision;
import org.dashdesk.document.CaseDocument;
import org.dashdesk.document.MaracReferral;
import org.dashdesk.document.PdfWriter;

/**
 * {@code GET …/revisions/{r}/marac-referral}: the MARAC referral of a stored revision as a PDF,
 * made on the server with the same machinery as on the laptop (issue 13, decision 0190), for
 * whoever may read the revision (its officer, the team's supervisors, CRU). The production is
 * audited in the reading transaction; the file name carries no personal data.
 */
final class DocumentRoutes {

    private final ServerReview review;
    private final RevisionValidator validator;
    private final Clock clock;

    DocumentRoutes(ServerReview review, RevisionValidator validator, Clock clock) {
        this.review = review;
        this.validator = validator;
        this.clock = clock;
    }

    void maracReferral(Context ctx, Principal who) throws IOException {
        UUID assessmentId = Exchange.uuid(ctx, "assessment");
        UUID revisionId = Exchange.uuid(ctx, "revision");
        Instant now = clock.instant();
        // The read is audited as a view for this purpose; only a referral actually made is audited as produced.
        Revision peek = review.revision(who, assessmentId, revisionId, now, number -> "viewed revision " + number
                + " to produce the MARAC referral document");
        if (!MaracReferral.applies(peek)) {
            throw Refusal.conflict("this revision is not graded high and meets no MARAC criterion: there is no referral to make");
        }
        CaseDocument document = MaracReferral.of(peek, validator.packs(), peek.grading() == null ? null
                : validator.policy(peek.grading().policyId(), peek.grading().policyVersion()).orElse(null), producedBy(who), now,
                ReportFacts.FORCE_ZONE);
        byte[] pdf = PdfWriter.render(document);
        review.audited(who, assessmentId, now, "produced the MARAC referral document (revision " + peek.revisionNumber() + ")");
        ctx.status(200);
        ctx.header("Content-Type", "application/pdf");
        ctx.header("Cache-Control", "no-store");
        ctx.header("Content-Disposition", "attachment; filename=\"" + document.fileName() + "\"");
        ctx.result(pdf);
    }

    private static String producedBy(Principal who) {
        String name = who.username() == null ? "development token" : who.username();
        return name + (who.collar() == null || who.collar().isBlank() ? "" : " (collar " + who.collar() + ")");
    }
}
