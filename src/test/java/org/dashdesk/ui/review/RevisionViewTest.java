package org.dashdesk.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.stage.Stage;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.ProfessionalJudgement;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.ui.common.Appearance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What a supervisor, CRU and the officer's own record read about a submitted assessment (issue
 * 11): criteria in the policy's words, never codes, and an incomplete assessment flagged above
 * everything else. Synthetic data only.
 */
@ExtendWith(ApplicationExtension.class)
class RevisionViewTest {

    private static final PackRegistry PACKS = PackRegistry.builtIn();
    private static final GradingEngine ENGINE = new GradingEngine(PACKS, GradingPolicy.builtInDefault());
    /** An enum or setting key: "VISIBLE_HIGH_RISK", "central.endpoint". */
    private static final Pattern CODE = Pattern.compile("\\b[A-Z]{2,}(_[A-Z0-9]+)+\\b|\\b[a-z]{3,}\\.[a-z]{3,}\\b");

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private static Revision revision(AssessmentContent content) {
        return Revision.freeze(UUID.randomUUID(), UUID.randomUUID(), null, 1, null, Instant.parse("2026-11-23T02:14:05Z"), "4471",
                content, ENGINE.grade(content.gradingInput()));
    }

    private static AssessmentContent sheet(int yes, int no, String notAsked, Boolean children) {
        AssessmentContent c = AssessmentContent.start("dash-2009", "2009.1", Channel.AT_SCENE, new Officer("4471", "PC Synthetic"), null)
                .withPeople(new People("Victim Synthetic", List.of("Abuser Synthetic"), List.of(), children));
        for (int i = 1; i <= 27; i++) {
            if (i <= yes) {
                c = c.withAnswer(Answer.choice("Q" + i, Choice.YES));
            } else if (i <= yes + no) {
                c = c.withAnswer(Answer.choice("Q" + i, Choice.NO));
            } else if (notAsked != null) {
                c = c.withAnswer(Answer.notAsked("Q" + i, notAsked));
            }
        }
        return c;
    }

    private List<String> show(FxRobot robot, Revision r) {
        robot.interact(() -> {
            Scene scene = new Scene(new ScrollPane(new RevisionView(r, PACKS)), 1000, 700);
            new Appearance().apply(scene);
            stage.setScene(scene);
            stage.show();
        });
        return robot.lookup(".label").queryAll().stream().map(n -> ((Label) n).getText()).filter(t -> t != null && !t.isBlank()).toList();
    }

    @Test
    void criteriaAreInThePolicysWordsAndNoLabelShowsACode(FxRobot robot) {
        List<String> labels = show(robot, revision(sheet(15, 12, null, true)));
        assertTrue(labels.contains("Criteria met: 14+ yes answers (visible high risk)"), labels::toString);
        List<String> codes = labels.stream().filter(t -> CODE.matcher(t).find()).toList();
        assertEquals(List.of(), codes, "no enum or setting key on screen");
        assertTrue(robot.lookup("#completeness-flag").tryQuery().isEmpty(), "a complete sheet carries no flag");
    }

    @Test
    void anAssessmentWithQuestionsNotAskedIsFlaggedAndItsKeptStandardSaysSo(FxRobot robot) {
        AssessmentContent c = sheet(2, 11, "ended_early", false)
                .withJudgement(new ProfessionalJudgement(RiskLevel.STANDARD, "Synthetic: abuser left, victim with family"));
        List<String> labels = show(robot, revision(c));
        assertTrue(labels.contains("Incomplete: 14 of 23 not asked: Assessment ended early"), labels::toString);
        assertTrue(labels.contains("Kept at Standard: Synthetic: abuser left, victim with family"), labels::toString);
        assertTrue(labels.stream().anyMatch(t -> t.equals("Not asked: Assessment ended early")), "each question says so");
        assertEquals(9, labels.stream().filter(t -> t.equals("Information from: the victim")).count(),
                "only the questions asked (Q1–Q8, Q13; no children) say where the answer came from");
    }

    @Test
    void aSheetThatArrivedWithGapsIsFlaggedAsNotAnswered(FxRobot robot) {
        List<String> labels = show(robot, revision(sheet(3, 20, null, true)));
        assertTrue(labels.contains("Incomplete: 4 of 27 not answered (Q24, Q25, Q26, Q27)"), labels::toString);
        assertFalse(labels.stream().anyMatch(t -> t.contains("not asked")), labels::toString);
    }
}
