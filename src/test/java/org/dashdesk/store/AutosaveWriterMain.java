package org.dashdesk.store;

import java.nio.file.Path;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.grading.Choice;
import org.dashdesk.security.FileKeyProvider;

/**
 * Child process for {@link KilledMidEntryTest}: saves answers one by one, as the wizard does, and
 * prints each one only after saveAnswer has returned (committed), until it is killed.
 */
public final class AutosaveWriterMain {

    private AutosaveWriterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        H2AssessmentRepository repo = H2AssessmentRepository.open(Path.of(args[0]), new FileKeyProvider());
        UUID id = repo.createDraft(StoreFixtures.start(), "1234").id();
        System.out.println("draft " + id);
        System.out.flush();
        for (long n = 1; ; n++) {
            String q = "Q" + ((n - 1) % 27 + 1);
            repo.saveAnswer(id, Answer.choice(q, n % 2 == 0 ? Choice.YES : Choice.NO).withComment("note " + n), q, "1234");
            System.out.println("saved " + q + " " + n);
            System.out.flush();
            Thread.sleep(1);
        }
    }
}
