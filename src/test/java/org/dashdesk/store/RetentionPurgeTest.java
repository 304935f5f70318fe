package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.LifecycleEvent;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.security.FileKeyProvider;
import org.dashdesk.ui.common.MutableClock;
import org.h2.store.fs.encrypt.FileEncrypt;
import org.h2.store.fs.encrypt.FilePathEncrypt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14: once the force holds a case and it has left the officer's hands, its personal content
 * leaves the laptop after retention.days, and the bytes leave the file. The file is read the way
 * an attacker holding the laptop's key would read it: decrypted block by block (H2's own AES-XTS
 * file layer), then searched for the victim's name as plain text, UTF-16, hex and Base64. The
 * same search finds the name before the purge, so it can fail.
 */
class RetentionPurgeTest {

    static final String DRAFT_VICTIM = "Ottoline Fernsby";
    static final String UNSENT_VICTIM = "Peregrine Ashcombe";
    static final Instant T0 = Instant.parse("2026-11-20T02:10:00Z");

    @TempDir
    Path dir;

    private final FileKeyProvider keys = new FileKeyProvider();
    private final MutableClock clock = new MutableClock(T0, ZoneOffset.UTC);
    private Database database;
    private Path storeFile;
    private H2AssessmentRepository repo;
    private AssessmentService service;

    @BeforeEach
    void open() {
        database = Database.open(dir, keys);
        storeFile = database.file();
        repo = new H2AssessmentRepository(database, clock);
        service = StoreFixtures.dash2009(repo, clock);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private void reopen() {
        database.close();
        open();
    }

    private Revision submit(AssessmentContent content) {
        Assessment draft = repo.createDraft(org.dashdesk.assessment.CompleteSheets.restNo(content), "1234");
        return service.submit(draft.id(), "1234", null);
    }

    private static AssessmentContent named(String victim) {
        AssessmentContent c = StoreFixtures.withYes(StoreFixtures.start(), 3)
                .withPeople(new People(victim, List.of(StoreFixtures.ABUSER), List.of(), false))
                .withIncident(new org.dashdesk.assessment.Incident(java.time.LocalDateTime.of(2026, 11, 20, 2, 10), "Kitchen", "Maidstone",
                        "INC-2026-0042", 2, null));
        return c.withAnswer(Answer.choice("Q1", org.dashdesk.grading.Choice.YES).withComment(StoreFixtures.SECRET_COMMENT));
    }

    private void received(Revision r, Instant at) {
        new OutboxStore(database).recordReceipts(List.of(new Receipt(r.assessmentId(), r.revisionId(), r.contentHash(), 7, at)));
    }

    /** Every spelling of {@code text} an attacker might search for, found anywhere in the folder's files, decrypted or not. */
    private List<String> hits(String text) throws IOException {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        List<byte[]> forms = List.of(utf8, text.getBytes(StandardCharsets.UTF_16LE), text.getBytes(StandardCharsets.UTF_16BE),
                HexFormat.of().formatHex(utf8).getBytes(StandardCharsets.US_ASCII),
                HexFormat.of().withUpperCase().formatHex(utf8).getBytes(StandardCharsets.US_ASCII),
                Base64.getEncoder().encodeToString(utf8).getBytes(StandardCharsets.US_ASCII));
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> all = Files.walk(dir)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            List<byte[]> views = new ArrayList<>(List.of(Files.readAllBytes(f)));
            if (f.equals(storeFile)) {
                views.add(decrypted(f));
            }
            for (byte[] view : views) {
                for (byte[] form : forms) {
                    if (indexOf(view, form) >= 0) {
                        found.add(f.getFileName() + " holds " + new String(form, StandardCharsets.ISO_8859_1));
                    }
                }
            }
            if (f.equals(storeFile)) {
                // The store compresses pages (LZF): text survives as literal runs of at most 32 bytes, so a
                // name may be cut in two by a run's control byte. Any 8-byte piece of it still gives it away.
                // The list's search words hold the name folded to lower case (issue 17): those pieces count too.
                byte[] plain = views.get(views.size() - 1);
                for (byte[] spelling : List.of(utf8, text.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.UTF_8))) {
                    for (int i = 0; i + 8 <= spelling.length; i++) {
                        byte[] piece = java.util.Arrays.copyOfRange(spelling, i, i + 8);
                        if (indexOf(plain, piece) >= 0) {
                            found.add(f.getFileName() + " (decrypted) holds the piece " + new String(piece, StandardCharsets.UTF_8));
                        }
                    }
                }
            }
        }
        return found;
    }

    private byte[] decrypted(Path file) throws IOException {
        char[] key = keys.fileKey(file);
        try (FileChannel base = FileChannel.open(file, StandardOpenOption.READ);
                FileEncrypt plain = new FileEncrypt(file.toString(), FilePathEncrypt.getPasswordBytes(key), base)) {
            ByteBuffer buf = ByteBuffer.allocate((int) plain.size());
            while (buf.hasRemaining() && plain.read(buf, buf.position()) > 0) {
                // read to the end
            }
            return buf.array();
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void aHeldSignedOffCaseIsPurgedAfterTheDaysAndItsBytesLeaveTheFile() throws IOException {
        Revision held = submit(named(StoreFixtures.VICTIM));
        received(held, T0.plus(Duration.ofMinutes(5)));
        clock.advance(Duration.ofHours(10));
        repo.transition(held.assessmentId(), LifecycleEvent.SIGN_OFF, "9001", "central decision");
        repo.createDraft(named(DRAFT_VICTIM), "1234");
        Revision unsent = submit(named(UNSENT_VICTIM));

        // The search works: before the purge the names are in the decrypted file.
        reopen();
        assertFalse(hits(StoreFixtures.VICTIM).isEmpty(), "the decrypted file holds the victim's name before the purge");

        RetentionSweep sweep = new RetentionSweep(database, clock);
        clock.advance(Duration.ofDays(3));
        assertEquals(0, sweep.purgeDue(7, "retention"), "not before the days have passed");
        List<RetentionSweep.Due> schedule = sweep.schedule(7);
        assertEquals(1, schedule.size(), "only the held, signed-off case is scheduled: " + schedule);
        assertEquals(T0.plus(Duration.ofHours(10)).plus(Duration.ofDays(7)), schedule.get(0).purgeOn(), "seven days after sign-off");
        assertTrue(repo.submitted().stream().anyMatch(s -> "Until 27 Nov".equals(s.onThisLaptop())),
                "the desk says when: " + repo.submitted());
        assertEquals(1, repo.submitted().stream().filter(s -> !s.onThisLaptop().isEmpty()).count(), "and only for that case");

        clock.advance(Duration.ofDays(5));
        assertEquals(1, sweep.purgeDue(7, "retention"));
        Assessment after = repo.find(held.assessmentId()).orElseThrow();
        assertEquals(AssessmentState.SIGNED_OFF, after.state());
        assertEquals(People.EMPTY, after.content().people());
        assertTrue(after.content().answers().isEmpty());
        assertEquals("INC-2026-0042", after.content().incident().incidentReference(), "the reference stays for the list");
        assertEquals(null, after.content().incident().place(), "the place goes");
        assertTrue(repo.revisions(held.assessmentId()).isEmpty(), "the revision's content is gone");
        AssessmentSummary line = repo.submitted().stream().filter(s -> s.id().equals(held.assessmentId())).findFirst().orElseThrow();
        assertEquals("Removed 28 Nov", line.onThisLaptop());
        assertTrue(line.syncState().startsWith("Synced"), "still shown as held centrally: " + line.syncState());
        assertEquals(held.grading().level(), line.level(), "the level stays");
        assertTrue(repo.audit(held.assessmentId()).stream().anyMatch(e -> e.what().startsWith("personal content removed from this laptop")));
        assertTrue(repo.verifyAudit().intact(), "the purge is audited in the chain");
        // Never the draft, never the unsent one.
        assertTrue(repo.find(unsent.assessmentId()).orElseThrow().content().people().victimName().equals(UNSENT_VICTIM));
        assertEquals(1, repo.drafts().size());

        // Closing compacts: the bytes are gone from every file; the draft's are still there (the search still works).
        database.close();
        database = null;
        assertEquals(List.of(), hits(StoreFixtures.VICTIM), "the purged victim's name, in any spelling, in any file");
        assertFalse(hits(DRAFT_VICTIM).isEmpty(), "a draft is never purged");
        assertFalse(hits(UNSENT_VICTIM).isEmpty(), "nor anything unsent");
    }

    @Test
    void aCaseStillWithTheSupervisorOrNotYetReceivedIsNeverPurged() {
        Revision waiting = submit(named(StoreFixtures.VICTIM));
        received(waiting, T0);
        Revision unsent = submit(named(UNSENT_VICTIM));
        clock.advance(Duration.ofDays(400));
        RetentionSweep sweep = new RetentionSweep(database, clock);
        assertEquals(0, sweep.purgeDue(0, "retention"));
        assertEquals(StoreFixtures.VICTIM, repo.find(waiting.assessmentId()).orElseThrow().content().people().victimName());
        assertEquals(UNSENT_VICTIM, repo.find(unsent.assessmentId()).orElseThrow().content().people().victimName());
    }

    @Test
    void aReferredCaseGoesOnceReceivedAndZeroDaysMeansAtOnce() {
        AssessmentContent high = StoreFixtures.withYes(StoreFixtures.start(), 15)
                .withPeople(new People(StoreFixtures.VICTIM, List.of(), List.of(), false));
        Revision referred = submit(high);
        assertEquals(AssessmentState.REFERRED, repo.find(referred.assessmentId()).orElseThrow().state());
        RetentionSweep sweep = new RetentionSweep(database, clock);
        assertEquals(0, sweep.purgeDue(0, "retention"), "not before the server holds it");
        received(referred, T0.plus(Duration.ofMinutes(1)));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(1, sweep.purgeDue(0, "retention"));
        assertEquals(People.EMPTY, repo.find(referred.assessmentId()).orElseThrow().content().people());
        assertEquals(0, sweep.purgeDue(0, "retention"), "once only");
        UUID id = referred.assessmentId();
        assertEquals(1, repo.audit(id).stream().filter(e -> e.what().startsWith("personal content removed")).count());
    }

    @Test
    void aBacklogIsPurgedAPieceAtATimeOldestReceiptFirstAndOnlyWhatIsDue() {
        RetentionSweep sweep = new RetentionSweep(database, clock);
        List<Revision> referred = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Revision r = submit(StoreFixtures.withYes(StoreFixtures.start(), 15)
                    .withPeople(new People(StoreFixtures.VICTIM + " " + i, List.of(), List.of(), false)));
            received(r, T0.plus(Duration.ofMinutes(i)));
            referred.add(r);
        }
        Revision recent = submit(StoreFixtures.withYes(StoreFixtures.start(), 15));
        clock.advance(Duration.ofDays(8));
        received(recent, clock.instant());
        assertEquals(2, sweep.purgeDue(7, "retention", 2), "a piece");
        assertEquals(People.EMPTY, repo.find(referred.get(0).assessmentId()).orElseThrow().content().people(), "oldest receipt first");
        assertEquals(People.EMPTY, repo.find(referred.get(1).assessmentId()).orElseThrow().content().people());
        assertEquals(StoreFixtures.VICTIM + " 2", repo.find(referred.get(2).assessmentId()).orElseThrow().content().people().victimName());
        assertTrue(sweep.moreDue());
        assertEquals(2, sweep.purgeDue(7, "retention", 2));
        // Moved on (changed today) after the due list was read: checked again at purge, so it is kept.
        database.inTransaction(c -> {
            try (java.sql.PreparedStatement p = c.prepareStatement("UPDATE assessment SET updated_at = ? WHERE id = ?")) {
                p.setObject(1, clock.instant().atOffset(ZoneOffset.UTC));
                p.setObject(2, referred.get(4).assessmentId());
                p.executeUpdate();
            }
            return null;
        });
        assertEquals(0, sweep.purgeDue(7, "retention", 2), "the case changed since is kept");
        assertEquals(StoreFixtures.VICTIM + " 4", repo.find(referred.get(4).assessmentId()).orElseThrow().content().people().victimName());
        assertFalse(sweep.moreDue(), "the backlog is done");
        assertEquals(0, sweep.purgeDue(7, "retention", 2), "the one received today is not due");
        assertTrue(repo.verifyAudit().intact());
    }
}
