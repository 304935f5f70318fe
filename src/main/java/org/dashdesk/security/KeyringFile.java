package org.dashdesk.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dashdesk.assessment.StoreException;
import org.dashdesk.json.StrictJson;

/**
 * Reads and writes the keyring file. Writes go to an owner-only temporary file that is forced to
 * disk and then atomically renamed over the old one, so a crash leaves either the old or the new
 * keyring, never half of one. A file that does not parse is reported by name and never written.
 */
final class KeyringFile {

    static final String FORMAT_NAME = "dashdesk-keyring";
    private static final String KDF = "PBKDF2WithHmacSHA256";
    private static final String CIPHER = "AES-256-GCM";
    private static final ObjectMapper JSON = org.dashdesk.json.JsonMappers.pretty();

    private final Path file;

    KeyringFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** The keyring, or empty when no file exists yet (nobody enrolled on this laptop). */
    Optional<Keyring> load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("The keyring " + file + " cannot be read (" + e.getClass().getSimpleName()
                    + "). Check its permissions; nobody can sign in until it can be read. It has not been changed.", e);
        }
        try {
            JsonNode root = JSON.readTree(bytes);
            if (root == null || !root.isObject()) {
                throw new Malformed("the top level is not a JSON object");
            }
            return Optional.of(parse(bind(root)));
        } catch (JsonProcessingException e) {
            throw damaged("it is not valid JSON", e);
        } catch (IOException e) {
            throw damaged("it cannot be parsed", e);
        } catch (Malformed e) {
            throw damaged(e.getMessage(), e);
        }
    }

    void save(Keyring keyring) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(KeyringDocument.of(keyring));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the keyring", e);
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(tmp);
            // Created owner-only from the start: the sealed keys are never readable by others, even briefly.
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(tmp))) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    ch.write(buffer);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            forceDirectory(file.toAbsolutePath().getParent());
        } catch (IOException e) {
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // The failure to save is what matters; a stray temporary file is harmless.
            }
            throw new StoreException("Cannot write the keyring " + file + " (" + e.getClass().getSimpleName()
                    + "). Check that the folder is writable and the disk is not full; the previous keyring is kept.", e);
        }
    }

    private StoreException damaged(String what, Exception cause) {
        return new StoreException("The keyring " + file + " is damaged: " + what + ". Nobody can sign in on this laptop until it"
                + " is restored from a backup or DASH Desk is set up again by support. It has not been changed.", cause);
    }

    /** Thrown while parsing; the message names the field. */
    private static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message);
        }
    }

    /** The keyring file as written; the same records write it, so reading and writing cannot drift apart. */
    record KeyringDocument(String format, Integer version, String keyringId, List<UserDocument> users,
            List<EventDocument> events) {

        static KeyringDocument of(Keyring k) {
            List<UserDocument> users = new ArrayList<>();
            k.users.values().forEach(e -> users.add(UserDocument.of(e)));
            List<EventDocument> events = new ArrayList<>();
            k.events.forEach(ev -> events.add(new EventDocument(ev.at().toString(), ev.kind().name(), ev.username(), ev.by())));
            return new KeyringDocument(FORMAT_NAME, Keyring.FORMAT_VERSION, k.id.toString(), users, events);
        }
    }

    record UserDocument(String username, String displayName, String collarNumber, String team, List<String> roles,
            String accountSeal, String enrolledAt, String enrolledBy, CredentialDocument credential, Integer failures,
            String lastFailureAt, String lockedUntil) {

        static UserDocument of(Keyring.Entry e) {
            Base64.Encoder b64 = Base64.getEncoder();
            StoredCredential c = e.credential;
            return new UserDocument(e.account.username(), e.account.displayName(), e.account.collarNumber(), e.account.team(),
                    EnumSet.copyOf(e.account.roles()).stream().map(Role::name).toList(), b64.encodeToString(e.accountSeal),
                    e.enrolledAt.toString(), e.enrolledBy,
                    new CredentialDocument(KDF, c.iterations(), b64.encodeToString(c.salt()), b64.encodeToString(c.verifier()),
                            CIPHER, b64.encodeToString(c.iv()), b64.encodeToString(c.wrappedKey())),
                    e.failures, text(e.lastFailureAt), text(e.lockedUntil));
        }

        private static String text(Instant at) {
            return at == null ? null : at.toString();
        }
    }

    record CredentialDocument(String kdf, Integer iterations, String salt, String verifier, String cipher, String iv,
            String wrappedKey) {
    }

    record EventDocument(String at, String kind, String username, String by) {
    }

    /**
     * Binds leniently, as the keyring was always read (a field added by hand does not lock everyone
     * out); a value of the wrong shape is named by its path.
     */
    private static KeyringDocument bind(JsonNode root) throws Malformed {
        try {
            return JSON.readerFor(KeyringDocument.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(root);
        } catch (IOException e) {
            if (e instanceof JsonProcessingException p) {
                StrictJson.Malformed m = StrictJson.describeBinding(p, KeyringDocument.class, List.of());
                throw new Malformed(m.field() + ": " + m.getMessage());
            }
            throw new Malformed("it cannot be parsed");
        }
    }

    private static Keyring parse(KeyringDocument root) throws Malformed {
        if (!FORMAT_NAME.equals(root.format())) {
            throw new Malformed("field 'format' is not '" + FORMAT_NAME + "'");
        }
        int version = integer(root.version(), "version", "top level");
        if (version > Keyring.FORMAT_VERSION) {
            throw new Malformed("it was written by a newer DASH Desk (keyring version " + version + "); update DASH Desk");
        }
        if (version != Keyring.FORMAT_VERSION) {
            throw new Malformed("unknown keyring version " + version);
        }
        Keyring keyring;
        try {
            keyring = new Keyring(UUID.fromString(text(root.keyringId(), "keyringId", "top level")));
        } catch (IllegalArgumentException e) {
            throw new Malformed("field 'keyringId' is not a UUID");
        }
        if (root.users() == null || root.users().isEmpty()) {
            // An empty keyring would invite a first enrolment that creates a new key and strands the data.
            throw new Malformed("field 'users' is missing or has no users");
        }
        for (int i = 0; i < root.users().size(); i++) {
            String where = "users[" + i + "]";
            Keyring.Entry entry = entry(root.users().get(i), where);
            if (keyring.users.putIfAbsent(entry.account.username(), entry) != null) {
                throw new Malformed(where + ": username " + entry.account.username() + " appears twice");
            }
        }
        List<EventDocument> events = root.events() == null ? List.of() : root.events();
        for (int i = 0; i < events.size(); i++) {
            String where = "events[" + i + "]";
            EventDocument e = events.get(i);
            if (e == null) {
                throw new Malformed(where + " is not an object");
            }
            try {
                keyring.events.add(new SecurityEvent(instant(e.at(), "at", where),
                        SecurityEvent.Kind.valueOf(text(e.kind(), "kind", where)), e.username(), e.by()));
            } catch (IllegalArgumentException x) {
                throw new Malformed(where + ": unknown kind");
            }
        }
        return keyring;
    }

    private static Keyring.Entry entry(UserDocument u, String where) throws Malformed {
        if (u == null) {
            throw new Malformed(where + " is not an object");
        }
        if (u.roles() == null) {
            throw new Malformed(where + ": field 'roles' is missing");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : u.roles()) {
            try {
                roles.add(Role.valueOf(String.valueOf(r)));
            } catch (IllegalArgumentException e) {
                throw new Malformed(where + ": unknown role");
            }
        }
        UserAccount account;
        try {
            account = new UserAccount(text(u.username(), "username", where), text(u.displayName(), "displayName", where),
                    u.collarNumber(), roles, u.team());
        } catch (IllegalArgumentException e) {
            throw new Malformed(where + ": " + e.getMessage());
        }
        CredentialDocument c = u.credential();
        if (c == null) {
            throw new Malformed(where + ": field 'credential' is missing");
        }
        String cw = where + ".credential";
        if (!KDF.equals(c.kdf()) || !CIPHER.equals(c.cipher())) {
            throw new Malformed(cw + ": unsupported 'kdf' or 'cipher'");
        }
        int iterations = integer(c.iterations(), "iterations", cw);
        if (iterations < SecurityPolicy.MIN_ITERATIONS) {
            throw new Malformed(cw + ": 'iterations' below " + SecurityPolicy.MIN_ITERATIONS);
        }
        StoredCredential credential = new StoredCredential(iterations, bytes(c.salt(), "salt", cw, KeyWrapping.SALT_BYTES),
                bytes(c.verifier(), "verifier", cw, 32), bytes(c.iv(), "iv", cw, KeyWrapping.IV_BYTES),
                bytes(c.wrappedKey(), "wrappedKey", cw, KeyWrapping.KEY_BYTES + 16));
        Keyring.Entry entry = new Keyring.Entry(account, credential, instant(u.enrolledAt(), "enrolledAt", where), u.enrolledBy());
        entry.accountSeal = bytes(u.accountSeal(), "accountSeal", where, 32);
        entry.failures = u.failures() == null ? 0 : u.failures();
        if (entry.failures < 0) {
            throw new Malformed(where + ": 'failures' is negative");
        }
        entry.lastFailureAt = u.lastFailureAt() == null ? null : instant(u.lastFailureAt(), "lastFailureAt", where);
        entry.lockedUntil = u.lockedUntil() == null ? null : instant(u.lockedUntil(), "lockedUntil", where);
        return entry;
    }

    private static String text(String value, String field, String where) throws Malformed {
        if (value == null) {
            throw new Malformed(where + ": field '" + field + "' is missing or not text");
        }
        return value;
    }

    private static int integer(Integer value, String field, String where) throws Malformed {
        if (value == null) {
            throw new Malformed(where + ": field '" + field + "' is missing or not a whole number");
        }
        return value;
    }

    private static byte[] bytes(String value, String field, String where, int expectedLength) throws Malformed {
        try {
            byte[] b = Base64.getDecoder().decode(text(value, field, where));
            if (b.length != expectedLength) {
                throw new Malformed(where + ": field '" + field + "' has " + b.length + " bytes, expected " + expectedLength);
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new Malformed(where + ": field '" + field + "' is not Base64");
        }
    }

    private static Instant instant(String value, String field, String where) throws Malformed {
        try {
            return Instant.parse(text(value, field, where));
        } catch (DateTimeParseException e) {
            throw new Malformed(where + ": field '" + field + "' is not a time");
        }
    }

    static FileAttribute<?>[] ownerOnly(Path file) {
        boolean posix = file.toAbsolutePath().getParent().getFileSystem().supportedFileAttributeViews().contains("posix");
        // Windows: the per-user %LOCALAPPDATA% folder is already private to the user.
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                : new FileAttribute<?>[0];
    }

    /** Makes the rename itself durable on POSIX systems; elsewhere directories cannot be opened and this is skipped. */
    private static void forceDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not supported on this platform (Windows); the rename is still atomic.
        }
    }
}
