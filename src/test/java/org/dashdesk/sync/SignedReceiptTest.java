package org.dashdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.dashdesk.assessment.Revision;
import org.dashdesk.evidence.Ed25519;
import org.dashdesk.json.JsonMappers;
import org.dashdesk.outbox.OutboxRecord;
import org.dashdesk.outbox.OutboxState;
import org.dashdesk.protocol.ChangesPage;
import org.dashdesk.protocol.Health;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.protocol.ReceiptKey;
import org.dashdesk.protocol.RevisionUpload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: a revision counts as held centrally only on a receipt signed by a key the desk
 * trusts, covering exactly that revision. A small fake central server on loopback answers each
 * upload with a receipt made to order: forged, altered, for another revision, signed by another
 * key, or (as the control that shows the test can pass) signed properly.
 */
class SignedReceiptTest {

    @TempDir
    Path dir;

    private final ObjectMapper json = JsonMappers.strict();
    private final KeyPair serverKey = Ed25519.generate();
    private final KeyPair otherKey = Ed25519.generate();
    private final List<ReceiptKey> published = new ArrayList<>();
    private volatile Function<Receipt, Receipt> answer;
    /** How many of the next requests for the published keys get a Wi-Fi login page instead. */
    private final java.util.concurrent.atomic.AtomicInteger keysLost = new java.util.concurrent.atomic.AtomicInteger();
    private HttpServer http;
    private LocalDesk desk;

    private void start(Function<Receipt, Receipt> receipts) throws IOException {
        answer = receipts;
        if (published.isEmpty()) {
            published.add(announce(serverKey, null, null));
        }
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        http.createContext("/", this::handle);
        http.start();
        URI uri = URI.create("http://127.0.0.1:" + http.getAddress().getPort());
        desk = new LocalDesk(dir.resolve("desk-" + UUID.randomUUID()), SyncIntegrationTest.client(uri, "synthetic-token"), 1);
    }

    @AfterEach
    void stop() {
        if (desk != null) {
            desk.close();
        }
        if (http != null) {
            http.stop(0);
        }
    }

    private static ReceiptKey announce(KeyPair key, KeyPair endorser, String endorserId) {
        String id = Ed25519.keyId(key.getPublic());
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        ReceiptKey unsigned = new ReceiptKey(id, Ed25519.publicKeyText(key.getPublic()), at, endorserId, null);
        return endorser == null ? unsigned
                : new ReceiptKey(id, unsigned.publicKey(), at, endorserId, Ed25519.sign(endorser.getPrivate(), unsigned.endorsedText()));
    }

    private static Receipt signed(Receipt r, KeyPair key) {
        return r.signedWith(Ed25519.keyId(key.getPublic()), Ed25519.sign(key.getPrivate(), r.signedText()));
    }

    private void handle(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        Object body;
        int status = 200;
        if (path.equals(Protocol.HEALTH)) {
            body = new Health("ok", Protocol.VERSION);
        } else if (path.equals(Protocol.RECEIPT_KEYS) && keysLost.getAndDecrement() > 0) {
            byte[] page = "<html><body>Sign in to Station WiFi</body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "text/html");
            x.sendResponseHeaders(200, page.length);
            try (OutputStream out = x.getResponseBody()) {
                out.write(page);
            }
            return;
        } else if (path.equals(Protocol.RECEIPT_KEYS)) {
            body = new ReceiptKey.Published(published);
        } else if (path.equals(Protocol.CHANGES)) {
            body = new ChangesPage(List.of(), "0", false);
        } else if ("PUT".equals(x.getRequestMethod())) {
            RevisionUpload up = json.readValue(x.getRequestBody(), RevisionUpload.class);
            Revision r = up.revision();
            body = answer.apply(new Receipt(r.assessmentId(), r.revisionId(), r.contentHash(), 41, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
            status = 201;
        } else {
            status = 404;
            body = java.util.Map.of("error", "not_found", "reason", "no such route");
        }
        byte[] bytes = json.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", Protocol.JSON);
        x.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            out.write(bytes);
        }
    }

    private OutboxRecord pushOne() {
        Revision r = desk.submit(3);
        desk.sync.runCycle(true);
        return desk.record(r);
    }

    private static void assertKeptQueued(OutboxRecord rec, String why) {
        assertNotEquals(OutboxState.SYNCED, rec.state(), rec.describe());
        assertEquals(null, rec.serverSeq(), "no receipt is stored: " + rec.describe());
        assertTrue(rec.lastError() != null && rec.lastError().contains(why), rec.describe());
    }

    @Test
    void aProperlySignedReceiptIsAcceptedAndTheKeyIsPinnedOnFirstContact() throws IOException {
        start(r -> signed(r, serverKey));
        OutboxRecord rec = pushOne();
        assertEquals(OutboxState.SYNCED, rec.state(), rec.describe());
        assertEquals(Ed25519.fingerprint(serverKey.getPublic()), desk.sync.receiptTrust().rootFingerprint().orElseThrow());
    }

    @Test
    void aKeyListLostToTheNetworkIsFetchedAgainAndTheRecordIsSentInTheSameRun() throws IOException {
        // Found by the fault-mix benchmark: the first receipt's key check met a portal page, and that
        // one record stayed queued until the next run.
        keysLost.set(1);
        start(r -> signed(r, serverKey));
        OutboxRecord rec = pushOne();
        assertEquals(OutboxState.SYNCED, rec.state(), rec.describe());
        assertEquals(Ed25519.fingerprint(serverKey.getPublic()), desk.sync.receiptTrust().rootFingerprint().orElseThrow());
    }

    @Test
    void anUnsignedReceiptKeepsTheRecordQueued() throws IOException {
        start(r -> r);
        assertKeptQueued(pushOne(), "not signed");
    }

    @Test
    void aReceiptAlteredAfterSigningIsRefused() throws IOException {
        start(r -> {
            Receipt s = signed(r, serverKey);
            return new Receipt(s.assessmentId(), s.revisionId(), s.contentHash(), s.serverSeq() + 1, s.receivedAt(), s.keyId(), s.signature());
        });
        assertKeptQueued(pushOne(), "does not match its signature");
    }

    @Test
    void aForgedSignatureIsRefused() throws IOException {
        start(r -> r.signedWith(Ed25519.keyId(serverKey.getPublic()), java.util.Base64.getEncoder().encodeToString(new byte[64])));
        assertKeptQueued(pushOne(), "does not match its signature");
    }

    @Test
    void aReceiptSignedByAnotherKeyIsRefusedEvenUnderTheTrustedKeysName() throws IOException {
        start(r -> {
            Receipt s = signed(r, otherKey);
            return s.signedWith(Ed25519.keyId(serverKey.getPublic()), s.signature());
        });
        assertKeptQueued(pushOne(), "does not match its signature");
    }

    @Test
    void aReceiptSignedByAnUnknownKeyIsRefused() throws IOException {
        start(r -> signed(r, otherKey));
        assertKeptQueued(pushOne(), "does not trust");
    }

    @Test
    void aReceiptForAnotherRevisionIsRefusedEvenWhenProperlySigned() throws IOException {
        start(r -> signed(new Receipt(r.assessmentId(), UUID.randomUUID(), r.contentHash(), r.serverSeq(), r.receivedAt()), serverKey));
        assertKeptQueued(pushOne(), "another record");
    }

    @Test
    void aServerWhoseKeyDiffersFromTheOneITPinnedIsRefused() throws IOException {
        start(r -> signed(r, serverKey));
        desk.sync.pinReceiptKey(Ed25519.publicKeyText(otherKey.getPublic()));
        assertKeptQueued(pushOne(), "does not trust");
    }

    @Test
    void aNewKeyEndorsedByThePinnedOneIsAcceptedAndAnUnendorsedOneIsNot() throws IOException {
        KeyPair next = Ed25519.generate();
        published.add(announce(serverKey, null, null));
        published.add(announce(next, serverKey, Ed25519.keyId(serverKey.getPublic())));
        start(r -> signed(r, next));
        desk.sync.pinReceiptKey(Ed25519.publicKeyText(serverKey.getPublic()));
        assertEquals(OutboxState.SYNCED, pushOne().state());

        // A key "endorsed" by a key the desk never trusted is not accepted.
        KeyPair rogue = Ed25519.generate();
        published.add(announce(rogue, otherKey, Ed25519.keyId(otherKey.getPublic())));
        answer = r -> signed(r, rogue);
        assertKeptQueued(pushOne(), "does not trust");
    }
}
