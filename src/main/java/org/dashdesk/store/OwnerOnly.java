package org.dashdesk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Keeps the data folder and the store's files to their owner on POSIX systems. The database is
 * encrypted, but its size, times and the save point still say how much work a laptop holds, and a
 * folder others can list invites copying the file for an offline attack on the key. Windows keeps
 * the per-user %LOCALAPPDATA% private already, so there nothing is changed.
 */
final class OwnerOnly {

    static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnly() {
    }

    static boolean posix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /**
     * Creates {@code dir} (and missing parents) owner-only, or tightens it if it exists: earlier
     * versions, and other parts of the app that open the folder first, left it 755.
     */
    static void folder(Path dir) throws IOException {
        if (!posix(dir)) {
            Files.createDirectories(dir);
            return;
        }
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(FOLDER));
        }
        tighten(dir, FOLDER);
    }

    /** Makes an existing file owner-only; a file that is not there is left alone. */
    static void file(Path file) {
        if (posix(file) && Files.exists(file)) {
            tighten(file, FILE);
        }
    }

    /** For files the store creates itself, so they are never readable by others even briefly. */
    static FileAttribute<?>[] onCreate(Path file) {
        return posix(file) ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE)} : new FileAttribute<?>[0];
    }

    private static void tighten(Path path, Set<PosixFilePermission> wanted) {
        try {
            if (!Files.getPosixFilePermissions(path).equals(wanted)) {
                Files.setPosixFilePermissions(path, wanted);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Someone else's folder (chosen with -Ddashdesk.data.dir) or a file system that only
            // pretends to be POSIX: the data is still encrypted, and refusing to start would help no one.
        }
    }
}
