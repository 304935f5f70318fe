package org.dashdesk.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.security.FileKeyProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bytes on disk per submitted assessment for an import-sized batch (10,000 by default, as the
 * {@code import} command stores them: a full draft then a submit), while open, after a normal
 * close, and where they go (content by table, MVStore fill rate). Prints figures; asserts only
 * that every assessment is still there. Run:
 * {@code mvn -B -o test -Dtest=StoreSizeBenchmark -Dgroups=benchmark -Dstore.size.n=10000}.
 */
@Tag("benchmark")
class StoreSizeBenchmark {

    @TempDir
    Path dir;

    @Test
    void bytesPerSubmittedAssessment() throws Exception {
        int n = Integer.getInteger("store.size.n", 10_000);
        // 0: never compact while open (the import as it is); k: compact every k assessments, as a bulk import may.
        int compactEvery = Integer.getInteger("store.size.compactEvery", 0);
        long peak = 0;
        PackRegistry packs = PackRegistry.builtIn();
        Path file = dir.resolve(Database.FILE_NAME);
        long t0 = System.nanoTime();
        long[] closeStarted = new long[1];
        long openSize;
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            AssessmentService service = new AssessmentService(repo, new GradingEngine(packs, GradingPolicy.builtInDefault()),
                    packs.require("dash-2009"), Clock.systemUTC());
            for (int i = 0; i < n; i++) {
                AssessmentContent content = AssessmentContent.start("dash-2009", service.mainPack().version(), Channel.AT_SCENE,
                                new Officer("1234", "PC Synthetic"), null)
                        .withPeople(new People("Victim Synthetic " + i, List.of("Abuser Synthetic"), List.of(), false))
                        .withIncident(new Incident(LocalDateTime.of(2026, 11, 20, 2, 10), "Home", "Maidstone", "INC-" + i, 0, null));
                for (int q = 1; q <= 27; q++) {
                    content = content.withAnswer(Answer.choice("Q" + q, (q + i) % 3 == 0 ? Choice.YES : Choice.NO)
                            .withComment("synthetic comment " + q));
                }
                Assessment draft = repo.createDraft(content, "1234");
                service.submit(draft.id(), "1234", null);
                if (compactEvery > 0 && (i + 1) % compactEvery == 0) {
                    peak = Math.max(peak, Files.size(file));
                    repo.database().compactIfMostlyFree();
                }
            }
            peak = Math.max(peak, Files.size(file));
            System.out.printf("StoreSizeBenchmark: peak while open %.1f MB (%.1f KB each)%s%n", peak / 1e6, peak / 1e3 / n,
                    compactEvery > 0 ? ", compacting every " + compactEvery : "");
            openSize = Files.size(file);
            System.out.printf("StoreSizeBenchmark: %d assessments stored in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
            repo.database().inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    for (String q : List.of(
                            "SELECT 'assessment.content', SUM(OCTET_LENGTH(content)), COUNT(*) FROM assessment",
                            "SELECT 'answer.answer', SUM(OCTET_LENGTH(answer)), COUNT(*) FROM answer",
                            "SELECT 'revision.canonical_json', SUM(OCTET_LENGTH(canonical_json)), COUNT(*) FROM revision",
                            "SELECT 'audit.what', SUM(OCTET_LENGTH(what) + OCTET_LENGTH(actor)), COUNT(*) FROM audit",
                            "SELECT 'outbox', SUM(COALESCE(OCTET_LENGTH(receipt_json), 0)), COUNT(*) FROM outbox")) {
                        try (ResultSet r = s.executeQuery(q)) {
                            r.next();
                            System.out.printf("  %-24s %,14d bytes in %,8d rows = %,8.0f bytes/assessment%n", r.getString(1), r.getLong(2),
                                    r.getLong(3), r.getLong(2) / (double) n);
                        }
                    }
                    try (ResultSet r = s.executeQuery("SELECT SETTING_NAME, SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS"
                            + " WHERE SETTING_NAME LIKE 'info.%'")) {
                        while (r.next()) {
                            System.out.printf("  %s = %s%n", r.getString(1), r.getString(2));
                        }
                    }
                }
                return null;
            });
            closeStarted[0] = System.nanoTime();
        }
        long closedSize = Files.size(file);
        System.out.printf("StoreSizeBenchmark: close took %.1f s%n", (System.nanoTime() - closeStarted[0]) / 1e9);
        System.out.printf("StoreSizeBenchmark: %d assessments: open %.1f MB (%.1f KB each), after close %.1f MB (%.1f KB each)%n", n,
                openSize / 1e6, openSize / 1e3 / n, closedSize / 1e6, closedSize / 1e3 / n);
        try (H2AssessmentRepository repo = H2AssessmentRepository.open(dir, new FileKeyProvider())) {
            if (repo.submitted().size() != n) {
                throw new AssertionError("expected " + n + " submitted, found " + repo.submitted().size());
            }
        }
        System.out.printf("StoreSizeBenchmark: after reopen and close again %.1f MB (%.1f KB each)%n", Files.size(file) / 1e6,
                Files.size(file) / 1e3 / n);
        byte[] head = java.nio.file.Files.readAllBytes(file);
        String text = new String(head, java.nio.charset.StandardCharsets.ISO_8859_1);
        if (text.contains("Synthetic") || text.contains("synthetic comment")) {
            throw new AssertionError("plain text found in the compacted file: it must stay encrypted");
        }
    }
}
