package org.dashdesk.security;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

import org.dashdesk.assessment.StoreException;

/**
 * A random 256-bit key kept in an owner-only file next to the database ({@code NAME.key} for
 * {@code NAME.mv.db}). This protects a copied or stolen database file, not against someone who
 * can read the user's home directory; per-user wrapped keys come later.
 */
public final class FileKeyProvider implements KeyProvider {

    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final SecureRandom random;

    public FileKeyProvider() {
        this(new SecureRandom());
    }

    FileKeyProvider(SecureRandom random) {
        this.random = random;
    }

    /** Where the key for {@code databaseFile} lives. */
    public static Path keyFileFor(Path databaseFile) {
        String name = databaseFile.getFileName().toString();
        String base = name.endsWith(".mv.db") ? name.substring(0, name.length() - ".mv.db".length()) : name;
        return databaseFile.resolveSibling(base + ".key");
    }

    @Override
    public char[] fileKey(Path databaseFile) {
        Path keyFile = keyFileFor(databaseFile);
        if (Files.exists(keyFile)) {
            return read(keyFile);
        }
        if (Files.exists(databaseFile)) {
            // A new key would only lock the user out of the existing data: say what is missing instead.
            throw new StoreException("The key file " + keyFile + " for the database " + databaseFile
                    + " is missing. Restore it from a backup; the database cannot be opened without it and has not been changed.");
        }
        return create(keyFile);
    }

    private static char[] read(Path keyFile) {
        try {
            String hex = Files.readString(keyFile, StandardCharsets.US_ASCII).strip();
            if (hex.length() != KEY_BYTES * 2 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                throw new StoreException("The key file " + keyFile + " is damaged (expected " + KEY_BYTES * 2
                        + " hexadecimal characters). Restore it from a backup; nothing has been changed.");
            }
            return hex.toCharArray();
        } catch (IOException e) {
            throw new StoreException("The key file " + keyFile + " cannot be read (" + e.getMessage()
                    + "). Check its permissions; nothing has been changed.", e);
        }
    }

    private char[] create(Path keyFile) {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        char[] hex = HexFormat.of().formatHex(key).toCharArray();
        java.util.Arrays.fill(key, (byte) 0);
        Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".new");
        try {
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Files.deleteIfExists(tmp);
            // Created owner-only from the start, so the key is never readable by others even briefly.
            try (FileChannel ch = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), ownerOnly(tmp))) {
                ch.write(ByteBuffer.wrap(new String(hex).getBytes(StandardCharsets.US_ASCII)));
                ch.force(true);
            }
            try {
                Files.move(tmp, keyFile, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, keyFile);
            }
            return hex;
        } catch (FileAlreadyExistsException e) {
            return read(keyFile);
        } catch (IOException e) {
            throw new StoreException("Cannot create the key file " + keyFile + " (" + e.getMessage()
                    + "). Check that the folder is writable and the disk is not full.", e);
        }
    }

    private static FileAttribute<?>[] ownerOnly(Path file) {
        boolean posix = file.toAbsolutePath().getParent().getFileSystem().supportedFileAttributeViews().contains("posix");
        // Windows: the per-user %LOCALAPPDATA% folder is already private to the user.
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)} : new FileAttribute<?>[0];
    }
}
