package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import java.util.stream.Stream;

import org.dashdesk.assessment.Answer;
import org.dashdesk.grading.Choice;
import org.dashdesk.security.FileKeyProvider;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The data folder is the owner's alone, and so is every file the store leaves in it. */
class StorePermissionsTest {

    @TempDir
    Path root;

    @BeforeEach
    void onlyWherePermissionsExist() {
        assumeTrue(OwnerOnly.posix(root), "the file system has no POSIX permissions (Windows): nothing to check");
    }

    private static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    private static void useTheStore(Path dir) {
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            UUID id = repo.createDraft(StoreFixtures.fullDetails(), "1234").id();
            repo.saveAnswer(id, Answer.choice("Q1", Choice.YES), "Q1", "1234");
            repo.database().checkpointSync();
        }
    }

    private static void assertEveryFileOwnerOnly(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                assertEquals("rw-------", mode(f), f.getFileName() + " can be read by others");
            }
        }
    }

    @Test
    void aNewDataFolderAndItsFilesAreOwnerOnly() throws IOException {
        Path dir = root.resolve("new").resolve("dashdesk");

        useTheStore(dir);

        assertEquals("rwx------", mode(dir));
        assertEquals("rw-------", mode(dir.resolve(Database.FILE_NAME)));
        assertEquals("rw-------", mode(dir.resolve(SavePoint.FILE_NAME)));
        assertEveryFileOwnerOnly(dir);
    }

    @Test
    void aFolderAndFilesLeftOpenByAnEarlierVersionAreTightenedOnOpen() throws IOException {
        Path dir = root.resolve("earlier");
        useTheStore(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(dir.resolve(Database.FILE_NAME), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(dir.resolve(SavePoint.FILE_NAME), PosixFilePermissions.fromString("rw-r--r--"));

        try (Database db = Database.open(dir, new FileKeyProvider())) {
            assertEquals("rwx------", mode(dir));
            assertEquals("rw-------", mode(dir.resolve(Database.FILE_NAME)));
        }

        assertEquals("rw-------", mode(dir.resolve(SavePoint.FILE_NAME)), "the save point rewritten at close");
        assertEveryFileOwnerOnly(dir);
    }
}
