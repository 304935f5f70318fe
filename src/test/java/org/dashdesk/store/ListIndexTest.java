package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
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
import org.dashdesk.assessment.LifecycleEvent;
import org.dashdesk.assessment.ListQuery;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Revision;
import org.dashdesk.assessment.SearchText;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.security.FileKeyProvider;
import org.dashdesk.ui.common.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lists' search as typed is answered in memory ({@link ListIndex}) and the whole lists' counts
 * without counting (issue 17): the answers must be exactly those of the SQL they replace, and stay
 * so as cases are saved, submitted, reopened and purged, on a real encrypted store.
 */
class ListIndexTest {

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

    private static AssessmentContent content(String ref, String victim, String abuser) {
        AssessmentContent base = StoreFixtures.withYes(StoreFixtures.start(), 2);
        return base.withPeople(new People(victim, abuser == null ? List.of() : List.of(abuser), List.of(), false))
                .withIncident(new Incident(java.time.LocalDateTime.of(2026, 11, 1, 2, 10), "Kitchen", "Maidstone", ref, 0, null));
    }

    /** The same query as the lists' SQL before the index: the oracle. */
    private List<UUID> bySql(boolean drafts, String text) {
        return database.inTransaction(c -> {
            StringBuilder sql = new StringBuilder("SELECT id FROM assessment WHERE is_draft = ?");
            List<String> words = SearchText.words(text);
            words.forEach(w -> sql.append(" AND search_words LIKE ?"));
            try (PreparedStatement p = c.prepareStatement(sql + " ORDER BY updated_at DESC, id DESC")) {
                p.setBoolean(1, drafts);
                for (int i = 0; i < words.size(); i++) {
                    p.setString(i + 2, "%" + words.get(i) + "%");
                }
                List<UUID> out = new ArrayList<>();
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        out.add(r.getObject(1, UUID.class));
                    }
                }
                return out;
            }
        });
    }

    private List<UUID> found(boolean drafts, String text) {
        List<UUID> out = new ArrayList<>();
        int matching = -1;
        for (int offset = 0;; offset += 7) {
            var page = repo.summaries(new ListQuery(drafts, text, null, null, null, null, null, null, offset, 7));
            matching = page.matching();
            page.rows().forEach(s -> out.add(s.id()));
            if (page.rows().size() < 7) {
                break;
            }
        }
        assertEquals(out.size(), matching, "the count is what the pages hold for '" + text + "'");
        return out;
    }

    private void assertSameAsSql(String... texts) {
        for (boolean drafts : new boolean[] {true, false}) {
            for (String text : texts) {
                assertEquals(bySql(drafts, text), found(drafts, text), (drafts ? "drafts" : "submitted") + ", '" + text + "'");
            }
        }
    }

    @Test
    void searchInMemoryAnswersExactlyAsTheSqlDidPageByPage() {
        database.close();
        SyntheticStore.seed(dir, keys, 120, T0);
        open();
        // Some share a timestamp: the id breaks the tie, as in the list index.
        for (int i = 0; i < 6; i++) {
            repo.createDraft(content("INC-00" + i, "Zoë O'Neill-Brown", "Marek Nowak"), "1234");
        }
        // Names beyond Latin-1: the index keeps words as UTF-8 bytes, and must match as the SQL does.
        repo.createDraft(content("INC-Z1", "Ayşe Yılmaz", "Мария Иванова"), "1234");
        repo.createDraft(content("INC-Z2", "عائشہ خان", "Zoë Brown"), "1234");
        assertSameAsSql("inc", "INC-000012", "0001", "fern", "ottoline fern", "oneill", "O'NEILL brown", "zoe", "nowak smith", "100%",
                "e", "x", "thwaite ley", "inc 7", "ayse", "yılmaz", "ıl", "ИВАН", "мария z1", "خان", "عائشہ", "ë", "inc z");
        assertTrue(found(false, "inc").size() > 100, "a word in every reference");
    }

    @Test
    void searchFollowsSavesSubmissionsReopensAndFilters() {
        Assessment a = repo.createDraft(content("INC-1", "Ottoline Fernsby", null), "1234");
        clock.advance(Duration.ofMinutes(1));
        Revision b = service.submit(repo.createDraft(content("INC-2", "Crispin Wexley", null), "1234").id(), "1234", null);
        assertEquals(List.of(a.id()), found(true, "fernsby"), "read into memory at the first search");

        clock.advance(Duration.ofMinutes(1));
        repo.saveDetails(a.id(), content("INC-1", "Ottoline Marlcombe", null), "1234", null);
        assertEquals(List.of(), found(true, "fernsby"), "a changed name is not found by the old one");
        assertEquals(List.of(a.id()), found(true, "marlcombe"));

        clock.advance(Duration.ofMinutes(1));
        Revision aSubmitted = service.submit(a.id(), "1234", null);
        assertEquals(List.of(), found(true, "marlcombe"), "submitted: no longer a draft");
        assertEquals(List.of(a.id(), b.assessmentId()), found(false, "inc"), "newest first");
        assertEquals(List.of(a.id()), found(false, "inc 1"));

        // A change that fails (rolled back) leaves the answers as they were.
        assertThrows(IllegalStateException.class, () -> repo.saveDetails(a.id(), content("INC-1", "Other Name", null), "1234", null));
        assertEquals(List.of(), found(false, "other"));

        RiskLevel level = aSubmitted.grading().level();
        AssessmentState routed = repo.find(a.id()).orElseThrow().state();
        Channel channel = repo.find(a.id()).orElseThrow().content().channel();
        Channel other = channel == Channel.AT_SCENE ? Channel.PHONE_IN : Channel.AT_SCENE;
        assertEquals(List.of(a.id()), ids(repo.summaries(new ListQuery(false, "inc 1", null, null, level, routed, null, channel, 0, 10))),
                "filters combine with the words");
        assertEquals(0, repo.summaries(new ListQuery(false, "inc 1", null, null, level, routed, null, other, 0, 10)).matching());
        LocalDate tomorrow = T0.plus(Duration.ofDays(1)).atZone(ZoneId.systemDefault()).toLocalDate();
        assertEquals(0, repo.summaries(new ListQuery(false, "inc", tomorrow, null, null, null, null, null, 0, 10)).matching());
        assertEquals(1, repo.summaries(new ListQuery(false, "inc", null, null, null, null, ListQuery.SyncFilter.NOT_YET_SENT, null, 0, 10))
                .rows().stream().filter(s -> s.id().equals(a.id())).count(), "the sync filter still reads the outbox");

        if (routed == AssessmentState.AWAITING_SIGN_OFF) {
            repo.transition(a.id(), LifecycleEvent.RETURN, "1234", null);
            clock.advance(Duration.ofMinutes(1));
            repo.transition(a.id(), LifecycleEvent.REOPEN, "1234", null);
            assertEquals(List.of(a.id()), found(true, "marlcombe"), "reopened: a draft again");
        }
    }

    @Test
    void theWholeListsAreCountedWithoutReadingThemAndStayRight() {
        assertEquals(0, repo.summaries(ListQuery.all(true, 10)).matching());
        assertEquals(0, repo.summaries(ListQuery.all(false, 10)).matching());
        Assessment d1 = repo.createDraft(content("C-1", "V One", null), "1234");
        repo.createDraft(content("C-2", "V Two", null), "1234");
        assertEquals(2, repo.summaries(ListQuery.all(true, 10)).matching());
        assertEquals(0, repo.summaries(ListQuery.all(false, 10)).matching());
        service.submit(d1.id(), "1234", null);
        service.submitNew(content("C-3", "V Three", null), "1234");
        assertEquals(1, repo.summaries(ListQuery.all(true, 10)).matching());
        assertEquals(2, repo.summaries(ListQuery.all(false, 10)).matching());
        assertEquals(2, repo.submitted().size());
        // Across a reopen of the store, too.
        database.close();
        open();
        assertEquals(1, repo.summaries(ListQuery.all(true, 10)).matching());
        assertEquals(2, repo.summaries(ListQuery.all(false, 10)).matching());
    }

    @Test
    void aPageOfAWholeListIsReadOffTheListIndexInItsOrderNotSorted() {
        // The shape of the lists' page query: with the ORDER BY not the index's columns from its
        // first, H2 read and sorted all 96,000 submitted entries for the first page (0.8 s, V9).
        String plan = database.inTransaction(c -> {
            try (PreparedStatement p = c.prepareStatement("EXPLAIN SELECT a.id FROM assessment a WHERE a.is_draft = ?"
                    + " ORDER BY a.is_draft, a.updated_at DESC, a.id DESC LIMIT 100 OFFSET 0")) {
                p.setBoolean(1, false);
                try (ResultSet r = p.executeQuery()) {
                    r.next();
                    return r.getString(1);
                }
            }
        });
        assertTrue(plan.contains("index sorted") && plan.contains("ASSESSMENT_LIST_ORDER_IDX"), plan);
    }

    @Test
    void manyEditsOfTheSameCasesKeepEveryCaseFoundByItsCurrentNamesOnly() {
        List<Assessment> drafts = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            drafts.add(repo.createDraft(content("INC-E" + i, "Tamsin Edit" + i, "Abner Orrick"), "1234"));
        }
        assertEquals(5, found(true, "orrick").size(), "read into memory");
        // Each re-read leaves the old words behind in the index's text until it is compacted:
        // forty rounds of edits make that happen several times over.
        for (int round = 1; round <= 40; round++) {
            clock.advance(Duration.ofSeconds(1));
            Assessment d = drafts.get(round % 5);
            String victim = (round % 2 == 0 ? "Tamsin Edit" : "Ayşe Düzenle") + round;
            repo.saveDetails(d.id(), content("INC-E" + (round % 5), victim, round % 3 == 0 ? null : "Abner Orrick"), "1234", null);
            assertEquals(List.of(d.id()), found(true, victim), "round " + round);
        }
        assertSameAsSql("edit", "düzenle", "duzenle 39", "orrick", "tamsin", "inc e", "e4", "40", "1");
        assertEquals(List.of(), found(true, "edit2"), "no case is found by a name it no longer has");
        assertEquals(List.of(), found(true, "duzenle35"));
        assertEquals(List.of(drafts.get(4).id()), found(true, "duzenle39"));
    }

    @Test
    void aPurgedCaseIsNoLongerFoundByTheNamesItLost() {
        Revision r = service.submitNew(content("INC-9", "Honora Quillmere", "Fenwick Orrholt"), "1234");
        if (repo.find(r.assessmentId()).orElseThrow().state() == AssessmentState.AWAITING_SIGN_OFF) {
            repo.transition(r.assessmentId(), LifecycleEvent.SIGN_OFF, "5678", null);
        }
        new OutboxStore(database).recordReceipts(List.of(new Receipt(r.assessmentId(), r.revisionId(), r.contentHash(), 3, clock.instant())));
        assertEquals(List.of(r.assessmentId()), found(false, "quillmere"), "found before");
        clock.advance(Duration.ofDays(8));
        assertEquals(1, new RetentionSweep(database, clock).purgeDue(7, "retention"));
        assertEquals(List.of(), found(false, "quillmere"), "the names went with the content");
        assertEquals(List.of(), found(false, "orrholt"));
        assertEquals(List.of(r.assessmentId()), found(false, "inc-9"), "the reference stays findable");
    }

    private static List<UUID> ids(org.dashdesk.assessment.SummaryPage page) {
        return page.rows().stream().map(AssessmentSummary::id).toList();
    }
}
