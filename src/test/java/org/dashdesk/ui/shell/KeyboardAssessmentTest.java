package org.dashdesk.ui.shell;

import static org.dashdesk.ui.shell.DeskFixture.focusOwner;
import static org.dashdesk.ui.shell.DeskFixture.id;
import static org.dashdesk.ui.shell.DeskFixture.tabUntil;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentRepository;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.AssessmentSummary;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.PhoneIn;
import org.dashdesk.assessment.Referral;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.ui.StoreServices;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.security.Role;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.ui.wizard.WizardViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.testfx.util.WaitForAsyncUtils;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The real window over a real H2 store, driven by the keyboard only. All data is synthetic. */
@ExtendWith(ApplicationExtension.class)
class KeyboardAssessmentTest {

    @TempDir
    Path dir;
    private Stage stage;
    private DeskFixture desk;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void tearDown() throws Exception {
        if (desk != null) {
            desk.close();
        }
    }

    private DeskFixture openDesk() throws Exception {
        desk = new DeskFixture(dir, stage);
        desk.open();
        return desk;
    }

    private void openOfficerDesk(FxRobot robot) throws Exception {
        desk = new DeskFixture(dir, stage).configured().enrolled("pc4471", "PC Test Example", "4471", Role.OFFICER);
        desk.open();
        desk.signIn(robot, "pc4471");
    }

    private void answer(FxRobot robot, String expectedQuestion, KeyCode key) throws Exception {
        desk.settle();
        Node f = focusOwner(robot);
        assertTrue(f.getAccessibleText() != null && f.getAccessibleText().startsWith("Question " + expectedQuestion + ":"),
                "expected focus on " + expectedQuestion + " but it is on " + f + " / " + f.getAccessibleText());
        robot.type(key);
    }

    private static AssessmentContent storedDraft(AppServices s, UUID id) {
        return s.service().repository().find(id).orElseThrow().content();
    }

    @Test
    void aWholeAssessmentByKeyboardOnlyIsStoredInH2(FxRobot robot) throws Exception {
        openDesk();
        // First run: the setup screen (settings file), then "Set up this laptop" (first user), all by keyboard.
        assertNotNull(robot.lookup("#first-run-setup").tryQuery().orElse(null), "first run shows the setup");
        assertEquals(dir.toString(), robot.lookup("#setup-data").queryTextInputControl().getText(), "data folder defaults");
        tabUntil(robot, id("setup-save"), "Save and continue");
        robot.type(KeyCode.SPACE);
        desk.settle();
        assertTrue(java.nio.file.Files.exists(dir.resolve("dashdesk.properties")), "setup wrote the user's settings file");
        assertNotNull(robot.lookup("#enrol").tryQuery().orElse(null), "no user yet: set up this laptop");
        assertEquals("enrol-name", focusOwner(robot).getId());
        robot.write("PC Test Example");
        robot.type(KeyCode.TAB).write("pc4471");
        robot.type(KeyCode.TAB).write("4471");
        robot.type(KeyCode.TAB);
        assertEquals("enrol-role-officer", focusOwner(robot).getId(), "roles are reached by Tab, no drop-down");
        robot.type(KeyCode.SPACE);
        tabUntil(robot, id("enrol-team"), "team");
        robot.write("Team North");
        robot.type(KeyCode.TAB).write(DeskFixture.PASSWORD);
        robot.type(KeyCode.TAB).write("not the same password");
        desk.settle();
        assertEquals("The two passwords are not the same.", robot.lookup("#enrol-problem").queryLabeled().getText());
        robot.press(KeyCode.CONTROL, KeyCode.A).release(KeyCode.A, KeyCode.CONTROL).write(DeskFixture.PASSWORD);
        robot.type(KeyCode.ENTER);
        desk.settle();
        assertNotNull(desk.services(), "the laptop is set up and the store open: " + desk.shell.enrol().messageProperty().get());
        SessionManager keyring = SessionManager.open(dir, DeskFixture.POLICY, desk.clock);
        UserAccount enrolled = keyring.enrolledAccounts().get(0);
        assertEquals(new UserAccount("pc4471", "PC Test Example", "4471", Set.of(Role.OFFICER), "Team North"), enrolled,
                "the first user is in the keyring with the role chosen");
        assertEquals("DASH Desk", stage.getTitle());

        // Issue 11's figure: keystrokes and seconds for the whole assessment, from the home screen to submitted.
        java.util.concurrent.atomic.AtomicInteger keystrokes = new java.util.concurrent.atomic.AtomicInteger();
        javafx.event.EventHandler<javafx.scene.input.KeyEvent> countKeys = e -> {
            if (!e.getCode().isModifierKey()) {
                keystrokes.incrementAndGet();
            }
        };
        robot.interact(() -> stage.getScene().addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, countKeys));
        long assessmentStarted = System.nanoTime();
        tabUntil(robot, id("new-at-scene"), "New assessment — at scene");
        robot.type(KeyCode.SPACE);
        desk.settle();
        WizardViewModel wizard = desk.shell.wizardProperty().get();
        assertNotNull(wizard);
        UUID id = wizard.assessmentId();

        // Incident and people, in tab order.
        tabUntil(robot, id("incident-reference"), "incident reference");
        robot.write("KNT-20261123-0117");
        robot.type(KeyCode.TAB).write("23/11/2026");
        tabUntil(robot, id("incident-time"), "incident time");
        robot.write("01:50");
        robot.type(KeyCode.TAB).write("Flat 2, 10 Example Road");
        robot.type(KeyCode.TAB).write("Maidstone");
        robot.type(KeyCode.TAB).write("3");
        tabUntil(robot, id("victim-name"), "victim name");
        robot.write("Sam Synthetic");
        robot.type(KeyCode.TAB).write("Alex Sample");
        tabUntil(robot, id("children-yes"), "children yes");
        robot.type(KeyCode.SPACE);
        tabUntil(robot, id("dependants"), "dependants");
        robot.write("Child One, 6, daughter");
        robot.type(KeyCode.PAGE_DOWN);
        desk.settle();
        assertTrue(robot.lookup("Does Alex Sample constantly text, call, contact, follow, stalk or harass you?").tryQuery().isPresent(),
                "the abuser's name fills the placeholder");

        // Current situation Q1–Q8: Y N Y N Y N Y Y (Q8 yes offers S-DASH).
        String[] q = {"Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7", "Q8"};
        KeyCode[] k = {KeyCode.Y, KeyCode.N, KeyCode.Y, KeyCode.N, KeyCode.Y, KeyCode.N, KeyCode.Y, KeyCode.Y};
        for (int i = 0; i < q.length; i++) {
            answer(robot, q[i], k[i]);
        }
        // Children Q9–Q12, history Q13–Q21, abuser Q22–Q27: Yes except Don't know for Q20 and No for Q21–Q23.
        for (int n = 9; n <= 27; n++) {
            KeyCode key = n == 20 ? KeyCode.D : n >= 21 && n <= 23 ? KeyCode.N : KeyCode.Y;
            answer(robot, "Q" + n, key);
        }
        // S-DASH S1–S11 follow the abuser section because Q8 was yes.
        for (int n = 1; n <= 11; n++) {
            answer(robot, "S" + n, n % 2 == 0 ? KeyCode.Y : KeyCode.N);
        }
        answer(robot, "O1", KeyCode.DOWN);
        answer(robot, "O2", KeyCode.Y);
        robot.type(KeyCode.PAGE_DOWN);
        desk.settle();
        assertEquals("grading", wizard.currentPageProperty().get().id());
        assertEquals(20, wizard.yesCountProperty().get());
        assertEquals("High", wizard.levelLabelProperty().get());

        // Referrals: MARAC, IDVA and children's services made; DVPN not made, with the reason.
        for (String r : List.of("marac", "idva", "childrens_services")) {
            tabUntil(robot, id("referral-" + r + "-made"), r + " made");
            robot.type(KeyCode.SPACE);
        }
        tabUntil(robot, id("referral-dvpn-not-made"), "DVPN not made");
        robot.type(KeyCode.SPACE);
        robot.type(KeyCode.TAB);
        assertEquals("referral-dvpn-reason", focusOwner(robot).getId());
        robot.write("Suspect in custody; consider on release");
        robot.type(KeyCode.PAGE_DOWN);
        desk.settle();
        assertEquals("review", wizard.currentPageProperty().get().id());
        assertTrue(wizard.reviewItems().stream().anyMatch(i -> "Q20".equals(i.questionId()) && i.message().equals(
                "Q20: " + wizard.question("Q20").orElseThrow().displayTextProperty().get() + " — answered Don't know.")));
        assertTrue(wizard.reviewItems().stream().noneMatch(i -> i.blocking()), () -> wizard.reviewItems().toString());

        // Before submitting: the draft in H2 already holds every answer (autosave).
        AssessmentContent draft = storedDraft(desk.services(), id);
        assertEquals(Choice.DONT_KNOW, draft.answer("Q20").choice());
        assertEquals(Choice.YES, draft.answer("S2").choice());
        assertEquals("Suspect in custody; consider on release", draft.referrals().get(Referral.DVPN).reason());

        tabUntil(robot, id("submit"), "Submit");
        robot.type(KeyCode.SPACE);
        desk.settle();
        robot.interact(() -> stage.getScene().removeEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, countKeys));
        System.out.printf(java.util.Locale.ROOT, "KeyboardAssessmentTest figure: one at-scene assessment (DASH + S-DASH, 4 referrals),"
                + " keyboard only: %d keystrokes, %.1f s by the TestFX robot%n", keystrokes.get(), (System.nanoTime() - assessmentStarted) / 1e9);
        assertNull(desk.shell.wizardProperty().get(), "back on the home screen after submitting");

        // Reopen the store from disk and read what was really stored.
        desk.close();
        SessionManager again = SessionManager.open(dir, DeskFixture.POLICY, desk.clock);
        again.signIn("pc4471", DeskFixture.PASSWORD.toCharArray());
        try (AssessmentRepository repo = StoreServices.open(dir, again.keyProvider()).service().repository()) {
            Assessment stored = repo.find(id).orElseThrow();
            assertEquals(AssessmentState.REFERRED, stored.state());
            List<Revision> revisions = repo.revisions(id);
            assertEquals(1, revisions.size());
            Revision r = revisions.get(0);
            assertTrue(r.verify(), "revision hash verifies");
            assertEquals(RiskLevel.HIGH, r.grading().level());
            assertEquals(20, r.grading().yesCount());
            AssessmentContent c = r.content();
            assertEquals(Channel.AT_SCENE, c.channel());
            assertEquals(new Officer("4471", "PC Test Example"), c.officer());
            assertEquals("KNT-20261123-0117", c.incident().incidentReference());
            assertEquals(LocalDateTime.of(2026, 11, 23, 1, 50), c.incident().occurredAt());
            assertEquals("Maidstone", c.incident().district());
            assertEquals(3, c.incident().policeCalloutsLast12Months());
            assertEquals("Sam Synthetic", c.people().victimName());
            assertEquals(List.of("Alex Sample"), c.people().abuserNames());
            assertEquals(Boolean.TRUE, c.people().childrenOrDependants());
            assertEquals("Child One", c.people().dependants().get(0).name());
            for (int n = 1; n <= 27; n++) {
                Choice expected = n == 20 ? Choice.DONT_KNOW
                        : (n >= 21 && n <= 23) || n == 2 || n == 4 || n == 6 ? Choice.NO : Choice.YES;
                assertEquals(expected, c.answer("Q" + n).choice(), "Q" + n);
            }
            assertEquals(Choice.YES, c.answer("O2").choice());
            assertEquals(11, c.answers().keySet().stream().filter(a -> a.startsWith("S")).count());
            assertTrue(c.referrals().get(Referral.MARAC).chosen());
            assertTrue(c.referrals().get(Referral.IDVA).chosen());
            assertTrue(c.referrals().get(Referral.CHILDRENS_SERVICES).chosen());
            assertFalse(c.referrals().get(Referral.DVPN).chosen());
            assertTrue(repo.drafts().isEmpty());
            List<AssessmentSummary> submitted = repo.submitted();
            assertEquals(1, submitted.size());
            assertEquals("KNT-20261123-0117", submitted.get(0).incidentReference());
        }
        desk = null;
    }

    @Test
    void anAbandonedDraftReopensAfterARestartAtTheSameQuestion(FxRobot robot) throws Exception {
        openOfficerDesk(robot);
        tabUntil(robot, id("new-at-scene"), "New assessment — at scene");
        robot.type(KeyCode.SPACE);
        desk.settle();
        UUID id = desk.shell.wizardProperty().get().assessmentId();
        tabUntil(robot, id("incident-reference"), "incident reference");
        robot.write("KNT-ABANDONED-1");
        tabUntil(robot, id("abuser-names"), "abuser");
        robot.write("Alex Sample");
        robot.type(KeyCode.PAGE_DOWN);
        for (String q : List.of("Q1", "Q2", "Q3", "Q4", "Q5")) {
            answer(robot, q, q.equals("Q3") ? KeyCode.D : KeyCode.Y);
        }
        desk.settle();
        assertTrue(desk.shell.wizardProperty().get() != null);

        desk.restart();
        desk.signIn(robot, "pc4471");
        WizardViewModel again = desk.shell.wizardProperty().get();
        assertNotNull(again, "the draft that was open reopens by itself");
        assertEquals(id, again.assessmentId());
        desk.settle();
        // Focus is placed once the page is laid out; give a loaded machine time to get there.
        try {
            WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
                Node owner = focusOwner(robot);
                return owner != null && owner.getAccessibleText() != null && owner.getAccessibleText().startsWith("Question Q6:");
            });
        } catch (java.util.concurrent.TimeoutException e) {
            Node f = focusOwner(robot);
            throw new AssertionError("focus back on Q6, got " + (f == null ? null : f + " / " + f.getAccessibleText()));
        }
        ToggleButton q5yes = (ToggleButton) robot.lookup(n -> "Q5 Yes".equals(n.getAccessibleText())).query();
        assertTrue(q5yes.isSelected());
        ToggleButton q3dk = (ToggleButton) robot.lookup(n -> "Q3 Don't know".equals(n.getAccessibleText())).query();
        assertTrue(q3dk.isSelected());
        assertEquals("KNT-ABANDONED-1", again.content().incident().incidentReference());
        assertEquals(Choice.DONT_KNOW, again.content().answer("Q3").choice());
        assertEquals(4, again.yesCountProperty().get());
        // The list shows the draft by reference and completeness, without names. Back to it by keyboard:
        // Alt+Left, with nothing to confirm because every answer is saved.
        robot.type(KeyCode.ESCAPE);
        robot.press(KeyCode.ALT, KeyCode.LEFT).release(KeyCode.LEFT, KeyCode.ALT);
        desk.settle();
        assertNull(desk.shell.wizardProperty().get(), "Alt+Left leaves the wizard");
        assertEquals(ShellViewModel.Screen.HOME, desk.shell.screenProperty().get());
        List<AssessmentSummary> drafts = desk.shell.drafts();
        assertEquals(1, drafts.size());
        assertEquals("KNT-ABANDONED-1", drafts.get(0).incidentReference());
        assertTrue(robot.lookup(n -> n instanceof javafx.scene.text.Text t && t.getText() != null
                && t.getText().contains("Alex Sample") && n.isVisible()).tryQuery().isEmpty(), "no names on the home screen");
    }

    @Test
    void thePrivacyKeyBlanksTheWindowUntilADeliberateAction(FxRobot robot) throws Exception {
        openOfficerDesk(robot);
        tabUntil(robot, id("new-at-scene"), "New assessment — at scene");
        robot.type(KeyCode.SPACE);
        desk.settle();
        tabUntil(robot, id("victim-name"), "victim name");
        robot.write("Sam Synthetic");
        assertTrue(visibleText(robot, "Sam Synthetic"));

        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.H).release(KeyCode.H, KeyCode.SHIFT, KeyCode.CONTROL);
        desk.settle();
        assertTrue(robot.lookup("#curtain").query().isVisible());
        assertFalse(visibleText(robot, "Sam Synthetic"), "nothing of the assessment is visible");
        assertEquals("DASH Desk", stage.getTitle());
        assertEquals("Sam Synthetic", storedDraft(desk.services(), desk.shell.wizardProperty().get().assessmentId()).people().victimName(),
                "hiding saved what was typed");

        // Stray keys, including the privacy key again, do not bring it back.
        robot.type(KeyCode.Y).type(KeyCode.ESCAPE).type(KeyCode.TAB);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.H).release(KeyCode.H, KeyCode.SHIFT, KeyCode.CONTROL);
        desk.settle();
        assertTrue(robot.lookup("#curtain").query().isVisible());
        assertFalse(visibleText(robot, "Sam Synthetic"));

        // The curtain says nothing about what is under it: no app name, no DASH, nothing but "Continue".
        List<String> words = robot.lookup(n -> n instanceof javafx.scene.control.Labeled && showing(n)).queryAll().stream()
                .map(n -> ((javafx.scene.control.Labeled) n).getText()).toList();
        assertEquals(List.of("Continue"), words, "the only words on the curtain");
        Node reveal = robot.lookup("#reveal").query();
        assertEquals("Continue", reveal.getAccessibleText());
        assertFalse(reveal.getAccessibleText().toUpperCase(java.util.Locale.ROOT).contains("DASH"));

        // Focus is on the blank, not on "Continue": Space or Enter alone do not show the window.
        assertFalse("reveal".equals(focusOwner(robot).getId()), "Continue is not focused by itself");
        robot.type(KeyCode.SPACE).type(KeyCode.ENTER);
        desk.settle();
        assertTrue(robot.lookup("#curtain").query().isVisible(), "Space and Enter alone do not reveal");
        assertFalse(visibleText(robot, "Sam Synthetic"));

        // The deliberate keyboard route: Tab to "Continue", then Space.
        tabUntil(robot, id("reveal"), "Continue");
        robot.type(KeyCode.SPACE);
        desk.settle();
        assertFalse(robot.lookup("#curtain").query().isVisible());
        assertTrue(visibleText(robot, "Sam Synthetic"));
        assertEquals("victim-name", focusOwner(robot).getId(), "back where the user was");
    }

    @Test
    void thePrivacyKeyWorksFromAnOpenCalendarAndATextArea(FxRobot robot) throws Exception {
        openOfficerDesk(robot);
        tabUntil(robot, id("new-at-scene"), "New assessment — at scene");
        robot.type(KeyCode.SPACE);
        desk.settle();
        tabUntil(robot, n -> isInside(n, "incident-date"), "incident date");
        // F4 opens the date picker's calendar, a popup window of its own.
        robot.type(KeyCode.F4);
        desk.settle();
        javafx.scene.control.DatePicker date = robot.lookup("#incident-date").queryAs(javafx.scene.control.DatePicker.class);
        assertTrue(date.isShowing(), "the calendar is open");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.H).release(KeyCode.H, KeyCode.SHIFT, KeyCode.CONTROL);
        desk.settle();
        assertTrue(robot.lookup("#curtain").query().isVisible(), "hidden from inside the calendar");
        assertFalse(date.isShowing(), "the calendar does not stay open above the curtain");
        robot.clickOn("#reveal");
        desk.settle();
        assertFalse(robot.lookup("#curtain").query().isVisible(), "a click on Continue shows the window");

        tabUntil(robot, id("children-yes"), "children yes");
        robot.type(KeyCode.SPACE);
        tabUntil(robot, id("dependants"), "dependants");
        robot.write("Child One, 6, daughter");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.H).release(KeyCode.H, KeyCode.SHIFT, KeyCode.CONTROL);
        desk.settle();
        assertTrue(robot.lookup("#curtain").query().isVisible(), "hidden from inside a text area");
        assertFalse(visibleText(robot, "Child One, 6, daughter"));
    }

    @Test
    void everyWizardControlIsReachedByTabAndASupplementOpensByKeyboard(FxRobot robot) throws Exception {
        openOfficerDesk(robot);
        tabUntil(robot, id("new-at-scene"), "New assessment — at scene");
        robot.type(KeyCode.SPACE);
        desk.settle();
        WizardViewModel wizard = desk.shell.wizardProperty().get();
        robot.type(KeyCode.PAGE_DOWN);
        desk.settle();
        assertEquals("dash-2009/current_situation", wizard.currentPageProperty().get().id());
        // Every control of the wizard and the status bar is reached by Tab (they come after the page).
        List<String> order = new java.util.ArrayList<>();
        for (String wanted : List.of("previous-section", "next-section", "open-h-dash", "open-s-dash", "page-list", "wizard-home",
                "sync-now", "lock-now", "sign-out")) {
            tabUntil(robot, id(wanted), wanted);
            order.add(wanted);
        }
        assertEquals(9, order.size());
        assertNotNull(((javafx.scene.control.Control) robot.lookup("#lock-now").query()).getTooltip(), "the key is in the tooltip");

        // Shift+Tab goes back the same way: Sign out, Lock, Sync now, "← Assessments", the section list.
        for (String wanted : List.of("lock-now", "sync-now", "wizard-home", "page-list")) {
            robot.press(KeyCode.SHIFT, KeyCode.TAB).release(KeyCode.TAB, KeyCode.SHIFT);
            desk.settle();
            assertEquals(wanted, focusOwner(robot).getId(), "Shift+Tab order");
        }
        // The section list: arrows show a section while focus stays in the list, Enter goes into it.
        robot.type(KeyCode.DOWN);
        desk.settle();
        assertEquals("dash-2009/children_dependants", wizard.currentPageProperty().get().id());
        assertEquals("page-list", focusOwner(robot).getId(), "focus stays in the list");
        robot.type(KeyCode.ENTER);
        desk.settle();
        assertTrue(focusOwner(robot).getAccessibleText().startsWith("Question Q9:"), "Enter goes to the section's first question");

        // S-DASH opened by hand, by keyboard: Q8 is not answered yes, so it is not offered.
        tabUntil(robot, id("open-s-dash"), "Open S-DASH");
        robot.type(KeyCode.SPACE);
        desk.settle();
        assertEquals("s-dash/stalking_harassment", wizard.currentPageProperty().get().id());
        answer(robot, "S1", KeyCode.Y);
        desk.settle();
        assertEquals(Choice.YES, storedDraft(desk.services(), wizard.assessmentId()).answer("S1").choice());

        // PageUp goes back a section (the abuser section comes before the supplements).
        robot.type(KeyCode.PAGE_UP);
        desk.settle();
        assertEquals("dash-2009/abuser", wizard.currentPageProperty().get().id());
        robot.type(KeyCode.PAGE_UP);
        desk.settle();
        assertEquals("dash-2009/domestic_violence_history", wizard.currentPageProperty().get().id());

        // Ctrl+L locks.
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        desk.settle();
        assertTrue(desk.shell.lockedProperty().get(), "Ctrl+L locks");
    }

    @Test
    void ctrlPlusAndMinusChangeTheTextSize(FxRobot robot) throws Exception {
        openOfficerDesk(robot);
        double start = desk.shell.appearance().fontSizeProperty().get();
        robot.press(KeyCode.CONTROL, KeyCode.PLUS).release(KeyCode.PLUS, KeyCode.CONTROL);
        desk.settle();
        assertEquals(start + 2, desk.shell.appearance().fontSizeProperty().get(), 0.01);
        robot.press(KeyCode.CONTROL, KeyCode.EQUALS).release(KeyCode.EQUALS, KeyCode.CONTROL);
        desk.settle();
        assertEquals(start + 4, desk.shell.appearance().fontSizeProperty().get(), 0.01, "Ctrl+= as well (plus without Shift)");
        assertEquals("-fx-font-size: " + (int) (start + 4) + "px;", stage.getScene().getRoot().getStyle(), "the window's text grows");
        robot.press(KeyCode.CONTROL, KeyCode.MINUS).release(KeyCode.MINUS, KeyCode.CONTROL);
        desk.settle();
        assertEquals(start + 2, desk.shell.appearance().fontSizeProperty().get(), 0.01);
        robot.press(KeyCode.CONTROL, KeyCode.DIGIT0).release(KeyCode.DIGIT0, KeyCode.CONTROL);
        desk.settle();
        assertEquals(org.dashdesk.ui.common.Appearance.DEFAULT_FONT, desk.shell.appearance().fontSizeProperty().get(), 0.01);
    }

    @Test
    void aStandardRiskAssessmentSubmittedByKeyboardAwaitsSignOff(FxRobot robot) throws Exception {
        openOfficerDesk(robot);
        tabUntil(robot, id("new-at-scene"), "New assessment — at scene");
        robot.type(KeyCode.SPACE);
        desk.settle();
        WizardViewModel wizard = desk.shell.wizardProperty().get();
        UUID id = wizard.assessmentId();
        tabUntil(robot, id("incident-reference"), "incident reference");
        robot.write("KNT-STANDARD-3");
        tabUntil(robot, id("victim-name"), "victim's name");
        robot.write("Victim Synthetic");
        tabUntil(robot, id("children-no"), "children no");
        robot.type(KeyCode.SPACE);
        robot.type(KeyCode.PAGE_DOWN);
        // Two yes answers of the current situation, the rest no: standard. Every DASH question is
        // answered (issue 11); with no children, Q8's answer moves straight on to Q13.
        for (int n = 1; n <= 27; n++) {
            if (n < 9 || n > 12) {
                answer(robot, "Q" + n, n <= 2 ? KeyCode.Y : KeyCode.N);
            }
        }
        while (!"grading".equals(wizard.currentPageProperty().get().id())) {
            robot.type(KeyCode.PAGE_DOWN);
            desk.settle();
        }
        assertEquals("Standard", wizard.levelLabelProperty().get());
        tabUntil(robot, id("referral-dvpn-not-made"), "DVPN not made");
        robot.type(KeyCode.SPACE);
        robot.type(KeyCode.TAB).write("No violence or threats reported");
        robot.type(KeyCode.PAGE_DOWN);
        desk.settle();
        assertEquals("review", wizard.currentPageProperty().get().id());
        assertTrue(wizard.reviewItems().stream().noneMatch(i -> i.blocking()), () -> wizard.reviewItems().toString());
        tabUntil(robot, id("submit"), "Submit");
        robot.type(KeyCode.SPACE);
        desk.settle();
        assertNull(desk.shell.wizardProperty().get(), "back on the home screen after submitting");

        desk.close();
        SessionManager again = SessionManager.open(dir, DeskFixture.POLICY, desk.clock);
        again.signIn("pc4471", DeskFixture.PASSWORD.toCharArray());
        try (AssessmentRepository repo = StoreServices.open(dir, again.keyProvider()).service().repository()) {
            Assessment stored = repo.find(id).orElseThrow();
            assertEquals(AssessmentState.AWAITING_SIGN_OFF, stored.state(), "standard goes to the supervisor's sign-off");
            Revision r = repo.revisions(id).get(0);
            assertTrue(r.verify());
            assertEquals(RiskLevel.STANDARD, r.grading().level());
            assertEquals(2, r.grading().yesCount());
            assertEquals("KNT-STANDARD-3", r.content().incident().incidentReference());
            assertFalse(r.content().referrals().get(Referral.DVPN).chosen());
        }
        desk = null;
    }

    private static boolean isInside(Node n, String id) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (id.equals(x.getId())) {
                return true;
            }
        }
        return false;
    }

    @Test
    void aPhoneInRecordsTheRecorderAndTheAttendingOfficer(FxRobot robot) throws Exception {
        desk = new DeskFixture(dir, stage).configured().enrolled("imu2301", "Imu Recorder", "S2301", Role.IMU);
        desk.open();
        desk.signIn(robot, "imu2301");
        tabUntil(robot, id("new-phone-in"), "New assessment — phone-in");
        robot.type(KeyCode.SPACE);
        desk.settle();
        WizardViewModel wizard = desk.shell.wizardProperty().get();
        assertEquals(Channel.PHONE_IN, wizard.channel());
        assertEquals("Imu Recorder (S2301)", robot.lookup("#recorder").queryLabeled().getText());
        tabUntil(robot, id("attending-collar"), "attending collar");
        robot.write("9120");
        robot.type(KeyCode.TAB).write("CALL-2211");
        tabUntil(robot, id("speak-safely-yes"), "could speak safely");
        robot.type(KeyCode.SPACE);
        tabUntil(robot, id("incident-reference"), "incident reference");
        robot.write("KNT-PHONE-7");
        robot.type(KeyCode.PAGE_DOWN);
        answer(robot, "Q1", KeyCode.N);
        desk.settle();

        AssessmentContent c = storedDraft(desk.services(), wizard.assessmentId());
        assertEquals(new PhoneIn(new Officer("S2301", "Imu Recorder"), "9120", "CALL-2211", Boolean.TRUE), c.phoneIn());
        assertEquals("KNT-PHONE-7", c.incident().incidentReference());
        assertEquals(Choice.NO, c.answer("Q1").choice());
        assertInstanceOf(List.class, desk.services().service().repository().audit(wizard.assessmentId()));
        assertTrue(desk.services().service().repository().audit(wizard.assessmentId()).stream().allMatch(a -> "S2301".equals(a.actor())),
                "every change is attributed to the IMU recorder");
    }

    private static boolean visibleText(FxRobot robot, String text) {
        return robot.lookup(n -> n instanceof javafx.scene.control.TextInputControl t && text.equals(t.getText()) && showing(n))
                .tryQuery().isPresent();
    }

    private static boolean showing(Node n) {
        for (Node x = n; x != null; x = x.getParent()) {
            if (!x.isVisible()) {
                return false;
            }
        }
        return true;
    }
}
