package org.dashdesk.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import io.javalin.http.Context;
import org.dashdesk.report.Report;
import org.dashdesk.report.ReportCsv;
import org.dashdesk.report.ReportKind;
import org.dashdesk.report.ReportRequest;

/**
 * {@code GET /api/v1/reports} and {@code GET /api/v1/reports/{report}} (issue 13): JSON by
 * default, CSV with {@code format=csv} or {@code Accept: text/csv}. A wrong parameter is a 400
 * naming it; a role without reports a 403; an unknown report a 404 listing the known ones.
 */
final class ReportRoutes {

    /** One report offered, for a client's menu. */
    record Offered(String report, String title, List<String> filters, List<String> groupings) {
    }

    private final ServerReports reports;
    private final Clock clock;

    ReportRoutes(ServerReports reports, Clock clock) {
        this.reports = reports;
        this.clock = clock;
    }

    void list(Context ctx, Principal who) throws IOException {
        ServerReports.requireReportRole(who);
        Exchange.send(ctx, 200, Arrays.stream(ReportKind.values())
                .map(k -> new Offered(k.path(), k.title(), k.filters(), k.groupings())).toList());
    }

    void run(Context ctx, Principal who) throws IOException {
        ReportKind kind = ReportKind.byPath(ctx.pathParam("report")).orElseThrow(() -> Refusal.notFound(
                "no such report; the reports are " + ReportKind.known()));
        ReportRequest request;
        try {
            request = ReportRequest.parse(kind, ctx.queryParamMap(), LocalDate.ofInstant(clock.instant(), ReportFacts.FORCE_ZONE));
        } catch (ReportRequest.Invalid e) {
            throw Refusal.badParameter(e.parameter(), e.getMessage());
        }
        String format = ctx.queryParam("format");
        boolean csv;
        if (format == null) {
            String accept = ctx.header("Accept");
            csv = accept != null && accept.toLowerCase(Locale.ROOT).contains("text/csv");
        } else if (format.equalsIgnoreCase("csv") || format.equalsIgnoreCase("json")) {
            csv = format.equalsIgnoreCase("csv");
        } else {
            throw Refusal.badParameter("format", "'format' must be json or csv");
        }
        Report report = reports.run(who, request, clock.instant());
        if (!csv) {
            Exchange.send(ctx, 200, report);
            return;
        }
        ctx.status(200);
        ctx.header("Content-Type", "text/csv; charset=utf-8");
        ctx.header("Cache-Control", "no-store");
        // The name says which report and range; it names no one.
        ctx.header("Content-Disposition", "attachment; filename=\"dash-" + kind.path() + "-" + request.from() + "-to-" + request.to()
                + (request.suppress() ? "-suppressed" : "") + ".csv\"");
        ctx.result(ReportCsv.write(report.table()).getBytes(StandardCharsets.UTF_8));
    }
}
