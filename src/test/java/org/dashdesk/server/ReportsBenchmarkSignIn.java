package org.dashdesk.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.protocol.Protocol;

/** Signs a benchmark's user in over HTTP and returns the token. */
final class ReportsBenchmarkSignIn {

    private ReportsBenchmarkSignIn() {
    }

    static String signIn(HttpClient http, ReferenceServer server, String username, String password) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.SESSIONS))
                .header("Content-Type", Protocol.JSON).POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + username
                        + "\",\"password\":\"" + password + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new AssertionError(r.statusCode() + " " + r.body());
        }
        return AssessmentJson.mapper().readTree(r.body()).get("token").asText();
    }
}
