package org.dashdesk.sync;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.dashdesk.protocol.Protocol;
import org.dashdesk.report.Report;
import org.dashdesk.report.ReportRequest;

/**
 * Runs the central server's reports (issue 13) with the signed-in user's token, over the same
 * pinned TLS as sync. The server checks the role and audits the run; a refusal arrives as a
 * {@link ReviewException} with its reason (400 names the parameter), a network failure as a
 * {@link NetworkException}. Blocks: never on the FX thread.
 */
public final class ReportClient {

    private final Endpoint endpoint;
    private final String token;

    public ReportClient(SyncClient.Settings settings) {
        if (settings.token() == null || settings.token().isBlank()) {
            throw new IllegalArgumentException("no sign-in token for " + settings.server());
        }
        this.endpoint = new Endpoint(settings);
        this.token = settings.token();
    }

    public Report run(ReportRequest request) {
        return endpoint.call("GET", Protocol.REPORTS + "/" + request.kind().path() + "?" + query(request), null,
                endpoint.type(Report.class), token);
    }

    /** The request as the server's query string (format left to JSON: CSV is made from the answer). */
    static String query(ReportRequest r) {
        List<String> parts = new ArrayList<>();
        parts.add("from=" + r.from());
        parts.add("to=" + r.to());
        for (Map.Entry<String, String> f : r.filters().entrySet()) {
            parts.add(encode(f.getKey()) + "=" + encode(f.getValue()));
        }
        if (!r.by().isEmpty()) {
            parts.add("by=" + encode(String.join(",", r.by())));
        }
        if (r.suppress()) {
            parts.add("suppress=true");
        }
        return String.join("&", parts);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
