package org.dashdesk.sync;

import org.dashdesk.outbox.OutboxState;
import org.dashdesk.outbox.OutboxRecord;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.server.ReferenceServer;

/**
 * One laptop syncing its whole outbox in ONE run through a {@link FaultyFront}, then the checks
 * issue 16 asks for: every record synced on the client, the server holding each exactly once,
 * and the server's stored hash equal to the laptop's for every one (asked by replaying each
 * upload: the server answers a replay with the stored revision's receipt, or 409 if it differs).
 */
final class FaultMixRun {

    /** What one run came to. */
    record Outcome(int submitted, CycleReport report, double seconds, long serverCopiesTotal) {

        double perSecond() {
            return submitted / seconds;
        }
    }

    private FaultMixRun() {
    }

    static List<Revision> submit(LocalDesk desk, int n) {
        List<Revision> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(desk.submit(i % 20));
        }
        return out;
    }

    /** Syncs everything queued on {@code desk} in one cycle and times it. */
    static Outcome syncOnce(LocalDesk desk, List<Revision> queued, ReferenceServer server) {
        long t0 = System.nanoTime();
        CycleReport report = desk.sync.runCycle(true);
        double seconds = (System.nanoTime() - t0) / 1e9;
        long copies = 0;
        for (Revision r : queued) {
            copies += server.copies(r.assessmentId(), r.revisionId());
        }
        return new Outcome(queued.size(), report, seconds, copies);
    }

    /**
     * Checks the invariants; returns the first problem found, or null. Replays go straight to the
     * server (not through the front) with {@code token}.
     */
    static String check(LocalDesk desk, List<Revision> queued, ReferenceServer server, String token) throws Exception {
        Set<UUID> ids = new HashSet<>();
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (Revision r : queued) {
            if (!ids.add(r.revisionId())) {
                return "revision " + r.revisionId() + " queued twice";
            }
            OutboxRecord rec = desk.record(r);
            if (rec.state() != OutboxState.SYNCED) {
                return "not synced: " + rec.describe();
            }
            int copies = server.copies(r.assessmentId(), r.revisionId());
            if (copies != 1) {
                return copies + " copies on the server of " + r.revisionId();
            }
            byte[] body = AssessmentJson.mapper().writeValueAsBytes(new RevisionUpload(Protocol.VERSION,
                    desk.outbox.deviceId().toString(), rec.deviceSeq(), r));
            HttpResponse<String> replay = http.send(HttpRequest.newBuilder(URI.create(server.uri()
                                    + Protocol.revisionPath(r.assessmentId(), r.revisionId())))
                            .header("Authorization", "Bearer " + token).header("Content-Type", Protocol.JSON)
                            .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
            if (replay.statusCode() != 200 && replay.statusCode() != 201) {
                return "replay of " + r.revisionId() + " got HTTP " + replay.statusCode() + ": " + replay.body();
            }
            Receipt stored = AssessmentJson.read(replay.body(), Receipt.class);
            if (!stored.confirms(r.assessmentId(), r.revisionId(), r.contentHash())) {
                return "the server's hash for " + r.revisionId() + " differs from the laptop's";
            }
            if (rec.serverSeq() == null || stored.serverSeq() != rec.serverSeq()) {
                return "the laptop's receipt for " + r.revisionId() + " is not the server's (" + rec.serverSeq() + " vs "
                        + stored.serverSeq() + ")";
            }
        }
        if (server.revisionCount() < queued.size()) {
            return "the server holds " + server.revisionCount() + " revisions for " + queued.size() + " sent";
        }
        return null;
    }

    static Path dir(Path root, String name) {
        return root.resolve(name);
    }
}
