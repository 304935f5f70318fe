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
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dashdesk.assessment.StoreException;

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
            return Optional.of(parse(JSON.readTree(bytes)));
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
            bytes = JSON.writeValueAsBytes(render(keyring));
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

    private static Keyring parse(JsonNode root) throws Malformed {
        if (root == null || !root.isObject()) {
            throw new Malformed("the top level is not a JSON object");
        }
        if (!FORMAT_NAME.equals(text(root, "format"))) {
            throw new Malformed("field 'format' is not '" + FORMAT_NAME + "'");
        }
        int version = integer(root, "version");
        if (version > Keyring.FORMAT_VERSION) {
            throw new Malformed("it was written by a newer DASH Desk (keyring version " + version + "); update DASH Desk");
        }
        if (version != Keyring.FORMAT_VERSION) {
            throw new Malformed("unknown keyring version " + version);
        }
        Keyring keyring;
        try {
            keyring = new Keyring(UUID.fromString(text(root, "keyringId")));
        } catch (IllegalArgumentException e) {
            throw new Malformed("field 'keyringId' is not a UUID");
        }
        JsonNode users = root.get("users");
        if (users == null || !users.isArray() || users.isEmpty()) {
            // An empty keyring would invite a first enrolment that creates a new key and strands the data.
            throw new Malformed("field 'users' is missing or has no users");
        }
        int i = 0;
        for (JsonNode u : users) {
            String where = "users[" + i++ + "]";
            Keyring.Entry entry = entry(u, where);
            if (keyring.users.putIfAbsent(entry.account.username(), entry) != null) {
                throw new Malformed(where + ": username " + entry.account.username() + " appears twice");
            }
        }
        JsonNode events = root.get("events");
        if (events != null && events.isArray()) {
            i = 0;
            for (JsonNode e : events) {
                String where = "events[" + i++ + "]";
                try {
                    keyring.events.add(new SecurityEvent(instant(e, "at", where), SecurityEvent.Kind.valueOf(text(e, "kind", where)),
                            optionalText(e, "username"), optionalText(e, "by")));
                } catch (IllegalArgumentException x) {
                    throw new Malformed(where + ": unknown kind");
                }
            }
        }
        return keyring;
    }

    private static Keyring.Entry entry(JsonNode u, String where) throws Malformed {
        if (!u.isObject()) {
            throw new Malformed(where + " is not an object");
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        JsonNode rolesNode = u.get("roles");
        if (rolesNode == null || !rolesNode.isArray()) {
            throw new Malformed(where + ": field 'roles' is missing");
        }
        for (JsonNode r : rolesNode) {
            try {
                roles.add(Role.valueOf(r.asText()));
            } catch (IllegalArgumentException e) {
                throw new Malformed(where + ": unknown role");
            }
        }
        UserAccount account;
        try {
            account = new UserAccount(text(u, "username", where), text(u, "displayName", where), optionalText(u, "collarNumber"),
                    roles, optionalText(u, "team"));
        } catch (IllegalArgumentException e) {
            throw new Malformed(where + ": " + e.getMessage());
        }
        JsonNode c = u.get("credential");
        if (c == null || !c.isObject()) {
            throw new Malformed(where + ": field 'credential' is missing");
        }
        String cw = where + ".credential";
        if (!KDF.equals(text(c, "kdf", cw)) || !CIPHER.equals(text(c, "cipher", cw))) {
            throw new Malformed(cw + ": unsupported 'kdf' or 'cipher'");
        }
        int iterations = integer(c, "iterations", cw);
        if (iterations < SecurityPolicy.MIN_ITERATIONS) {
            throw new Malformed(cw + ": 'iterations' below " + SecurityPolicy.MIN_ITERATIONS);
        }
        StoredCredential credential = new StoredCredential(iterations, bytes(c, "salt", cw, KeyWrapping.SALT_BYTES),
                bytes(c, "verifier", cw, 32), bytes(c, "iv", cw, KeyWrapping.IV_BYTES),
                bytes(c, "wrappedKey", cw, KeyWrapping.KEY_BYTES + 16));
        Keyring.Entry entry = new Keyring.Entry(account, credential, instant(u, "enrolledAt", where), optionalText(u, "enrolledBy"));
        entry.accountSeal = bytes(u, "accountSeal", where, 32);
        entry.failures = u.has("failures") ? integer(u, "failures", where) : 0;
        if (entry.failures < 0) {
            throw new Malformed(where + ": 'failures' is negative");
        }
        entry.lastFailureAt = optionalInstant(u, "lastFailureAt", where);
        entry.lockedUntil = optionalInstant(u, "lockedUntil", where);
        return entry;
    }

    private static ObjectNode render(Keyring k) {
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT_NAME);
        root.put("version", Keyring.FORMAT_VERSION);
        root.put("keyringId", k.id.toString());
        ArrayNode users = root.putArray("users");
        Base64.Encoder b64 = Base64.getEncoder();
        for (Keyring.Entry e : k.users.values()) {
            ObjectNode u = users.addObject();
            u.put("username", e.account.username());
            u.put("displayName", e.account.displayName());
            u.put("collarNumber", e.account.collarNumber());
            u.put("team", e.account.team());
            ArrayNode roles = u.putArray("roles");
            EnumSet.copyOf(e.account.roles()).forEach(r -> roles.add(r.name()));
            u.put("accountSeal", b64.encodeToString(e.accountSeal));
            u.put("enrolledAt", e.enrolledAt.toString());
            u.put("enrolledBy", e.enrolledBy);
            ObjectNode c = u.putObject("credential");
            c.put("kdf", KDF);
            c.put("iterations", e.credential.iterations());
            c.put("salt", b64.encodeToString(e.credential.salt()));
            c.put("verifier", b64.encodeToString(e.credential.verifier()));
            c.put("cipher", CIPHER);
            c.put("iv", b64.encodeToString(e.credential.iv()));
            c.put("wrappedKey", b64.encodeToString(e.credential.wrappedKey()));
            u.put("failures", e.failures);
            u.put("lastFailureAt", e.lastFailureAt == null ? null : e.lastFailureAt.toString());
            u.put("lockedUntil", e.lockedUntil == null ? null : e.lockedUntil.toString());
        }
        ArrayNode events = root.putArray("events");
        for (SecurityEvent ev : k.events) {
            ObjectNode o = events.addObject();
            o.put("at", ev.at().toString());
            o.put("kind", ev.kind().name());
            o.put("username", ev.username());
            o.put("by", ev.by());
        }
        return root;
    }

    private static String text(JsonNode n, String field) throws Malformed {
        return text(n, field, "top level");
    }

    private static String text(JsonNode n, String field, String where) throws Malformed {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new Malformed(where + ": field '" + field + "' is missing or not text");
        }
        return v.asText();
    }

    private static String optionalText(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static int integer(JsonNode n, String field) throws Malformed {
        return integer(n, field, "top level");
    }

    private static int integer(JsonNode n, String field, String where) throws Malformed {
        JsonNode v = n.get(field);
        if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) {
            throw new Malformed(where + ": field '" + field + "' is missing or not a whole number");
        }
        return v.asInt();
    }

    private static byte[] bytes(JsonNode n, String field, String where, int expectedLength) throws Malformed {
        try {
            byte[] b = Base64.getDecoder().decode(text(n, field, where));
            if (b.length != expectedLength) {
                throw new Malformed(where + ": field '" + field + "' has " + b.length + " bytes, expected " + expectedLength);
            }
            return b;
        } catch (IllegalArgumentException e) {
            throw new Malformed(where + ": field '" + field + "' is not Base64");
        }
    }

    private static Instant instant(JsonNode n, String field, String where) throws Malformed {
        try {
            return Instant.parse(text(n, field, where));
        } catch (DateTimeParseException e) {
            throw new Malformed(where + ": field '" + field + "' is not a time");
        }
    }

    private static Instant optionalInstant(JsonNode n, String field, String where) throws Malformed {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : instant(n, field, where);
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
