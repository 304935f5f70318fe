package org.dashdesk.server;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.UUID;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;

/** Synthetic revisions, graded by the real engine, for server and sync tests. */
public final class TestRevisions {

    public static final PackRegistry PACKS = PackRegistry.builtIn();
    public static final GradingEngine ENGINE = new GradingEngine(PACKS, GradingPolicy.builtInDefault());

    private TestRevisions() {
    }

    /** Content with {@code yes} checklist questions answered Yes (14+ grades high). */
    public static AssessmentContent content(int yes) {
        String version = PACKS.require("dash-2009").version();
        AssessmentContent c = AssessmentContent.start("dash-2009", version, Channel.AT_SCENE, new Officer("1234", "PC Synthetic"), null)
                .withPeople(new People("Victim Synthetic", List.of("Abuser Synthetic"), List.of(), false))
                .withIncident(new Incident(LocalDateTime.of(2026, 11, 20, 2, 10), "Home", "Maidstone", "INC-" + yes, 0,
                        (LocalDate) null));
        for (int i = 1; i <= yes; i++) {
            c = c.withAnswer(Answer.choice("Q" + i, Choice.YES));
        }
        return c;
    }

    public static Revision first(UUID assessmentId, int yes) {
        AssessmentContent c = content(yes);
        return Revision.freeze(assessmentId, UUID.randomUUID(), null, 1, null, Instant.parse("2026-11-20T03:00:00Z"), "1234", c,
                ENGINE.grade(c.gradingInput()));
    }

    public static Revision next(Revision base, int yes) {
        AssessmentContent c = content(yes);
        return Revision.freeze(base.assessmentId(), UUID.randomUUID(), base.revisionId(), base.revisionNumber() + 1, "amended",
                base.createdAt().plusSeconds(60), "1234", c, ENGINE.grade(c.gradingInput()));
    }
}
