package org.dashdesk.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.dashdesk.assessment.Channel;
import org.dashdesk.config.ConfigLocations;
import org.dashdesk.security.Role;
import org.dashdesk.security.SecurityPolicy;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.outbox.OutboxRecord;
import org.dashdesk.outbox.OutboxState;
import org.dashdesk.sync.SyncSnapshot;
import org.dashdesk.ui.StoreServices;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.dashdesk.ui.common.MutableClock;
import org.dashdesk.ui.common.OnlineSignIn;
import org.dashdesk.ui.signin.EnrolViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shell's sign-in, lock and sync words without a window, over a real keyring and store. */
class ShellViewModelTest {

    private static final String PASSWORD = "synthetic pass phrase 1";
    private static final SecurityPolicy POLICY = SecurityPolicy.defaults().withIterations(SecurityPolicy.MIN_ITERATIONS)
            .withLockout(3, Duration.ofMinutes(15));

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"), ZoneId.of("UTC"));
    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
    private ShellViewModel vm;

    private ShellViewModel shell(boolean enrolled) throws Exception {
        ConfigLocations locations = new ConfigLocations(dir.resolve("absent-it.properties"), dir);
        Files.writeString(locations.userFile(), "# test\n");
        if (enrolled) {
            SessionManager s = SessionManager.open(dir, POLICY, clock);
            s.enrolFirstUser(new UserAccount("pc4471", "PC Test Example", "4471", Set.of(Role.OFFICER), "North"), PASSWORD.toCharArray());
            s.signOut();
        }
        vm = new ShellViewModel(executor, clock, new Appearance(), new StoreServices(locations, POLICY, clock, OnlineSignIn.OFFLINE),
                Runnable::run);
        vm.start();
        return vm;
    }

    @AfterEach
    void close() {
        if (vm != null) {
            vm.shutdown();
        }
    }

    private void signIn(String password) {
        vm.signIn().usernameProperty().set("pc4471");
        vm.signIn().passwordProperty().set(password);
        vm.signIn().signIn();
    }

    @Test
    void aLaptopWithoutUsersAsksToBeSetUpAndTheFormSaysWhatIsMissing() throws Exception {
        shell(false);
        assertEquals(ShellViewModel.Screen.ENROL, vm.screenProperty().get());
        EnrolViewModel e = vm.enrol();
        assertEquals("Enter your name.", e.problemProperty().get());
        e.nameProperty().set("PC Test Example");
        e.usernameProperty().set("pc4471");
        assertEquals("Choose at least one role.", e.problemProperty().get());
        e.roleProperty(Role.OFFICER).set(true);
        e.passwordProperty().set("short");
        assertEquals("Password: at least 10 characters.", e.problemProperty().get());
        e.passwordProperty().set(PASSWORD);
        e.confirmProperty().set(PASSWORD + "x");
        assertEquals("The two passwords are not the same.", e.problemProperty().get());
        e.confirmProperty().set(PASSWORD);
        assertNull(e.problemProperty().get());
        e.enrol();
        assertEquals(ShellViewModel.Screen.HOME, vm.screenProperty().get());
        assertEquals("pc4471", vm.userProperty().get().username());
        assertNotNull(vm.servicesProperty().get());
    }

    @Test
    void wrongPasswordsAreRefusedInWordsThenTheAccountLocksUntilATimeShown() throws Exception {
        shell(true);
        assertEquals(ShellViewModel.Screen.SIGN_IN, vm.screenProperty().get());
        signIn("wrong password one");
        assertEquals("Unknown username or wrong password. Check both and try again.", vm.signIn().messageProperty().get());
        assertEquals("", vm.signIn().passwordProperty().get(), "the typed password is cleared");
        assertNull(vm.servicesProperty().get());
        signIn("wrong password two");
        signIn("wrong password three");
        assertEquals("Too many wrong passwords: this account is locked until 10:15. Try again then, or ask a supervisor.",
                vm.signIn().messageProperty().get());
        signIn(PASSWORD);
        assertTrue(vm.signIn().messageProperty().get().startsWith("Too many wrong passwords"), "even the right password waits");
        clock.advance(Duration.ofMinutes(16));
        signIn(PASSWORD);
        assertEquals(ShellViewModel.Screen.HOME, vm.screenProperty().get());
    }

    @Test
    void idleTimeLocksAndOnlyThePasswordUnlocksKeepingTheWizard() throws Exception {
        shell(true);
        signIn(PASSWORD);
        vm.startNew(Channel.AT_SCENE);
        var wizard = vm.wizardProperty().get();
        assertNotNull(wizard);
        clock.advance(Duration.ofMinutes(9));
        vm.checkIdle();
        assertFalse(vm.lockedProperty().get());
        vm.touch();
        clock.advance(Duration.ofMinutes(9));
        vm.checkIdle();
        assertFalse(vm.lockedProperty().get(), "activity restarted the idle time");
        clock.advance(Duration.ofMinutes(1));
        vm.checkIdle();
        assertTrue(vm.lockedProperty().get());
        vm.unlock().passwordProperty().set("not the password");
        vm.unlock().unlock();
        assertTrue(vm.lockedProperty().get());
        assertEquals("Wrong password. Too many wrong passwords lock the account.", vm.unlock().messageProperty().get());
        vm.unlock().passwordProperty().set(PASSWORD);
        vm.unlock().unlock();
        assertFalse(vm.lockedProperty().get());
        assertEquals(wizard, vm.wizardProperty().get());
    }

    @Test
    void aDraftIsOpenedAndChangedOnlyByThePersonWhoStartedIt() throws Exception {
        SessionManager s = SessionManager.open(dir, POLICY, clock);
        ConfigLocations locations = new ConfigLocations(dir.resolve("absent-it.properties"), dir);
        Files.writeString(locations.userFile(), "# test\n");
        s.enrolFirstUser(new UserAccount("pc4471", "PC Test Example", "4471", Set.of(Role.OFFICER), "North"), PASSWORD.toCharArray());
        s.enrol(new UserAccount("pc5502", "PC Other Example", "5502", Set.of(Role.OFFICER), "North"), "another synthetic phrase 2".toCharArray());
        s.signOut();
        vm = new ShellViewModel(executor, clock, new Appearance(), new StoreServices(locations, POLICY, clock, OnlineSignIn.OFFLINE),
                Runnable::run);
        vm.start();
        signIn(PASSWORD);
        vm.startNew(org.dashdesk.assessment.Channel.AT_SCENE);
        java.util.UUID draft = vm.wizardProperty().get().assessmentId();
        vm.wizardProperty().get().question("Q1").orElseThrow().choiceProperty().set(org.dashdesk.grading.Choice.YES);
        vm.signOut();

        vm.signIn().usernameProperty().set("pc5502");
        vm.signIn().passwordProperty().set("another synthetic phrase 2");
        vm.signIn().signIn();
        assertEquals(ShellViewModel.Screen.HOME, vm.screenProperty().get());
        assertNull(vm.wizardProperty().get());
        vm.openDraft(draft);
        assertNull(vm.wizardProperty().get(), "another officer cannot open it");
        assertEquals("The draft could not be opened: it was started by 4471; only they can open and change it", vm.errorProperty().get());
        vm.signOut();

        signIn(PASSWORD);
        vm.openDraft(draft);
        assertEquals(draft, vm.wizardProperty().get().assessmentId(), "its author carries on");
        assertEquals(org.dashdesk.grading.Choice.YES, vm.wizardProperty().get().question("Q1").orElseThrow().choiceProperty().get());
    }

    @Test
    void signingOutClosesTheStoreAndReturnsToSignIn() throws Exception {
        shell(true);
        signIn(PASSWORD);
        vm.signOut();
        assertEquals(ShellViewModel.Screen.SIGN_IN, vm.screenProperty().get());
        assertNull(vm.servicesProperty().get());
        assertNull(vm.userProperty().get());
        SessionManager sessions = SessionManager.open(dir, POLICY, clock);
        assertTrue(sessions.current().isEmpty());
        // Signed out, the store is closed: it opens again, which H2's file lock would refuse otherwise.
        sessions.signIn("pc4471", PASSWORD.toCharArray());
        StoreServices.open(dir, sessions.keyProvider()).closer().close();
    }

    @Test
    void withoutACentralServerTheStatusSaysWhyNothingIsSent() throws Exception {
        shell(true);
        signIn(PASSWORD);
        assertEquals("Nothing waiting to send · last successful sync never · Not sending: No central server is set up on this laptop: IT adds its address in the settings.",
                vm.syncStatusProperty().get());
        assertEquals(Optional.empty(), vm.exitWarning());
    }

    @Test
    void quittingWithUnsentWorkAndNoServerSaysItWillNotBeSentNotNextTimeOnline() throws Exception {
        shell(true);
        signIn(PASSWORD);
        var service = vm.servicesProperty().get().service();
        var draft = service.startDraft(Channel.AT_SCENE, new org.dashdesk.assessment.Officer("4471", "PC Test Example"), null, "4471");
        org.dashdesk.assessment.CompleteSheets.answerTheRestNo(service.repository(), draft.id(), "4471");
        service.submit(draft.id(), "4471", null);
        String warning = vm.exitWarning().orElseThrow();
        assertEquals("1 assessment has not been sent to the central server, and will not be until this is put right: No central server"
                + " is set up on this laptop: IT adds its address in the settings. It is safe on this laptop.", warning);
        assertFalse(warning.contains("next time you are online"), warning);
    }

    @Test
    void aHighRiskRecordMakesItsMaracReferralPdfAndTheAuditSaysWhoProducedIt() throws Exception {
        shell(true);
        signIn(PASSWORD);
        var service = vm.servicesProperty().get().service();
        var repo = service.repository();
        var draft = service.startDraft(Channel.AT_SCENE, new org.dashdesk.assessment.Officer("4471", "PC Test Example"), null, "4471");
        for (int n = 1; n <= 15; n++) {
            repo.saveAnswer(draft.id(), org.dashdesk.assessment.Answer.choice("Q" + n, org.dashdesk.grading.Choice.YES), null, "4471");
        }
        repo.saveDetails(draft.id(), repo.find(draft.id()).orElseThrow().content().withPeople(new org.dashdesk.assessment.People(
                "Siân Synthetic", java.util.List.of("Alex Sample"), java.util.List.of(), false)), "4471", "people");
        org.dashdesk.assessment.CompleteSheets.answerTheRestNo(repo, draft.id(), "4471");
        service.submit(draft.id(), "4471", null);

        vm.openRecord(draft.id());
        var record = vm.recordProperty().get();
        assertNotNull(record, vm.errorProperty().get());
        assertTrue(record.offersReferral(), "graded High: the referral is offered");
        Path target = dir.resolve(record.referralFileName());
        assertFalse(target.getFileName().toString().contains("Siân"), "the file name carries no name");
        record.saveReferral(target);
        assertNull(record.documentErrorProperty().get());
        assertTrue(record.documentMessageProperty().get().startsWith("MARAC referral saved as " + target.getFileName()),
                record.documentMessageProperty().get());
        try (var doc = org.apache.pdfbox.Loader.loadPDF(target.toFile())) {
            String text = new org.apache.pdfbox.text.PDFTextStripper().getText(doc);
            assertTrue(text.contains("Siân Synthetic") && text.contains("Alex Sample") && text.contains("Risk level High"), text);
        }
        assertEquals("produced the MARAC referral document (revision 1)",
                repo.audit(draft.id()).get(repo.audit(draft.id()).size() - 1).what());
        assertEquals("4471", repo.audit(draft.id()).get(repo.audit(draft.id()).size() - 1).actor());
        assertEquals(target, record.savedProperty().get(), "the saved referral can be opened to print");
        record.openSaved();
        assertEquals(target.toAbsolutePath().toUri().toString(), org.dashdesk.ui.common.DocumentOpener.lastOpened());

        assertTrue(record.offersSummary());
        Path summary = dir.resolve(record.summaryFileName());
        record.saveSummary(summary);
        assertNull(record.documentErrorProperty().get());
        assertTrue(java.nio.file.Files.size(summary) > 1000);
        assertEquals("produced the DASH summary document (revision 1)",
                repo.audit(draft.id()).get(repo.audit(draft.id()).size() - 1).what());

        record.saveReferral(dir.resolve("no-such-folder").resolve("x.pdf"));
        assertTrue(record.documentErrorProperty().get().startsWith("The MARAC referral could not be saved"),
                String.valueOf(record.documentErrorProperty().get()));
        assertNull(record.savedProperty().get(), "nothing to open after a failed save");
    }

    @Test
    void closingWithAnswersNotYetSavedIsWarnedAboutEvenWithoutASyncServer() throws Exception {
        shell(true);
        signIn(PASSWORD);
        vm.startNew(Channel.AT_SCENE);
        var wizard = vm.wizardProperty().get();
        wizard.question("Q1").orElseThrow().choiceProperty().set(org.dashdesk.grading.Choice.YES);
        assertEquals(Optional.empty(), vm.exitWarning(), "everything given is saved");

        // The store stops under the open wizard, so the next answer cannot be saved.
        vm.servicesProperty().get().closer().close();
        wizard.question("Q2").orElseThrow().choiceProperty().set(org.dashdesk.grading.Choice.YES);

        assertTrue(wizard.autosaver().unsavedProperty().get());
        String warning = vm.exitWarning().orElseThrow(() -> new AssertionError("no warning with an answer unsaved"));
        assertTrue(warning.contains("not") && warning.contains("saved") && warning.contains("lost"), warning);
    }

    @Test
    void statusAndExitWordsAreExact() {
        Instant now = Instant.parse("2026-11-23T10:50:00Z");
        UUID a = UUID.randomUUID();
        UUID b = UUID.randomUUID();
        OutboxRecord r1 = new OutboxRecord(UUID.randomUUID(), a, 1, 0, OutboxState.WAITING, 1, null, "connection refused", null, null, now);
        OutboxRecord r2 = new OutboxRecord(UUID.randomUUID(), a, 2, 0, OutboxState.WAITING, 0, null, null, null, null, now);
        OutboxRecord r3 = new OutboxRecord(UUID.randomUUID(), b, 3, 2, OutboxState.QUARANTINED, 1, null, "unknown pack", null, null, now);
        SyncSnapshot s = new SyncSnapshot(2, 5, 1, 0, Instant.parse("2026-11-23T10:42:00Z"), "server unreachable", false, List.of(r1, r2, r3));
        assertEquals("2 waiting to send · 1 refused by the server · last successful sync today 10:42 · Last attempt: server unreachable",
                SyncStatusText.line(s, null, ZoneId.of("UTC"), now));
        assertEquals("2 waiting to send · 1 refused by the server · last successful sync 23/11/2026 10:42 · Not sending: no token",
                SyncStatusText.line(s, "no token", ZoneId.of("UTC"), now.plus(Duration.ofDays(1))));
        // b was refused: it is never resent by itself, so it is not promised "next time you are online".
        assertEquals(Optional.of("1 assessment has not reached the central server yet. It is safe on this laptop and will be sent next"
                + " time you are online. 1 assessment was refused by the central server and needs attention: open it to see why."
                + " It stays on this laptop."), SyncStatusText.exitWarning(s));
        OutboxRecord r4 = new OutboxRecord(UUID.randomUUID(), a, 4, 0, OutboxState.WAITING, 0, null, null, null, null, now);
        OutboxRecord held = new OutboxRecord(UUID.randomUUID(), b, 5, 2, OutboxState.WAITING, 0, null, "held back", null, null, now);
        assertEquals(Optional.of("2 assessments were refused by the central server and need attention: open them to see why. They stay"
                + " on this laptop."), SyncStatusText.exitWarning(new SyncSnapshot(1, 0, 2, 0, now, null, false, List.of(
                        r3, held, new OutboxRecord(UUID.randomUUID(), UUID.randomUUID(), 6, 1, OutboxState.QUARANTINED, 1, null,
                                "not allowed", null, null, now)))));
        assertEquals(Optional.of("1 assessment has not reached the central server yet. It is safe on this laptop and will be sent next"
                + " time you are online."), SyncStatusText.exitWarning(new SyncSnapshot(1, 0, 0, 0, now, null, false, List.of(r4))));
        assertEquals("3 assessments have not reached the central server yet. They are safe on this laptop and will be sent next time you"
                + " are online.", SyncStatusText.exitWarning(3));
        assertEquals("1 assessment has not reached the central server yet. It is safe on this laptop and will be sent next time you are"
                + " online.", SyncStatusText.exitWarning(1));
        assertEquals(Optional.empty(), SyncStatusText.exitWarning(new SyncSnapshot(0, 7, 0, 0, now, null, false, List.of())));
        // A week offline at an IMU desk: tens of thousands, written as the lists' counts are.
        assertEquals("64,000 waiting to send · 1,200 refused by the server · 2,500 waiting for sign-in · last successful sync never",
                SyncStatusText.line(new SyncSnapshot(64_000, 0, 1_200, 2_500, null, null, false, List.of()), null, ZoneId.of("UTC"), now));
        assertEquals("12,000 assessments have not reached the central server yet. They are safe on this laptop and will be sent next time"
                + " you are online. 1,500 assessments were refused by the central server and need attention: open them to see why. They"
                + " stay on this laptop.", SyncStatusText.exitWarning(12_000, 1_500));
    }

    @Test
    void aSignedInOfficerAddsAColleagueOfflineWithOnlyRolesTheyHoldAndTheColleagueSignsIn() throws Exception {
        shell(true);
        signIn(PASSWORD);
        vm.showSettings();
        assertEquals(List.of("pc4471"), vm.people().stream().map(UserAccount::username).toList());

        vm.showAddPerson();
        assertEquals(ShellViewModel.Screen.ADD_PERSON, vm.screenProperty().get());
        EnrolViewModel add = vm.addPerson();
        assertTrue(add.anotherPerson());
        assertFalse(add.fromServerProperty().get(), "no server set up: the details are typed");
        assertEquals("Enter their name.", add.problemProperty().get());
        add.nameProperty().set("PC Colleague Example");
        add.usernameProperty().set("pc5502");
        add.collarProperty().set("5502");
        assertTrue(add.mayGrant(Role.OFFICER));
        assertFalse(add.mayGrant(Role.SUPERVISOR), "an officer cannot make a supervisor");
        add.roleProperty(Role.SUPERVISOR).set(true);
        assertEquals("Only an administrator, or someone who holds it, can give the role Supervisor.", add.problemProperty().get());
        add.roleProperty(Role.SUPERVISOR).set(false);
        add.roleProperty(Role.OFFICER).set(true);
        add.passwordProperty().set("colleague synthetic phrase");
        add.confirmProperty().set("colleague synthetic phrase");
        assertNull(add.problemProperty().get());
        add.enrol();

        assertEquals(ShellViewModel.Screen.SETTINGS, vm.screenProperty().get(), add.messageProperty().get());
        assertEquals("PC Colleague Example (username pc5502) can now sign in on this laptop.", vm.messageProperty().get());
        assertEquals(List.of("pc4471", "pc5502"), vm.people().stream().map(UserAccount::username).sorted().toList());
        assertEquals("pc4471", vm.userProperty().get().username(), "adding someone does not sign them in");

        vm.signOut();
        vm.signIn().usernameProperty().set("pc5502");
        vm.signIn().passwordProperty().set("colleague synthetic phrase");
        vm.signIn().signIn();
        assertEquals(ShellViewModel.Screen.HOME, vm.screenProperty().get(), vm.signIn().messageProperty().get());
        assertEquals("PC Colleague Example", vm.userProperty().get().name());
    }

    @Test
    void addingSomeoneAlreadyOnTheLaptopSaysSoAndCancelAddsNobody() throws Exception {
        shell(true);
        signIn(PASSWORD);
        vm.showSettings();
        vm.showAddPerson();
        EnrolViewModel add = vm.addPerson();
        add.nameProperty().set("Someone Else");
        add.usernameProperty().set("pc4471");
        add.roleProperty(Role.OFFICER).set(true);
        add.passwordProperty().set("another synthetic phrase");
        add.confirmProperty().set("another synthetic phrase");
        add.enrol();
        assertEquals(ShellViewModel.Screen.ADD_PERSON, vm.screenProperty().get());
        assertEquals("Not added: username: pc4471 is already enrolled on this laptop", add.messageProperty().get());
        assertEquals("", add.passwordProperty().get(), "the typed password is not kept");

        add.cancel();
        assertEquals(ShellViewModel.Screen.SETTINGS, vm.screenProperty().get());
        assertNull(vm.addPerson());
        assertEquals(1, vm.people().size());
    }
}
