package org.dashdesk.sync;

import org.dashdesk.store.OutboxStore;
import org.dashdesk.outbox.OutboxRecord;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.security.FileKeyProvider;
import org.dashdesk.store.Database;
import org.dashdesk.store.H2AssessmentRepository;
import org.dashdesk.store.LocalSettings;

/** One officer's laptop for tests: the real encrypted store, service, outbox and sync service. */
final class LocalDesk implements AutoCloseable {

    final Database database;
    final H2AssessmentRepository repository;
    final AssessmentService service;
    final LocalSettings settings;
    final OutboxStore outbox;
    final SyncService sync;

    LocalDesk(Path dir, SyncClient client, int parallelism) {
        database = Database.open(dir, new FileKeyProvider());
        repository = new H2AssessmentRepository(database);
        PackRegistry packs = PackRegistry.builtIn();
        service = new AssessmentService(repository, new GradingEngine(packs, GradingPolicy.builtInDefault()),
                packs.require("dash-2009"), Clock.systemUTC());
        settings = new LocalSettings(database);
        outbox = new OutboxStore(database);
        sync = new SyncService(outbox, repository, settings, client, Clock.systemUTC(), new Random(7), parallelism);
        sync.useRetryPolicy(FAST);
    }

    /** The desktop's rules with the waits scaled down for the suite: 3 tries a record, a 1 s outage budget. */
    static final RetryPolicy FAST = new RetryPolicy(3, java.time.Duration.ofMillis(10), java.time.Duration.ofMillis(100), 5,
            java.time.Duration.ofMillis(50), java.time.Duration.ofMillis(200), java.time.Duration.ofSeconds(1),
            java.time.Duration.ofMillis(750));

    /** Submits a new synthetic assessment with {@code yes} checklist Yes answers (14+ is high risk). */
    Revision submit(int yes) {
        return submitAs("1234", yes);
    }

    /** As {@link #submit(int)}, made by another officer on this (shared) laptop. */
    Revision submitAs(String collar, int yes) {
        AssessmentContent content = AssessmentContent.start("dash-2009", service.mainPack().version(), Channel.AT_SCENE,
                        new Officer(collar, "PC Synthetic"), null)
                .withPeople(new People("Victim Synthetic", List.of("Abuser Synthetic"), List.of(), false))
                .withIncident(new Incident(LocalDateTime.of(2026, 11, 20, 2, 10), "Home", "Maidstone", "INC-T", 0, null));
        for (int i = 1; i <= yes; i++) {
            content = content.withAnswer(Answer.choice("Q" + i, Choice.YES));
        }
        Assessment draft = repository.createDraft(org.dashdesk.assessment.CompleteSheets.restNo(content), collar);
        return service.submit(draft.id(), collar, null);
    }

    /** Reopens a returned assessment, changes an answer and submits the next revision. */
    Revision amend(UUID assessmentId, int question) {
        service.reopen(assessmentId, "1234");
        repository.saveAnswer(assessmentId, Answer.choice("Q" + question, Choice.YES), "Q" + question, "1234");
        return service.submit(assessmentId, "1234", "synthetic amendment");
    }

    OutboxRecord record(Revision r) {
        return outbox.find(r.revisionId()).orElseThrow();
    }

    @Override
    public void close() {
        sync.close();
        repository.close();
        database.close();
    }
}
