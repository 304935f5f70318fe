package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.ListQuery;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Revision;
import org.dashdesk.assessment.SummaryPage;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.security.FileKeyProvider;
import org.dashdesk.ui.common.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The home lists' search, filters and pages, read through the list columns and index (issue 17). */
class ListQueryTest {

    private static final Instant T0 = Instant.parse("2026-11-02T10:00:00Z");

    @TempDir
    Path dir;

    private final FileKeyProvider keys = new FileKeyProvider();
    private final MutableClock clock = new MutableClock(T0, ZoneOffset.UTC);
    private Database database;
    private H2AssessmentRepository repo;
    private AssessmentService service;

    @BeforeEach
    void open() {
        database = Database.open(dir, keys);
        repo = new H2AssessmentRepository(database, clock);
        service = StoreFixtures.dash2009(repo, clock);
    }

    @AfterEach
    void close() {
        if (database != null) {
            database.close();
        }
    }

    private static AssessmentContent content(String ref, String victim, String abuser, int yes, Channel channel) {
        AssessmentContent base = StoreFixtures.withYes(StoreFixtures.start(), yes);
        AssessmentContent c = new AssessmentContent(base.packId(), base.packVersion(), channel, base.officer(), base.phoneIn(), base.people(),
                base.incident(), base.answers(), base.judgement(), base.referrals());
        return c.withPeople(new People(victim, abuser == null ? List.of() : List.of(abuser), List.of(), false))
                .withIncident(new Incident(java.time.LocalDateTime.of(2026, 11, 1, 2, 10), "Kitchen", "Maidstone", ref, 0, null));
    }

    private Revision submit(AssessmentContent content) {
        Assessment draft = repo.createDraft(content, "1234");
        return service.submit(draft.id(), "1234", null);
    }

    private static ListQuery submitted(String text) {
        return new ListQuery(false, text, null, null, null, null, null, null, 0, 100);
    }

    private static List<String> refs(SummaryPage page) {
        return page.rows().stream().map(AssessmentSummary::incidentReference).toList();
    }

    @Test
    void searchFindsTheReferenceAndNamesAsTypedIgnoringCaseAccentsAndPunctuation() {
        submit(content("INC-004217", "Zoë O'Neill-Brown", "Synthetic Abuser", 2, Channel.AT_SCENE));
        clock.advance(Duration.ofMinutes(1));
        submit(content("INC-004218", "Jane Roe", "Marek Nowak", 2, Channel.PHONE_IN));
        clock.advance(Duration.ofMinutes(1));
        submit(content("INC-104217", "Amy Smith", null, 2, Channel.AT_SCENE));

        assertEquals(List.of("INC-104217", "INC-004217"), refs(repo.summaries(submitted("4217"))), "newest first, inside the reference");
        assertEquals(List.of("INC-004217"), refs(repo.summaries(submitted("inc-004217"))));
        assertEquals(List.of("INC-004217"), refs(repo.summaries(submitted("zoe"))), "accents folded");
        assertEquals(List.of("INC-004217"), refs(repo.summaries(submitted("oneill"))), "punctuation joined");
        assertEquals(List.of("INC-004217"), refs(repo.summaries(submitted("O'NEILL brown"))), "every word must match");
        assertEquals(List.of("INC-004218"), refs(repo.summaries(submitted("nowak"))), "the abuser's name");
        assertEquals(List.of(), refs(repo.summaries(submitted("nowak smith"))), "words of two cases do not make a match");
        assertEquals(List.of(), refs(repo.summaries(submitted("100%"))), "a LIKE wildcard is just a character");
        assertEquals(3, repo.summaries(submitted("  ")).matching(), "blank text is no search");
        assertEquals(0, repo.summaries(new ListQuery(true, "", null, null, null, null, null, null, 0, 100)).matching(), "no drafts");
    }

    @Test
    void filtersNarrowByLevelStateChannelSyncAndDayAndCombine() {
        Revision standard = submit(content("A-1", "V One", null, 1, Channel.AT_SCENE));
        clock.advance(Duration.ofDays(1));
        Revision high = submit(content("A-2", "V Two", null, 15, Channel.PHONE_IN));
        clock.advance(Duration.ofDays(1));
        Revision medium = submit(content("A-3", "V Three", null, 11, Channel.AT_SCENE));
        Assessment draft = repo.createDraft(content("D-1", "V Draft", null, 0, Channel.AT_SCENE), "1234");
        new OutboxStore(database).recordReceipts(List.of(new Receipt(high.assessmentId(), high.revisionId(), high.contentHash(), 9, T0)));

        assertEquals(RiskLevel.STANDARD, standard.grading().level());
        assertEquals(RiskLevel.HIGH, high.grading().level());
        assertEquals(RiskLevel.MEDIUM, medium.grading().level());
        assertEquals(List.of("A-2"), refs(repo.summaries(new ListQuery(false, "", null, null, RiskLevel.HIGH, null, null, null, 0, 100))));
        assertEquals(List.of("A-2"), refs(repo.summaries(new ListQuery(false, "", null, null, null, null, null, Channel.PHONE_IN, 0, 100))));
        assertEquals(List.of("A-1"), refs(repo.summaries(new ListQuery(false, "", null, null, null, AssessmentState.AWAITING_SIGN_OFF, null,
                null, 0, 100))), "only the standard case waits for a sergeant");
        assertEquals(List.of("A-2"), refs(repo.summaries(new ListQuery(false, "", null, null, null, null, ListQuery.SyncFilter.HELD_CENTRALLY,
                null, 0, 100))));
        assertEquals(List.of("A-3", "A-1"), refs(repo.summaries(new ListQuery(false, "", null, null, null, null,
                ListQuery.SyncFilter.NOT_YET_SENT, null, 0, 100))));
        LocalDate day2 = T0.plus(Duration.ofDays(1)).atZone(ZoneId.systemDefault()).toLocalDate();
        assertEquals(List.of("A-2"), refs(repo.summaries(new ListQuery(false, "", day2, day2, null, null, null, null, 0, 100))),
                "one day, from and to inclusive");
        assertEquals(List.of("A-3", "A-2"), refs(repo.summaries(new ListQuery(false, "", day2, null, null, null, null, null, 0, 100))));
        assertEquals(List.of("A-3"), refs(repo.summaries(new ListQuery(false, "v", day2, null, null, null, null, Channel.AT_SCENE, 0, 100))),
                "filters combine");
        assertEquals(List.of("D-1"), refs(repo.summaries(new ListQuery(true, "draft", null, null, null, null, null, null, 0, 100))));
        assertEquals(draft.id(), repo.summaries(ListQuery.all(true, 10)).rows().get(0).id());
    }

    @Test
    void pagesAreNewestFirstWithoutGapsOrRepeatsAndCountAllThatMatch() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            ids.add(submit(content("P-" + i, "V " + i, null, 1, Channel.AT_SCENE)).assessmentId());
            clock.advance(Duration.ofSeconds(i % 3 == 0 ? 0 : 1)); // some share a timestamp: the id breaks the tie
        }
        List<UUID> paged = new ArrayList<>();
        for (int offset = 0; offset < 30; offset += 10) {
            SummaryPage page = repo.summaries(ListQuery.all(false, 10).page(offset, 10));
            assertEquals(23, page.matching());
            assertEquals(offset, page.offset());
            page.rows().forEach(s -> paged.add(s.id()));
        }
        assertEquals(23, paged.size());
        assertEquals(23, paged.stream().distinct().count(), "no repeats");
        assertEquals(ids.get(22), paged.get(0), "the newest first");
        assertEquals(repo.submitted().stream().map(AssessmentSummary::id).toList(), paged, "the whole list reads the same pages");
        assertEquals(List.of(), repo.summaries(ListQuery.all(false, 10).page(40, 10)).rows(), "past the end: nothing, still counted");
    }

    @Test
    void rowsWrittenBeforeTheListColumnsAreFilledWhenTheStoreUpgrades() throws Exception {
        submit(content("OLD-1", "Ottilie Vane", "Crispin Moor", 2, Channel.AT_SCENE));
        database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("UPDATE assessment SET incident_ref = NULL, district = NULL, channel = NULL,"
                    + " search_words = NULL")) {
                p.executeUpdate();
            }
            try (PreparedStatement p = c.prepareStatement("DELETE FROM schema_version WHERE version >= 6")) {
                p.executeUpdate();
            }
            return null;
        });
        assertEquals(0, repo.summaries(submitted("vane")).matching(), "as a version-5 store would be");
        database.close();
        open();
        assertEquals(List.of("OLD-1"), refs(repo.summaries(submitted("crispin"))));
        assertEquals(List.of("OLD-1"), refs(repo.summaries(new ListQuery(false, "", null, null, null, null, null, Channel.AT_SCENE, 0, 100))));
    }

    @Test
    void aQueryOutsideItsBoundsIsRefusedInWords() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new ListQuery(false, "", LocalDate.of(2026, 11, 5), LocalDate.of(2026, 11, 4), null, null, null, null, 0, 10));
        assertTrue(e.getMessage().contains("ends before it starts"));
    }
}
