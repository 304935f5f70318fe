package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.assessment.Revision;
import org.dashdesk.evidence.Ed25519;
import org.dashdesk.json.JsonMappers;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.protocol.ReceiptKey;
import org.dashdesk.protocol.RevisionUpload;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 on the server: the central audit log is a hash chain with signed checkpoints, and
 * {@code server audit verify} finds every edit, deletion, reordering and insertion made directly
 * with SQL; receipts are signed with the published key. On H2 here, on PostgreSQL in
 * {@link AuditChainServerOnPostgresTest}.
 */
class AuditChainServerTest {

    @TempDir
    Path dir;
    ServerConfig config;
    final List<UUID> assessments = new ArrayList<>();
    final List<Receipt> receipts = new ArrayList<>();
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    TestDatabases.Kind database() {
        return TestDatabases.Kind.H2;
    }

    @BeforeEach
    void honestLog() throws Exception {
        config = TestDatabases.devHttp(database(), dir);
        if (config.evidenceDir() != null) {
            // A fresh key per test, also on a reused PostgreSQL name.
            config = config.withEvidenceDir(dir.resolve("evidence"));
        }
        try (ReferenceServer server = ReferenceServer.start(config)) {
            String token = server.issueToken("1234", "officer");
            for (int i = 0; i < 6; i++) {
                Revision r = TestRevisions.first(UUID.randomUUID(), 3 + i);
                HttpResponse<String> put = put(server, r, i + 1, token);
                assertEquals(201, put.statusCode(), put.body());
                receipts.add(JsonMappers.strict().readValue(put.body(), Receipt.class));
                assessments.add(r.assessmentId());
            }
        }
    }

    private HttpResponse<String> put(ReferenceServer server, Revision r, long seq, String token) throws Exception {
        return http.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.revisionPath(r.assessmentId(), r.revisionId())))
                .header("Content-Type", Protocol.JSON).header("Authorization", "Bearer " + token)
                .PUT(HttpRequest.BodyPublishers.ofString(AssessmentJson.canonical(new RevisionUpload(1, "device-A", seq, r)))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private String verify(int expectedExit) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int exit = ServerEvidence.verify(config, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, out);
        return out;
    }

    private ServerStore openStore() {
        return ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 2);
    }

    private void sql(String statement, Object... args) throws Exception {
        try (ServerStore store = openStore(); Connection c = store.dataSource().getConnection();
                PreparedStatement p = c.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) {
                p.setObject(i + 1, args[i]);
            }
            p.executeUpdate();
        }
    }

    private long middleSeq() throws Exception {
        try (ServerStore store = openStore(); Connection c = store.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT seq FROM srv_audit ORDER BY seq")) {
            List<Long> seqs = new ArrayList<>();
            while (rs.next()) {
                seqs.add(rs.getLong(1));
            }
            return seqs.get(seqs.size() / 2);
        }
    }

    private void assertCaught(String what, String statement, Object... args) throws Exception {
        verify(0);
        sql(statement, args);
        String out = verify(1);
        assertTrue(out.contains("BROKEN"), what + " went unnoticed: " + out);
    }

    @Test
    void anHonestLogIsIntact() throws Exception {
        String out = verify(0);
        assertTrue(out.startsWith("server audit: 6 rows, intact; checked against the head record (row 6)"), out);
    }

    @Test
    void anEditedRowIsCaught() throws Exception {
        assertCaught("an edited row", "UPDATE srv_audit SET what = 'revision 1 received (high), now with CRU' WHERE seq = ?", middleSeq());
    }

    @Test
    void anEditedActorIsCaught() throws Exception {
        assertCaught("an edited actor", "UPDATE srv_audit SET actor = '9999' WHERE seq = ?", middleSeq());
    }

    @Test
    void aDeletedRowIsCaught() throws Exception {
        assertCaught("a deleted row", "DELETE FROM srv_audit WHERE seq = ?", middleSeq());
    }

    @Test
    void aDeletedAssessmentsRowsAreCaught() throws Exception {
        assertCaught("an assessment's rows deleted", "DELETE FROM srv_audit WHERE assessment_id = ?", assessments.get(2));
    }

    @Test
    void rowsCutFromTheEndAreCaughtByTheHeadRecord() throws Exception {
        assertCaught("the tail cut", "DELETE FROM srv_audit WHERE seq > ?", middleSeq());
    }

    @Test
    void twoRowsSwappedAreCaught() throws Exception {
        long seq = middleSeq();
        verify(0);
        sql("UPDATE srv_audit SET seq = -1 WHERE seq = ?", seq);
        sql("UPDATE srv_audit SET seq = ? WHERE seq = ?", seq, seq + 1);
        sql("UPDATE srv_audit SET seq = ? WHERE seq = -1", seq + 1);
        assertTrue(verify(1).contains("BROKEN"));
    }

    @Test
    void aRowSlippedInIsCaught() throws Exception {
        long seq = middleSeq();
        verify(0);
        sql("UPDATE srv_audit SET seq = seq + 1000000 WHERE seq > ?", seq);
        sql("INSERT INTO srv_audit (seq, assessment_id, at, actor, role, what, assessment_prev, log_prev, row_hash)"
                + " SELECT seq + 1, assessment_id, at, actor, role, 'signed off', assessment_prev, log_prev, row_hash FROM srv_audit WHERE seq = ?",
                seq);
        assertTrue(verify(1).contains("BROKEN"));
    }

    @Test
    void aRowAppendedWithoutTheChainIsCaught() throws Exception {
        assertCaught("a row appended", "INSERT INTO srv_audit (seq, assessment_id, at, actor, role, what) VALUES (1000, ?, CURRENT_TIMESTAMP,"
                + " '9001', 'supervisor', 'signed off')", assessments.get(0));
    }

    @Test
    void theTailCutAndTheHeadRecordRewrittenIsCaughtByTheSignedCheckpointFile() throws Exception {
        // An hour later the hourly checkpoint is written, to the database and as a file outside it.
        Path evidence = config.effectiveEvidenceDir();
        try (ServerStore store = openStore()) {
            store.useNotary(new AuditLedger.Notary(ReceiptKeys.openOrCreate(evidence, Instant.now()),
                    evidence.resolve(AuditLedger.CHECKPOINT_FOLDER)));
            store.checkpointIfStale(Instant.now().plus(Duration.ofHours(2)), Duration.ofHours(1));
        }
        assertTrue(Files.exists(evidence.resolve(AuditLedger.CHECKPOINT_FOLDER).resolve("checkpoint-000000000006.json")));
        assertTrue(verify(0).contains("checkpoint"), "the checkpoints are used");
        // A careful intruder cuts the last rows, rewrites the head record to match, and deletes the database's checkpoints.
        long seq = middleSeq();
        String headHash;
        try (ServerStore store = openStore(); Connection c = store.dataSource().getConnection();
                PreparedStatement q = c.prepareStatement("SELECT row_hash FROM srv_audit WHERE seq = ?")) {
            q.setLong(1, seq);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                headHash = rs.getString(1);
            }
        }
        sql("DELETE FROM srv_audit WHERE seq > ?", seq);
        sql("UPDATE srv_audit_head SET last_seq = ?, last_hash = ?, row_count = ?", seq, headHash, seq);
        sql("DELETE FROM srv_audit_checkpoint");
        String out = verify(1);
        assertTrue(out.contains("rows were cut from the end"), out);
    }

    @Test
    void aForgedCheckpointFileIsRefused() throws Exception {
        Path evidence = config.effectiveEvidenceDir();
        Path folder = evidence.resolve(AuditLedger.CHECKPOINT_FOLDER);
        Files.createDirectories(folder);
        var forged = new org.dashdesk.evidence.AuditCheckpoint(3, "0".repeat(64), 3, Instant.now(), "0123456789abcdef", "AAAA");
        Files.write(folder.resolve("checkpoint-000000000003.json"), JsonMappers.pretty().writeValueAsBytes(forged));
        assertTrue(verify(1).contains("is not signed by the server's receipt key"));
    }

    @Test
    void receiptsAreSignedWithThePublishedKeyAndAReplayIsTheSameBytes() throws Exception {
        try (ReferenceServer server = ReferenceServer.start(config)) {
            HttpResponse<String> keys = http.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.RECEIPT_KEYS)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, keys.statusCode(), "public, no token needed");
            ReceiptKey key = JsonMappers.strict().readValue(keys.body(), ReceiptKey.Published.class).keys().get(0);
            for (Receipt r : receipts) {
                assertEquals(key.keyId(), r.keyId());
                assertTrue(Ed25519.verify(Ed25519.publicKey(key.publicKey()), r.signedText(), r.signature()));
            }
            String token = server.issueToken("1234", "officer");
            Revision r = TestRevisions.first(UUID.randomUUID(), 4);
            String first = put(server, r, 50, token).body();
            String replay = put(server, r, 50, token).body();
            assertEquals(first, replay, "a replay gets the same receipt, byte for byte");

            // Rotation: a new key endorsed by the old one signs from the next start.
            ServerEvidence.rotateKey(config.effectiveEvidenceDir(), Clock.systemUTC());
        }
        try (ReferenceServer server = ReferenceServer.start(config)) {
            List<ReceiptKey> keys = JsonMappers.strict().readValue(http.send(HttpRequest.newBuilder(server.uri().resolve(Protocol.RECEIPT_KEYS))
                    .build(), HttpResponse.BodyHandlers.ofString()).body(), ReceiptKey.Published.class).keys();
            assertEquals(2, keys.size());
            ReceiptKey old = keys.get(0);
            ReceiptKey fresh = keys.get(1);
            assertEquals(old.keyId(), fresh.endorsedBy());
            assertTrue(Ed25519.verify(Ed25519.publicKey(old.publicKey()), fresh.endorsedText(), fresh.endorsement()));
            Revision r = TestRevisions.first(UUID.randomUUID(), 5);
            Receipt signed = JsonMappers.strict().readValue(put(server, r, 60, server.issueToken("1234", "officer")).body(), Receipt.class);
            assertEquals(fresh.keyId(), signed.keyId());
            assertNotEquals(old.keyId(), signed.keyId());
        }
        assertEquals(0, ServerEvidence.verify(config, new PrintStream(new ByteArrayOutputStream())), "old checkpoints still verify");
    }
}
