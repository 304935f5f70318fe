package org.dashdesk.sync;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

import org.dashdesk.evidence.Ed25519;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.protocol.ReceiptKey;
import org.dashdesk.store.LocalSettings;

/**
 * Which receipt-signing keys this desk believes are the server's, and the check every receipt
 * passes before the outbox counts its revision as held centrally (issue 14, decision 0170).
 *
 * <p>The root is pinned once: from the IT settings file ({@code central.receipt.key}), or, when
 * IT gave none, the first key the server publishes (trust on first use, like SSH; the fingerprint
 * is logged and shown). Later keys are accepted only when the published list shows them endorsed,
 * link by link, by a key already trusted. Trusted keys are kept in the encrypted store.
 */
public final class ReceiptTrust {

    static final String ROOT_SETTING = "sync.receipt.root";
    static final String KEYS_SETTING = "sync.receipt.keys";
    private static final Logger LOG = Logger.getLogger(ReceiptTrust.class.getName());

    private final LocalSettings settings;
    private final Map<String, PublicKey> trusted = new LinkedHashMap<>();
    private String root;

    /**
     * @param configuredRoot the IT settings file's key (Base64), or null to pin the server's first key
     * @throws IllegalArgumentException when the configured key is not an Ed25519 public key
     */
    public ReceiptTrust(LocalSettings settings, String configuredRoot) {
        this.settings = settings;
        String stored = settings.get(ROOT_SETTING).orElse(null);
        if (configuredRoot != null && !configuredRoot.isBlank()) {
            PublicKey key = Ed25519.publicKey(configuredRoot);
            String text = Ed25519.publicKeyText(key);
            if (!text.equals(stored)) {
                // IT's key replaces whatever was pinned before, and everything learned from it.
                settings.put(ROOT_SETTING, text);
                settings.put(KEYS_SETTING, text);
            }
        }
        root = settings.get(ROOT_SETTING).orElse(null);
        for (String line : settings.get(KEYS_SETTING).orElse("").split("\n")) {
            if (!line.isBlank()) {
                PublicKey k = Ed25519.publicKey(line);
                trusted.put(Ed25519.keyId(k), k);
            }
        }
    }

    /** The pinned root's fingerprint, for the settings screen; empty before the first contact. */
    public synchronized Optional<String> rootFingerprint() {
        return root == null ? Optional.empty() : Optional.of(Ed25519.fingerprint(Ed25519.publicKey(root)));
    }

    /**
     * Why this receipt cannot be trusted, in words for the outbox; empty when it is signed by a
     * trusted key and the signature covers exactly its content.
     */
    public synchronized Optional<String> problem(Receipt receipt, SyncClient client) {
        return check(receipt, client).map(Untrusted::words);
    }

    /**
     * Why a receipt is not trusted.
     *
     * @param words           for the outbox
     * @param keysUnavailable true when the key is unknown only because the server's published keys
     *                        could not be fetched (a network failure): worth trying again at once
     */
    public record Untrusted(String words, boolean keysUnavailable) {
    }

    /** As {@link #problem}, saying also whether fetching the keys failed. */
    public synchronized Optional<Untrusted> check(Receipt receipt, SyncClient client) {
        if (receipt.signature() == null || receipt.keyId() == null) {
            return Optional.of(new Untrusted("the server's receipt is not signed; kept queued", false));
        }
        boolean fetched = true;
        if (!trusted.containsKey(receipt.keyId())) {
            fetched = learn(client);
        }
        PublicKey key = trusted.get(receipt.keyId());
        if (key == null && !fetched) {
            return Optional.of(new Untrusted("the server's receipt keys could not be fetched to check its receipt (" + receipt.keyId()
                    + "); trying again", true));
        }
        if (key == null) {
            return Optional.of(new Untrusted("the server's receipt is signed by key " + receipt.keyId() + ", which this desk does not trust"
                    + (root == null ? "" : " (pinned key " + Ed25519.fingerprint(Ed25519.publicKey(root)) + ")") + "; kept queued", false));
        }
        if (!Ed25519.verify(key, receipt.signedText(), receipt.signature())) {
            return Optional.of(new Untrusted("the server's receipt does not match its signature (altered or forged); kept queued", false));
        }
        return Optional.empty();
    }

    /**
     * Reads the published keys: pins the first when nothing is pinned, then accepts each endorsed by
     * a trusted key. False when the keys could not be fetched at all.
     */
    private boolean learn(SyncClient client) {
        if (client == null) {
            return true;
        }
        SyncClient.Result<ReceiptKey.Published> published = client.receiptKeys();
        if (published.value() == null) {
            return false;
        }
        List<ReceiptKey> keys = published.value().keys();
        boolean changed = false;
        if (root == null) {
            Optional<ReceiptKey> first = keys.stream().filter(k -> k.endorsedBy() == null).findFirst();
            if (first.isEmpty()) {
                return true;
            }
            PublicKey k;
            try {
                k = Ed25519.publicKey(first.get().publicKey());
            } catch (IllegalArgumentException e) {
                return true;
            }
            root = Ed25519.publicKeyText(k);
            trusted.put(Ed25519.keyId(k), k);
            settings.put(ROOT_SETTING, root);
            changed = true;
            LOG.info("pinned the server's receipt key on first contact: fingerprint " + Ed25519.fingerprint(k));
        }
        for (ReceiptKey candidate : keys) {
            PublicKey endorser = candidate.endorsedBy() == null ? null : trusted.get(candidate.endorsedBy());
            if (endorser == null || trusted.containsKey(candidate.keyId())) {
                continue;
            }
            try {
                PublicKey k = Ed25519.publicKey(candidate.publicKey());
                if (Ed25519.keyId(k).equals(candidate.keyId()) && Ed25519.verify(endorser, candidate.endorsedText(), candidate.endorsement())) {
                    trusted.put(candidate.keyId(), k);
                    changed = true;
                    LOG.info("accepted the server's new receipt key " + candidate.keyId() + ", endorsed by " + candidate.endorsedBy());
                }
            } catch (IllegalArgumentException e) {
                // not a key: ignored, like any unendorsed one
            }
        }
        if (changed) {
            List<String> lines = new ArrayList<>();
            trusted.values().forEach(k -> lines.add(Ed25519.publicKeyText(k)));
            settings.put(KEYS_SETTING, String.join("\n", lines));
        }
        return true;
    }
}
