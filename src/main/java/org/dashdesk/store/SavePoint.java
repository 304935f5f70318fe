package org.dashdesk.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.OptionalLong;

/**
 * A small file beside the database, {@code dashdesk.savepoint}, holding the store generation last
 * forced to disk. H2 recovers from a torn write by falling back to the newest chunk it can read;
 * when damage reaches further back than a crash can, that fallback is an older, even empty, state
 * that opens without error. The generation in the file can only be behind the database after a
 * crash, never ahead of it, so a database that opens below it has lost saved work (decision 0111).
 */
final class SavePoint {

    static final String FILE_NAME = Database.BASE_NAME + ".savepoint";

    private final Path file;

    SavePoint(Path directory) {
        this.file = directory.resolve(FILE_NAME);
    }

    Path file() {
        return file;
    }

    /**
     * The recorded generation, or empty when there is none yet (a store from before save points)
     * or the file cannot be read as one: a damaged mark must not lock the user out of intact data.
     */
    OptionalLong read() {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            long value = Long.parseLong(text);
            return value >= 0 ? OptionalLong.of(value) : OptionalLong.empty();
        } catch (IOException | NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    /** Replaces the mark atomically and forces it to disk, so a power cut leaves the old or the new one. */
    void write(long generation) throws IOException {
        Path temp = file.resolveSibling(FILE_NAME + ".tmp");
        // A temporary file left by an earlier version may be 644; the rename carries its mode over.
        OwnerOnly.file(temp);
        try (FileChannel channel = FileChannel.open(temp, java.util.Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), OwnerOnly.onCreate(temp))) {
            channel.write(StandardCharsets.US_ASCII.encode(Long.toString(generation) + "\n"));
            channel.force(true);
        }
        try {
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
