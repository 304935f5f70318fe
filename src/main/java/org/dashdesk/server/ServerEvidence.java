package org.dashdesk.server;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.dashdesk.evidence.AuditCheckpoint;
import org.dashdesk.evidence.ChainVerifier;
import org.dashdesk.evidence.Ed25519;
import org.dashdesk.json.JsonMappers;
import org.dashdesk.protocol.ReceiptKey;

/**
 * What an operator does with the server's evidence from the command line (issue 14): check the
 * audit chain against the head record and the newest signed checkpoints, show the receipt key a
 * desk should pin, and rotate it.
 */
public final class ServerEvidence {

    private ServerEvidence() {
    }

    /**
     * {@code server audit verify}: prints "N rows, intact" or the first break, and what it was
     * checked against.
     *
     * @return 0 intact, 1 broken (or a checkpoint not signed by the server's key)
     */
    public static int verify(ServerConfig config, PrintStream out) throws IOException {
        Path evidence = config.effectiveEvidenceDir();
        Optional<ReceiptKeys> keys = evidence == null ? Optional.empty() : loadKeys(evidence);
        List<ChainVerifier.Anchor> anchors = new ArrayList<>();
        List<String> checkedAgainst = new ArrayList<>();
        long started = System.nanoTime();
        try (ServerStore store = ServerStore.open(config.effectiveJdbcUrl(), config.jdbcUser(), config.jdbcPassword(), 2)) {
            Optional<AuditCheckpoint> inDatabase;
            try (Connection c = store.dataSource().getConnection()) {
                AuditLedger.headAnchor(c).ifPresent(a -> {
                    anchors.add(a);
                    checkedAgainst.add("the head record (row " + a.seq() + ")");
                });
                inDatabase = AuditLedger.latestCheckpoint(c);
            }
            Optional<AuditCheckpoint> onFile = evidence == null ? Optional.empty() : latestFile(evidence.resolve(AuditLedger.CHECKPOINT_FOLDER));
            for (var named : List.of(new Named(inDatabase, "the database's latest checkpoint"),
                    new Named(onFile, "the latest checkpoint file in " + (evidence == null ? "" : evidence.resolve(AuditLedger.CHECKPOINT_FOLDER))))) {
                if (named.cp.isEmpty()) {
                    continue;
                }
                AuditCheckpoint cp = named.cp.get();
                if (keys.isEmpty()) {
                    out.println("note: " + named.source + " (row " + cp.seq() + ") not checked: no receipt keys in " + evidence);
                    continue;
                }
                if (!keys.get().publicKey(cp.keyId()).map(cp::signedBy).orElse(false)) {
                    out.println("BROKEN: " + named.source + " (row " + cp.seq() + ") is not signed by the server's receipt key");
                    return 1;
                }
                anchors.add(cp.anchor(named.source + ", signed " + cp.at()));
                checkedAgainst.add(named.source + " (row " + cp.seq() + ", signed " + cp.at() + ")");
            }
            ChainVerifier.Result result = AuditLedger.verify(store.dataSource(), anchors);
            long ms = (System.nanoTime() - started) / 1_000_000;
            out.println("server audit: " + result.words() + (checkedAgainst.isEmpty() ? "" : "; checked against " + String.join(", ", checkedAgainst))
                    + " (" + ms + " ms)");
            return result.intact() ? 0 : 1;
        } catch (SQLException e) {
            throw new IOException("the audit log cannot be read (SQL state " + e.getSQLState() + ")");
        }
    }

    private record Named(Optional<AuditCheckpoint> cp, String source) {
    }

    private static Optional<ReceiptKeys> loadKeys(Path evidence) throws IOException {
        try {
            return ReceiptKeys.load(evidence.resolve(ReceiptKeys.FOLDER));
        } catch (IllegalStateException | java.io.UncheckedIOException e) {
            throw new IOException(e.getMessage());
        }
    }

    /** The checkpoint file with the highest row number; a file that is not a checkpoint is an error. */
    static Optional<AuditCheckpoint> latestFile(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        Optional<Path> newest;
        try (Stream<Path> files = Files.list(folder)) {
            newest = files.filter(f -> f.getFileName().toString().matches("checkpoint-\\d{12}\\.json")).max(Path::compareTo);
        }
        if (newest.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(JsonMappers.strict().readValue(newest.get().toFile(), AuditCheckpoint.class));
        } catch (IOException e) {
            throw new IOException("checkpoint file " + newest.get() + " is not a checkpoint (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** {@code server receipt-key show}: the current key for a desk's settings, and its fingerprint. */
    public static String describeKey(Path evidenceDir) throws IOException {
        ReceiptKeys keys = loadKeys(evidenceDir).orElseThrow(() -> new IllegalArgumentException(
                "no receipt key in " + evidenceDir.resolve(ReceiptKeys.FOLDER) + " yet: the server makes one when it first starts"));
        ReceiptKey current = keys.published().keys().get(keys.published().keys().size() - 1);
        return "key id:      " + current.keyId() + "\nfingerprint: " + keys.currentFingerprint() + "\npublic key:  " + current.publicKey()
                + "\n(put 'central.receipt.key = " + current.publicKey() + "' in the desks' IT settings file)";
    }

    /** {@code server receipt-key rotate}: a new key, endorsed by the current one; restart every node to use it. */
    public static String rotateKey(Path evidenceDir, Clock clock) throws IOException {
        Path folder = evidenceDir.resolve(ReceiptKeys.FOLDER);
        if (loadKeys(evidenceDir).isEmpty()) {
            throw new IllegalArgumentException("no receipt key in " + folder + " to rotate from");
        }
        ReceiptKey added = ReceiptKeys.add(folder, clock.instant());
        return "new receipt key " + added.keyId() + " (fingerprint " + Ed25519.fingerprint(Ed25519.publicKey(added.publicKey()))
                + "), endorsed by " + added.endorsedBy() + "; copy " + folder + " to every node and restart them";
    }
}
