package org.dashdesk.store;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.PhoneIn;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.security.KeyProvider;
import org.dashdesk.ui.common.MutableClock;

/**
 * Fills a laptop store with synthetic assessments through the real repository and service (the
 * same writes as the wizard and {@code import}), for the list tests, the scale benchmark and the
 * screenshots. Names are invented from syllables, never real people. Assessment {@code i} is
 * about "victim i" and has the incident reference {@code INC-} + six digits of {@code i}; one in
 * 25 is left a draft, one in 3 of the rest is marked as held centrally; they are spread one
 * hour apart, the last at {@code end}.
 */
public final class SyntheticStore {

    private static final String[] FIRST = {"Ottoline", "Peregrine", "Zephyrine", "Crispin", "Ismay", "Tobiah", "Marisol", "Evander", "Linnea",
        "Caspian", "Honora", "Fenwick", "Aurelie", "Barnaby", "Sidony", "Quillon"};
    private static final String[] SYLLABLE = {"Fern", "Ash", "Quill", "Iron", "Marl", "Brack", "Thorn", "Wex", "Haw", "Lind", "Orr", "Pell"};
    private static final String[] ENDING = {"sby", "combe", "feather", "wick", "ow", "ridge", "stead", "holt", "ley", "worth", "mere", "thwaite"};

    private SyntheticStore() {
    }

    /** The invented victim's name of assessment {@code i} (stable for a given i). */
    public static String victim(int i) {
        return FIRST[i % FIRST.length] + " " + surname(i * 7 + 3);
    }

    public static String abuser(int i) {
        return FIRST[(i + 5) % FIRST.length] + " " + surname(i * 13 + 1);
    }

    public static String reference(int i) {
        return String.format("INC-%06d", i);
    }

    private static String surname(int k) {
        return SYLLABLE[k % SYLLABLE.length] + ENDING[(k / SYLLABLE.length) % ENDING.length];
    }

    /** Adds {@code n} assessments to the store in {@code dir}, in commits of 100; returns how many are drafts. */
    public static int seed(Path dir, KeyProvider keys, int n, Instant end) {
        MutableClock clock = new MutableClock(end.minus(Duration.ofHours(n)), ZoneOffset.UTC);
        int drafts = 0;
        try (Database database = Database.open(dir, keys)) {
            H2AssessmentRepository repo = new H2AssessmentRepository(database, clock);
            AssessmentService service = StoreFixtures.dash2009(repo, clock);
            OutboxStore outbox = new OutboxStore(database);
            Random random = new Random(17);
            for (int from = 0; from < n; from += 100) {
                int to = Math.min(n, from + 100);
                List<Receipt> held = new ArrayList<>();
                int[] batchDrafts = {0};
                int start = from;
                repo.inOneCommit(() -> {
                    for (int i = start; i < to; i++) {
                        clock.advance(Duration.ofHours(1));
                        AssessmentContent content = content(i, random);
                        if (i % 25 == 24) {
                            repo.createDraft(content, "1234");
                            batchDrafts[0]++;
                            continue;
                        }
                        Revision r = service.submitNew(content, "1234");
                        if (i % 3 == 0) {
                            held.add(new Receipt(r.assessmentId(), r.revisionId(), r.contentHash(), i + 1, clock.instant()));
                        }
                    }
                });
                drafts += batchDrafts[0];
                if (!held.isEmpty()) {
                    outbox.recordReceipts(held);
                }
            }
        }
        return drafts;
    }

    private static AssessmentContent content(int i, Random random) {
        Channel channel = i % 4 == 1 ? Channel.PHONE_IN : Channel.AT_SCENE;
        Officer officer = new Officer("1234", "PC Synthetic Officer");
        AssessmentContent c = AssessmentContent.start("dash-2009", "2009.1", channel, officer,
                channel == Channel.PHONE_IN ? new PhoneIn(new Officer("IMU9", "Synthetic Recorder"), "1234", "CALL-" + i, true) : null);
        // A spread of levels: mostly standard, some medium, a few high.
        int yes = i % 10 == 0 ? 15 : i % 4 == 0 ? 11 : random.nextInt(6);
        for (int q = 1; q <= 27; q++) {
            Choice choice = q <= yes ? Choice.YES : random.nextInt(5) == 0 ? Choice.DONT_KNOW : Choice.NO;
            c = c.withAnswer(Answer.choice("Q" + q, choice));
        }
        return c.withPeople(new People(victim(i), List.of(abuser(i)), List.of(), false))
                .withIncident(new Incident(LocalDateTime.of(2026, 11, 1, 2, 10), "Kitchen", "District " + (i % 12), reference(i), 0, null));
    }
}
