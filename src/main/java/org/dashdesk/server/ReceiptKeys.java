package org.dashdesk.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.dashdesk.evidence.AuditCheckpoint;
import org.dashdesk.evidence.Ed25519;
import org.dashdesk.json.JsonMappers;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.protocol.ReceiptKey;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The server's Ed25519 receipt-signing keys (decision 0170), in {@code EVIDENCE/receipt-keys/}:
 * for key number n, {@code n-ID.key} (the private key, PKCS#8 Base64, owner-only) and
 * {@code n-ID.json} (its published announcement). The newest key signs; every key stays so old
 * receipts and checkpoints still verify. Each new key is endorsed by the one before it. Every node
 * of one server is given the same folder (copied, or on shared storage).
 */
final class ReceiptKeys {

    static final String FOLDER = "receipt-keys";
    private static final ObjectMapper JSON = JsonMappers.strict();

    private final List<ReceiptKey> published;
    private final Map<String, PublicKey> publicKeys;
    private final PrivateKey current;
    private final String currentId;

    private ReceiptKeys(List<ReceiptKey> published, Map<String, PublicKey> publicKeys, PrivateKey current, String currentId) {
        this.published = List.copyOf(published);
        this.publicKeys = Map.copyOf(publicKeys);
        this.current = current;
        this.currentId = currentId;
    }

    /** Loads the keys in {@code evidenceDir}, making the first one if there is none. */
    static ReceiptKeys openOrCreate(Path evidenceDir, Instant now) {
        Path folder = evidenceDir.resolve(FOLDER);
        ServerFiles.makePrivateFolder(evidenceDir);
        ServerFiles.makePrivateFolder(folder);
        if (load(folder).isEmpty()) {
            add(folder, now);
        }
        return load(folder).orElseThrow();
    }

    /** Only what is there; empty when the folder holds no key. */
    static Optional<ReceiptKeys> load(Path folder) {
        if (!Files.isDirectory(folder)) {
            return Optional.empty();
        }
        List<Path> announcements = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().matches("\\d+-[0-9a-f]{16}\\.json")).forEach(announcements::add);
        } catch (IOException e) {
            throw new UncheckedIOException("the receipt keys in " + folder + " cannot be read", e);
        }
        if (announcements.isEmpty()) {
            return Optional.empty();
        }
        announcements.sort((a, b) -> Long.compare(number(a), number(b)));
        List<ReceiptKey> published = new ArrayList<>();
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        PublicKey previous = null;
        String previousId = null;
        for (Path f : announcements) {
            ReceiptKey k;
            try {
                k = JSON.readValue(f.toFile(), ReceiptKey.class);
            } catch (IOException e) {
                throw new IllegalStateException("receipt key file " + f + " is not a key announcement (" + e.getClass().getSimpleName() + ")");
            }
            PublicKey pk;
            try {
                pk = Ed25519.publicKey(k.publicKey());
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("receipt key file " + f + ": " + e.getMessage());
            }
            if (!Ed25519.keyId(pk).equals(k.keyId())) {
                throw new IllegalStateException("receipt key file " + f + " names key " + k.keyId() + " but holds key " + Ed25519.keyId(pk));
            }
            if (previous != null && !(previousId.equals(k.endorsedBy()) && Ed25519.verify(previous, k.endorsedText(), k.endorsement()))) {
                throw new IllegalStateException("receipt key " + k.keyId() + " is not endorsed by the key before it (" + previousId + ")");
            }
            published.add(k);
            keys.put(k.keyId(), pk);
            previous = pk;
            previousId = k.keyId();
        }
        Path privateFile = folder.resolve(announcements.get(announcements.size() - 1).getFileName().toString().replace(".json", ".key"));
        PrivateKey current;
        try {
            current = Ed25519.privateKey(Files.readString(privateFile, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new IllegalStateException("the newest receipt key's private file " + privateFile + " cannot be read");
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("receipt key file " + privateFile + ": " + e.getMessage());
        }
        // The private key must belong to the public key it is filed under.
        String probe = "dashdesk-key-check";
        if (!Ed25519.verify(previous, probe, Ed25519.sign(current, probe))) {
            throw new IllegalStateException("receipt key file " + privateFile + " does not match its public key " + previousId);
        }
        return Optional.of(new ReceiptKeys(published, keys, current, previousId));
    }

    /** A new signing key, endorsed by the current one (when there is one); returns its announcement. */
    static ReceiptKey add(Path folder, Instant now) {
        Optional<ReceiptKeys> existing = load(folder);
        KeyPair pair = Ed25519.generate();
        String id = Ed25519.keyId(pair.getPublic());
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        ReceiptKey unsigned = new ReceiptKey(id, Ed25519.publicKeyText(pair.getPublic()), at, null, null);
        ReceiptKey announced = existing.map(k -> new ReceiptKey(id, unsigned.publicKey(), at, k.currentId,
                Ed25519.sign(k.current, new ReceiptKey(id, unsigned.publicKey(), at, k.currentId, null).endorsedText())))
                .orElse(unsigned);
        int n = existing.map(k -> k.published.size()).orElse(0) + 1;
        String base = n + "-" + id;
        try {
            writePrivate(folder.resolve(base + ".key"), Ed25519.privateKeyText(pair.getPrivate()));
            writePrivate(folder.resolve(base + ".json"), JSON.writeValueAsString(announced));
        } catch (IOException e) {
            throw new UncheckedIOException("the new receipt key cannot be written to " + folder, e);
        }
        return announced;
    }

    private static void writePrivate(Path target, String text) throws IOException {
        Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (target.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long number(Path f) {
        String name = f.getFileName().toString();
        return Long.parseLong(name.substring(0, name.indexOf('-')));
    }

    Receipt sign(Receipt r) {
        return r.signedWith(currentId, Ed25519.sign(current, r.signedText()));
    }

    AuditCheckpoint signCheckpoint(long seq, String head, long rows, Instant at) {
        AuditCheckpoint unsigned = new AuditCheckpoint(seq, head, rows, at.truncatedTo(ChronoUnit.MILLIS), currentId, null);
        return new AuditCheckpoint(seq, head, rows, unsigned.at(), currentId, Ed25519.sign(current, unsigned.signedText()));
    }

    ReceiptKey.Published published() {
        return new ReceiptKey.Published(published);
    }

    Optional<PublicKey> publicKey(String keyId) {
        return Optional.ofNullable(keyId == null ? null : publicKeys.get(keyId));
    }

    String currentKeyId() {
        return currentId;
    }

    String currentFingerprint() {
        return Ed25519.fingerprint(publicKeys.get(currentId));
    }
}
