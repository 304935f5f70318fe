package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.StoreException;
import org.dashdesk.security.FileKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same as {@link DiskFullTest}, on a disk that is really full: a small tmpfs filled to the
 * last byte. Needs permission to mount (root on Linux, as in CI); skipped, with the reason, where
 * mounting is not allowed. {@link DiskFullTest} covers the behaviour everywhere.
 */
class RealFullDiskTest {

    @TempDir
    Path temp;

    private Path mount;
    private boolean mounted;

    @BeforeEach
    void mountATinyDisk() throws Exception {
        assumeTrue(System.getProperty("os.name", "").startsWith("Linux"), "tmpfs needs Linux");
        mount = temp.resolve("tiny");
        Files.createDirectories(mount);
        int rc;
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            rc = p.waitFor(20, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException noMount) {
            rc = -1;
        }
        assumeTrue(rc == 0, "cannot mount a tmpfs here (needs root or CAP_SYS_ADMIN); DiskFullTest covers this");
        mounted = true;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mounted) {
            new ProcessBuilder("umount", mount.toString()).inheritIO().start().waitFor(20, TimeUnit.SECONDS);
        }
    }

    /** Fills the disk to the last byte, as a large download or a log gone wild would. */
    private static Path fill(Path dir) throws IOException {
        Path filler = dir.resolve("filler.bin");
        byte[] block = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(filler)) {
            while (true) {
                out.write(block);
            }
        } catch (IOException full) {
            assertTrue(StoreErrors.diskFull(full), "the disk really is full: " + full);
        }
        // Single bytes fill what a block could not.
        try (OutputStream out = Files.newOutputStream(filler, java.nio.file.StandardOpenOption.APPEND)) {
            while (true) {
                out.write(0);
                out.flush();
            }
        } catch (IOException full) {
            // full now
        }
        return filler;
    }

    @Test
    void onAReallyFullDiskSavingFailsWithTheFreeSpaceMessageAndWorksOnceSpaceIsFreed() throws IOException {
        Path dir = mount.resolve("dashdesk");
        String narrative = "synthetic narrative ".repeat(5_000);
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            UUID id = repo.createDraft(StoreFixtures.fullDetails(), "1234").id();
            Path filler = fill(mount);

            StoreException e = assertThrows(StoreException.class,
                    () -> repo.saveAnswer(id, Answer.text("O1", narrative), "O1", "1234"));
            assertTrue(e.getMessage().contains("disk is full") && e.getMessage().contains(dir.resolve(Database.FILE_NAME).toString()),
                    e.getMessage());
            assertFalse(e.restartNeeded(), e.getMessage());

            Files.delete(filler);
            repo.saveAnswer(id, Answer.text("O1", narrative), "O1", "1234");
            String stored = repo.find(id).orElseThrow().content().answer("O1").text();
            assertTrue(narrative.equals(stored), "the narrative is stored whole (" + stored.length() + " characters)");
        }
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            assertEquals(1, repo.drafts().size());
        }
    }
}
