package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.AuditEntry;
import org.dashdesk.assessment.IllegalTransitionException;
import org.dashdesk.assessment.LifecycleEvent;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.security.FileKeyProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class H2AssessmentRepositoryTest {

    private static final GradingEngine ENGINE = new GradingEngine(PackRegistry.builtIn(), GradingPolicy.builtInDefault());

    @TempDir
    Path dir;

    private H2AssessmentRepository repo;

    @BeforeEach
    void open() {
        repo = H2AssessmentRepository.open(dir, new FileKeyProvider());
    }

    @AfterEach
    void close() {
        repo.close();
    }

    private void reopen() {
        repo.close();
        repo = H2AssessmentRepository.open(dir, new FileKeyProvider());
    }

    private UUID draftWithEverything() {
        UUID id = repo.createDraft(StoreFixtures.start(), "1234").id();
        repo.saveDetails(id, StoreFixtures.fullDetails(), "1234", "changed people, incident, judgement and referrals");
        for (Answer a : StoreFixtures.allAnswerShapes()) {
            repo.saveAnswer(id, a, a.questionId(), "1234");
        }
        return id;
    }

    private static AssessmentContent expectedContent() {
        AssessmentContent c = StoreFixtures.fullDetails();
        for (Answer a : StoreFixtures.allAnswerShapes()) {
            c = c.withAnswer(a);
        }
        return c;
    }

    private Revision submit(UUID id, String reason) {
        Assessment a = repo.find(id).orElseThrow();
        Revision r = Revision.freeze(id, UUID.randomUUID(), a.headRevisionId(), a.revisionCount() + 1, reason, Instant.now(), "1234",
                a.content(), ENGINE.grade(a.content().gradingInput()));
        AssessmentState routed = r.grading().level() == org.dashdesk.grading.RiskLevel.STANDARD
                ? AssessmentState.AWAITING_SIGN_OFF : AssessmentState.REFERRED;
        repo.recordSubmission(r, routed, "1234");
        return r;
    }

    @Test
    void everyKindOfContentRoundTripsAndSurvivesReopening() {
        UUID id = draftWithEverything();
        UUID device = repo.database().deviceId();

        Assessment now = repo.find(id).orElseThrow();
        assertEquals(expectedContent(), now.content());
        assertEquals("O6", now.resumeQuestionId());

        reopen();
        Assessment again = repo.find(id).orElseThrow();
        assertEquals(expectedContent(), again.content());
        assertEquals(now, again);
        assertEquals(AssessmentState.DRAFT, again.state());
        assertEquals(device, repo.database().deviceId(), "device id is created once and kept");
        assertEquals(Migrations.latestVersion(), repo.database().schemaVersion());
        assertEquals(Optional.empty(), repo.find(UUID.randomUUID()));
    }

    @Test
    void anAnswerIsReplacedByTheNextAndAnEmptyAnswerClearsIt() {
        UUID id = repo.createDraft(StoreFixtures.start(), "1234").id();
        repo.saveAnswer(id, Answer.choice("Q5", Choice.YES), "Q5", "1234");
        repo.saveAnswer(id, Answer.choice("Q5", Choice.NO).withComment("changed mind"), "Q6", "1234");
        assertEquals(Answer.choice("Q5", Choice.NO).withComment("changed mind"), repo.find(id).orElseThrow().content().answer("Q5"));
        assertEquals("Q6", repo.find(id).orElseThrow().resumeQuestionId());

        repo.saveAnswer(id, new Answer("Q5", null, null, null, null, null, null, null), null, "1234");
        Assessment a = repo.find(id).orElseThrow();
        assertNull(a.content().answer("Q5"));
        assertEquals("Q6", a.resumeQuestionId(), "no resume point given keeps the old one");

        repo.saveResumePoint(id, "Q9");
        assertEquals("Q9", repo.find(id).orElseThrow().resumeQuestionId());

        List<String> audit = repo.audit(id).stream().map(AuditEntry::what).toList();
        assertEquals(List.of("created draft (phone-in)", "answered Q5", "changed Q5: Yes → No", "cleared Q5"), audit,
                "a changed answer is audited as a change, from and to");
    }

    @Test
    void anImportedAssessmentIsStoredExactlyAsOneSubmittedOnScreen() {
        AssessmentService service = new AssessmentService(repo, ENGINE, PackRegistry.builtIn().require("dash-2009"),
                java.time.Clock.systemUTC());
        UUID onScreen = draftWithEverything();
        org.dashdesk.assessment.CompleteSheets.answerTheRestNo(repo, onScreen, "1234");
        Revision drafted = service.submit(onScreen, "1234", null);
        Revision imported = service.submitNew(org.dashdesk.assessment.CompleteSheets.restNo(expectedContent()), "1234");
        reopen();

        Assessment a = repo.find(onScreen).orElseThrow();
        Assessment b = repo.find(imported.assessmentId()).orElseThrow();
        assertEquals(a.content(), b.content());
        assertEquals(a.state(), b.state());
        assertEquals(1, b.revisionCount());
        assertEquals(imported.revisionId(), b.headRevisionId());
        assertEquals(drafted.grading(), imported.grading());
        assertEquals(imported, repo.revision(imported.revisionId()).orElseThrow(), "the frozen revision reads back as written");
        assertTrue(repo.revision(imported.revisionId()).orElseThrow().verify());
        assertEquals(List.of("created draft (phone-in)", "submitted revision 1, graded " + imported.grading().level().jsonName()
                        + ", draft → " + b.state().label().toLowerCase(java.util.Locale.ROOT)),
                repo.audit(b.id()).stream().map(AuditEntry::what).toList());
        OutboxStore outbox = new OutboxStore(repo.database());
        assertEquals(Set.of(drafted.revisionId(), imported.revisionId()),
                outbox.unsynced().stream().map(r -> r.revisionId()).collect(java.util.stream.Collectors.toSet()), "both queued to sync");
        assertEquals(List.of(a.id(), b.id()).size(), repo.submitted().size());
        assertTrue(repo.verifyAudit().intact(), repo.verifyAudit().toString());
    }

    @Test
    void anImportedRevisionThatIsNotAFirstOrRoutesElsewhereIsRefusedAndLeavesNothing() {
        AssessmentContent content = expectedContent();
        org.dashdesk.grading.GradingResult g = ENGINE.grade(content.gradingInput());
        Revision second = Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 2, "r", Instant.now(), "1234", content, g);
        assertThrows(IllegalArgumentException.class, () -> repo.createSubmitted(second, AssessmentState.REFERRED, "1234"));
        Revision first = Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, Instant.now(), "1234", content, g);
        AssessmentState wrong = g.level() == org.dashdesk.grading.RiskLevel.STANDARD ? AssessmentState.REFERRED : AssessmentState.AWAITING_SIGN_OFF;
        assertThrows(IllegalArgumentException.class, () -> repo.createSubmitted(first, wrong, "1234"));
        assertTrue(repo.submitted().isEmpty());
        assertTrue(repo.find(first.assessmentId()).isEmpty());
    }

    @Test
    void viewsAreAuditedToo() {
        UUID id = draftWithEverything();
        submit(id, null);
        int before = repo.audit(id).size();
        repo.recordView(id, "SUP1");
        List<AuditEntry> audit = repo.audit(id);
        assertEquals(before + 1, audit.size());
        assertEquals("SUP1", audit.get(audit.size() - 1).actor());
        assertEquals("viewed", audit.get(audit.size() - 1).what());
        assertThrows(IllegalArgumentException.class, () -> repo.recordView(UUID.randomUUID(), "SUP1"));
        assertEquals(before + 1, repo.audit(id).size());
    }

    @Test
    void everyChangeIsAuditedWithoutAnswerTextOrNames() {
        UUID id = draftWithEverything();
        submit(id, null);
        repo.transition(id, LifecycleEvent.RETURN, "SUP1", "needs more detail on Q1");
        repo.transition(id, LifecycleEvent.REOPEN, "1234", "reopened for amendment");

        List<AuditEntry> audit = repo.audit(id);
        // created + details + 7 answers + submit + return + reopen
        assertEquals(1 + 1 + StoreFixtures.allAnswerShapes().size() + 1 + 2, audit.size());
        for (int i = 1; i < audit.size(); i++) {
            assertTrue(audit.get(i).sequence() > audit.get(i - 1).sequence());
            assertFalse(audit.get(i).at().isBefore(audit.get(i - 1).at()));
        }
        assertEquals("SUP1", audit.get(audit.size() - 2).actor());
        assertTrue(audit.get(audit.size() - 2).what().startsWith("returned (referred → returned)"), audit.get(audit.size() - 2).what());
        for (AuditEntry e : audit) {
            for (String secret : secrets()) {
                assertFalse(e.what().contains(secret), e.what() + " contains " + secret);
            }
        }
    }

    private static List<String> secrets() {
        return List.of(StoreFixtures.VICTIM, StoreFixtures.ABUSER, StoreFixtures.SECRET_COMMENT, "neighbour", "synthetic free text",
                "Kill|Self", "synthetic court date", "synthetic rationale");
    }

    @Test
    void summariesShowCompletenessLevelAndSyncStateButNoNames() {
        UUID empty = repo.createDraft(StoreFixtures.start(), "1234").id();
        UUID full = repo.createDraft(StoreFixtures.withYes(StoreFixtures.start(), 3), "1234").id();
        AssessmentContent noChildren = StoreFixtures.start()
                .withPeople(new People(StoreFixtures.VICTIM, List.of(StoreFixtures.ABUSER), List.of(), false));
        UUID skipped = repo.createDraft(noChildren, "1234").id();
        UUID withChildren = repo.createDraft(noChildren.withPeople(new People(StoreFixtures.VICTIM, List.of(), List.of(), true)), "1234").id();
        for (int i = 1; i <= 27; i++) {
            if (i < 9 || i > 12) {
                repo.saveAnswer(skipped, Answer.choice("Q" + i, Choice.NO), null, "1234");
                repo.saveAnswer(withChildren, Answer.choice("Q" + i, Choice.NO), null, "1234");
            }
        }
        repo.saveAnswer(empty, Answer.text("O1", "not a checklist question"), null, "1234");

        Map<UUID, AssessmentSummary> drafts = new java.util.HashMap<>();
        repo.drafts().forEach(s -> drafts.put(s.id(), s));
        assertEquals(4, drafts.size());
        assertEquals(0, drafts.get(empty).completenessPercent());
        assertEquals(100, drafts.get(full).completenessPercent());
        assertEquals(100, drafts.get(skipped).completenessPercent(), "children section excluded when there are none");
        assertEquals(23 * 100 / 27, drafts.get(withChildren).completenessPercent());
        assertNull(drafts.get(full).level());
        assertNull(drafts.get(full).syncState());
        assertTrue(repo.submitted().isEmpty());

        submit(full, null);
        assertEquals(3, repo.drafts().size());
        AssessmentSummary s = repo.submitted().get(0);
        assertEquals(full, s.id());
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, s.state());
        assertEquals(org.dashdesk.grading.RiskLevel.STANDARD, s.level());
        assertEquals("Waiting to send", s.syncState());
        for (AssessmentSummary each : repo.drafts()) {
            assertFalse(each.toString().contains(StoreFixtures.VICTIM));
            assertFalse(each.toString().contains(StoreFixtures.ABUSER));
        }
    }

    @Test
    void aSubmittedAssessmentCannotBeChangedUntilReopened() {
        UUID id = draftWithEverything();
        submit(id, null);
        assertThrows(IllegalStateException.class, () -> repo.saveAnswer(id, Answer.choice("Q20", Choice.YES), null, "1234"));
        assertThrows(IllegalStateException.class, () -> repo.saveDetails(id, StoreFixtures.start(), "1234", "changed"));
        assertThrows(IllegalTransitionException.class, () -> submit(id, "again"));
        assertNull(repo.find(id).orElseThrow().content().answer("Q20"));
        assertThrows(IllegalArgumentException.class, () -> repo.saveAnswer(UUID.randomUUID(), Answer.choice("Q1", Choice.YES), null, "1234"));
    }

    @Test
    void legalTransitionsMoveTheStateAndIllegalOnesThrowAndChangeNothing() {
        // standard → awaiting sign-off → signed off
        UUID a = repo.createDraft(StoreFixtures.withYes(StoreFixtures.start(), 2), "1234").id();
        assertIllegal(a, LifecycleEvent.SIGN_OFF, LifecycleEvent.RETURN, LifecycleEvent.RAISE, LifecycleEvent.REOPEN);
        submit(a, null);
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, repo.find(a).orElseThrow().state());
        assertIllegal(a, LifecycleEvent.REOPEN);
        assertEquals(AssessmentState.SIGNED_OFF, repo.transition(a, LifecycleEvent.SIGN_OFF, "SUP1", null).state());
        assertIllegal(a, LifecycleEvent.SIGN_OFF, LifecycleEvent.RETURN, LifecycleEvent.RAISE, LifecycleEvent.REOPEN,
                LifecycleEvent.ROUTE_REFERRED);

        // standard → raised → referred → returned → reopened as a draft
        UUID b = repo.createDraft(StoreFixtures.withYes(StoreFixtures.start(), 2), "1234").id();
        submit(b, null);
        assertEquals(AssessmentState.REFERRED, repo.transition(b, LifecycleEvent.RAISE, "SUP1", "raised on judgement").state());
        assertIllegal(b, LifecycleEvent.RAISE, LifecycleEvent.REOPEN);
        assertEquals(AssessmentState.RETURNED, repo.transition(b, LifecycleEvent.RETURN, "SUP1", null).state());
        assertIllegal(b, LifecycleEvent.SIGN_OFF, LifecycleEvent.RETURN);
        Assessment reopened = repo.transition(b, LifecycleEvent.REOPEN, "1234", null);
        assertEquals(AssessmentState.DRAFT, reopened.state());
        assertEquals(repo.revisions(b).get(0).content(), reopened.content(), "the reopened draft starts from the head revision");

        // awaiting sign-off → returned; referred → signed off
        UUID c = repo.createDraft(StoreFixtures.withYes(StoreFixtures.start(), 2), "1234").id();
        submit(c, null);
        assertEquals(AssessmentState.RETURNED, repo.transition(c, LifecycleEvent.RETURN, "SUP1", null).state());
        UUID d = repo.createDraft(StoreFixtures.withYes(StoreFixtures.start(), 20), "1234").id();
        submit(d, null);
        assertEquals(AssessmentState.REFERRED, repo.find(d).orElseThrow().state());
        assertEquals(AssessmentState.SIGNED_OFF, repo.transition(d, LifecycleEvent.SIGN_OFF, "SUP1", null).state());

        assertThrows(IllegalArgumentException.class, () -> repo.transition(a, LifecycleEvent.SUBMIT, "1234", null));
        assertThrows(IllegalArgumentException.class, () -> repo.transition(UUID.randomUUID(), LifecycleEvent.SIGN_OFF, "1234", null));
    }

    private void assertIllegal(UUID id, LifecycleEvent... events) {
        Assessment before = repo.find(id).orElseThrow();
        int auditRows = repo.audit(id).size();
        for (LifecycleEvent e : events) {
            assertThrows(IllegalTransitionException.class, () -> repo.transition(id, e, "SUP1", null), e.name());
        }
        assertEquals(before, repo.find(id).orElseThrow());
        assertEquals(auditRows, repo.audit(id).size());
    }

    @Test
    void aSubmissionThatDoesNotAddUpIsRefusedAndStoresNothing() {
        UUID id = repo.createDraft(StoreFixtures.withYes(StoreFixtures.start(), 2), "1234").id();
        Assessment a = repo.find(id).orElseThrow();
        Revision r = Revision.freeze(id, UUID.randomUUID(), null, 1, null, Instant.now(), "1234", a.content(),
                ENGINE.grade(a.content().gradingInput()));
        assertThrows(IllegalArgumentException.class, () -> repo.recordSubmission(r, AssessmentState.REFERRED, "1234"),
                "a standard grading must not be routed as a referral");
        Revision stale = Revision.freeze(id, UUID.randomUUID(), null, 2, null, Instant.now(), "1234", a.content(), r.grading());
        assertThrows(IllegalStateException.class, () -> repo.recordSubmission(stale, AssessmentState.AWAITING_SIGN_OFF, "1234"));
        Revision tampered = new Revision(id, r.revisionId(), null, 1, null, r.createdAt(), "1234",
                a.content().withAnswer(Answer.choice("Q27", Choice.YES)), r.grading(), r.contentHash());
        assertThrows(IllegalArgumentException.class, () -> repo.recordSubmission(tampered, AssessmentState.AWAITING_SIGN_OFF, "1234"));

        assertEquals(AssessmentState.DRAFT, repo.find(id).orElseThrow().state());
        assertTrue(repo.revisions(id).isEmpty());
        assertEquals(0L, (long) repo.database().inTransaction(c -> {
            try (var rs = c.createStatement().executeQuery("SELECT COUNT(*) FROM outbox")) {
                rs.next();
                return rs.getLong(1);
            }
        }));
        assertEquals(1, repo.audit(id).size());
    }

    @Test
    void localSettingsPersistAndStoreKeysAreProtected() {
        LocalSettings settings = new LocalSettings(repo.database());
        assertEquals(Optional.empty(), settings.get("profile.collar"));
        settings.put("profile.collar", "1234");
        settings.put("profile.collar", "5678");
        reopen();
        settings = new LocalSettings(repo.database());
        assertEquals(Optional.of("5678"), settings.get("profile.collar"));
        assertEquals(Optional.of(repo.database().deviceId().toString()), settings.get("device.id"));
        LocalSettings s = settings;
        assertThrows(IllegalArgumentException.class, () -> s.put("device.id", UUID.randomUUID().toString()));
        settings.remove("profile.collar");
        assertEquals(Optional.empty(), settings.get("profile.collar"));
        assertNotNull(repo.database().deviceId());
    }

    @Test
    void aBatchIsCommittedWhenItEndsNotWithTheNextTransaction() {
        // The import's batches: before decision 0162 the batch joined a transaction that only the next
        // top-level call committed, so a failure there rolled the whole batch back with it.
        List<UUID> ids = new java.util.ArrayList<>();
        repo.inOneCommit(() -> {
            ids.add(repo.createDraft(StoreFixtures.start(), "1234").id());
            ids.add(repo.createDraft(StoreFixtures.start(), "1234").id());
        });
        assertThrows(IllegalStateException.class, () -> repo.database().inTransaction(c -> {
            throw new IllegalStateException("a later, failing piece of work");
        }));
        for (UUID id : ids) {
            assertTrue(repo.find(id).isPresent(), "the committed batch survives a later failure");
        }
        repo.close();
        repo = H2AssessmentRepository.open(dir, new FileKeyProvider());
        assertEquals(2, ids.stream().filter(id -> repo.find(id).isPresent()).count());
    }

    @Test
    void answerRowsAreADraftsAndTheRecordsAnswersAreItsHeadRevisions() throws Exception {
        UUID id = repo.createDraft(StoreFixtures.withYes(StoreFixtures.start(), 3), "1234").id();
        assertEquals(27, answerTimes(id).size(), "a draft saves each answer as a row");
        Revision first = submit(id, null);
        assertEquals(java.util.Map.of(), answerTimes(id), "submitted: the frozen revision holds the answers, not a second copy (0163)");
        assertEquals(first.content().answers(), repo.find(id).orElseThrow().content().answers(), "and the record still has every answer");
        assertEquals(3, repo.find(id).orElseThrow().content().answers().values().stream()
                .filter(a -> a.choice() == Choice.YES).count());
        repo.close();
        repo = H2AssessmentRepository.open(dir, new FileKeyProvider());
        assertEquals(first.content().answers(), repo.find(id).orElseThrow().content().answers(), "also after a restart");
        repo.transition(id, LifecycleEvent.RETURN, "SUP1", "look again at Q1");
        repo.transition(id, LifecycleEvent.REOPEN, "1234", "reopened for amendment");
        assertEquals(27, answerTimes(id).size(), "a draft again: its rows come back from the head revision");
        assertEquals(first.content().answers(), repo.find(id).orElseThrow().content().answers());
    }

    private java.util.Map<String, java.time.OffsetDateTime> answerTimes(UUID id) {
        return repo.database().inTransaction(c -> {
            java.util.Map<String, java.time.OffsetDateTime> out = new java.util.TreeMap<>();
            try (var p = c.prepareStatement("SELECT question_id, updated_at FROM answer WHERE assessment_id = ?")) {
                p.setObject(1, id);
                try (var r = p.executeQuery()) {
                    while (r.next()) {
                        out.put(r.getString(1), r.getObject(2, java.time.OffsetDateTime.class));
                    }
                }
            }
            return out;
        });
    }
}
