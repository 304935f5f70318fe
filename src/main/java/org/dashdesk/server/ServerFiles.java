package org.dashdesk.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

/**
 * The server's data folder holds every assessment in the clear (decision 0121): the folder is
 * 0700 and the database files 0600, so no other account on the machine can read them. On a file
 * system without POSIX permissions (Windows) the folder's ACL inherited from its parent applies.
 */
final class ServerFiles {

    private ServerFiles() {
    }

    static void makePrivateFolder(Path folder) {
        try {
            Files.createDirectories(folder);
            if (posix(folder)) {
                Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("server data folder " + folder + " cannot be created or made private", e);
        }
    }

    /** Every H2 file ({@code *.db}) in the folder to 0600. */
    static void makeFilesPrivate(Path folder) {
        if (!Files.isDirectory(folder) || !posix(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                if (Files.isRegularFile(f) && f.getFileName().toString().endsWith(".db")) {
                    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-------"));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("server data files in " + folder + " cannot be made private", e);
        }
    }

    private static boolean posix(Path p) {
        return p.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
