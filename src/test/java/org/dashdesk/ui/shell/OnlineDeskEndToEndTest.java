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
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Revision;
import org.dashdesk.config.ConfigLocations;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.review.QueueItem;
import org.dashdesk.review.ReturnNotes;
import org.dashdesk.security.Role;
import org.dashdesk.security.SecurityEvent;
import org.dashdesk.security.SecurityPolicy;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.dashdesk.server.ServerPolicy;
import org.dashdesk.outbox.OutboxState;
import org.dashdesk.sync.SyncSnapshot;
import org.dashdesk.ui.StoreServices;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.dashdesk.ui.common.CurrentUser;
import org.dashdesk.ui.common.MutableClock;
import org.dashdesk.ui.review.QuestionRef;
import org.dashdesk.ui.review.ReviewViewModel;
import org.dashdesk.ui.signoff.SignOffViewModel;
import org.dashdesk.ui.wizard.WizardViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two DASH Desk laptops (the real shell view model, keyring, encrypted store, sync service and
 * review gateway, each in its own data folder) against the real reference server on loopback,
 * over plain HTTP with the development flag. The officer sets the laptop up from the server and
 * submits; the supervisor signs in, approves from the sign-off queue with the password; the
 * officer's laptop pulls SIGNED_OFF. No window: the shell's "UI thread" is a queue the test drains.
 */
class OnlineDeskEndToEndTest {

    static final String OFFICER_PW = "officer synthetic phrase";
    static final String SERGEANT_PW = "sergeant synthetic phrase";
    static final SecurityPolicy POLICY = SecurityPolicy.defaults().withIterations(SecurityPolicy.MIN_ITERATIONS);

    @TempDir
    Path dir;
    final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T09:00:00Z"), ZoneId.of("UTC"));
    ReferenceServer server;
    final List<Desk> desks = new java.util.ArrayList<>();

    /** One laptop: its settings point at the server; sync news waits in {@link #ui} until drained. */
    final class Desk {
        final ConcurrentLinkedQueue<Runnable> ui = new ConcurrentLinkedQueue<>();
        final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();
        final Path data;
        final ShellViewModel shell;
        /** Tokens the server issued to this laptop's online sign-ins, by username, and those it was asked to revoke. */
        final java.util.Map<String, String> issued = new java.util.concurrent.ConcurrentHashMap<>();
        final List<String> revoked = new java.util.concurrent.CopyOnWriteArrayList<>();

        Desk(String name) throws Exception {
            data = dir.resolve(name);
            Files.createDirectories(data);
            ConfigLocations locations = new ConfigLocations(data.resolve("absent-it.properties"), data);
            Files.writeString(locations.userFile(), "central.endpoint = " + server.uri() + "\n");
            shell = new ShellViewModel(executor, clock, new Appearance(),
                    new RecordingBackend(new StoreServices(locations, POLICY, clock).allowingDevInsecureHttp(), issued, revoked), ui::add);
            desks.add(this);
        }

        void drain() {
            Runnable r;
            while ((r = ui.poll()) != null) {
                r.run();
            }
        }

        AppServices services() {
            return shell.servicesProperty().get();
        }

        CurrentUser user() {
            return shell.userProperty().get();
        }

        void signIn(String username, String password) {
            shell.signIn().usernameProperty().set(username);
            shell.signIn().passwordProperty().set(password);
            shell.signIn().signIn();
            assertEquals(ShellViewModel.Screen.HOME, shell.screenProperty().get(), () -> "not signed in: "
                    + shell.signIn().messageProperty().get() + " / " + shell.errorProperty().get());
        }

        /** One push/pull cycle now (waits for a scheduled one in progress), then the status bar catches up. */
        SyncSnapshot sync() {
            services().sync().runCycle(true);
            SyncSnapshot s = services().sync().snapshot();
            drain();
            shell.syncChanged(s);
            return s;
        }

        /** A standard-risk case (two Yes answers) submitted as the signed-in officer. */
        Revision submitStandard() {
            CurrentUser u = user();
            var service = services().service();
            AssessmentContent content = AssessmentContent.start("dash-2009", service.mainPack().version(), Channel.AT_SCENE,
                            u.asOfficer(), null)
                    .withPeople(new People("Victim Synthetic", List.of("Abuser Synthetic"), List.of(), false))
                    .withIncident(new Incident(LocalDateTime.of(2026, 11, 20, 2, 10), "Home", "Maidstone", "INC-T", 0, null));
            content = content.withAnswer(Answer.choice("Q1", Choice.YES)).withAnswer(Answer.choice("Q2", Choice.YES));
            Assessment draft = service.repository().createDraft(org.dashdesk.assessment.CompleteSheets.restNo(content), u.actor());
            Revision r = service.submit(draft.id(), u.actor(), null);
            assertEquals(RiskLevel.STANDARD, r.grading().level());
            return r;
        }

        /** Submits a standard case and runs one sync cycle; returns how many records are synced. */
        int submitAndSync() {
            submitStandard();
            return sync().synced();
        }

        AssessmentState state(UUID assessmentId) {
            return services().service().repository().find(assessmentId).orElseThrow().state();
        }
    }

    @BeforeEach
    void startServer() throws Exception {
        server = ReferenceServer.start(ServerConfig.devHttp(dir.resolve("server")), ServerPolicy.defaults().withIterations(10_000), clock);
        server.addUser(new UserAccount("pc1234", "PC Synthetic", "1234", Set.of(Role.OFFICER), "North"), OFFICER_PW.toCharArray());
        server.addUser(new UserAccount("ps5678", "PS Synthetic", "5678", Set.of(Role.SUPERVISOR), "North"), SERGEANT_PW.toCharArray());
    }

    @AfterEach
    void stop() {
        desks.forEach(d -> d.shell.shutdown());
        server.close();
    }

    /** The first user of a new laptop sets it up from the server's account (decision 0101). */
    private Desk setUpFromServer(String name, String username, String password) throws Exception {
        Desk d = new Desk(name);
        d.shell.start();
        assertEquals(ShellViewModel.Screen.ENROL, d.shell.screenProperty().get());
        var enrol = d.shell.enrol();
        assertTrue(enrol.fromServerProperty().get(), "a server is set up: the details come from it");
        enrol.usernameProperty().set(username);
        enrol.passwordProperty().set(password);
        enrol.confirmProperty().set(password);
        assertNull(enrol.problemProperty().get(), "username and password are enough");
        enrol.enrol();
        assertEquals(ShellViewModel.Screen.HOME, d.shell.screenProperty().get(), () -> "not set up: " + enrol.messageProperty().get());
        return d;
    }

    @Test
    void officerSubmitsSupervisorApprovesInTheSignOffQueueOfficerPullsSignedOff() throws Exception {
        Desk officer = setUpFromServer("officer", "pc1234", OFFICER_PW);
        assertEquals(new CurrentUser("pc1234", "PC Synthetic", "1234", "North", Set.of(Role.OFFICER)), officer.user(),
                "name, collar, roles and team are the server's");
        assertFalse(officer.shell.hasReviewQueue(), "an officer has no review queue");
        assertNotNull(officer.shell.returnNotesProperty().get(), "return notes come from the local store");
        assertEquals(Set.of(Role.OFFICER), SessionManager.open(officer.data, POLICY, clock).enrolledAccounts().get(0).roles());

        Revision r = officer.submitStandard();
        SyncSnapshot sent = officer.sync();
        assertEquals(1, sent.synced(), "sent with the per-user token: " + sent.lastProblem());
        assertEquals(0, sent.waiting());
        assertTrue(officer.shell.syncStatusProperty().get().startsWith("Nothing waiting to send · last successful sync today"),
                officer.shell.syncStatusProperty().get());
        // The receipt is what shows a record reached the server: in the list's sync column and the read-only record.
        officer.shell.refresh();
        String listed = officer.shell.syncWords(officer.shell.submittedList().stream().filter(s -> s.id().equals(r.assessmentId()))
                .findFirst().orElseThrow());
        assertTrue(listed.matches("Synced — receipt #\\d+ at \\d\\d/\\d\\d/20\\d\\d \\d\\d:\\d\\d"), listed);
        officer.shell.openRecord(r.assessmentId());
        assertEquals(listed, officer.shell.recordProperty().get().syncWords());
        officer.shell.showHome();

        // The sergeant's laptop was set up offline earlier, when IT still listed them as an officer in the South team.
        Desk sergeant = new Desk("sergeant");
        SessionManager local = SessionManager.open(sergeant.data, POLICY, clock);
        local.enrolFirstUser(new UserAccount("ps5678", "PS Synthetic", "5678", Set.of(Role.OFFICER), "South"), SERGEANT_PW.toCharArray());
        local.signOut();
        sergeant.shell.start();
        sergeant.signIn("ps5678", SERGEANT_PW);
        assertEquals(Set.of(Role.SUPERVISOR), sergeant.user().roles(), "the server's roles win");
        assertEquals("North", sergeant.user().team());
        assertEquals("Your details were updated from the central server: Supervisor, team North.",
                sergeant.shell.messageProperty().get());
        SessionManager reread = SessionManager.open(sergeant.data, POLICY, clock);
        assertEquals(Set.of(Role.SUPERVISOR), reread.enrolledAccounts().get(0).roles(), "and the keyring keeps them for offline use");
        assertTrue(reread.securityEvents().stream()
                .anyMatch(e -> e.kind() == SecurityEvent.Kind.ACCOUNT_UPDATED && "central server".equals(e.by())));
        assertTrue(sergeant.shell.hasReviewQueue());
        sergeant.shell.showReviewQueue();
        assertEquals(ShellViewModel.Screen.REVIEW_QUEUE, sergeant.shell.screenProperty().get());

        SignOffViewModel signOff = new SignOffViewModel(sergeant.shell.reviewGatewayProperty().get(), sergeant.user().actor(),
                sergeant.executor, sergeant.services().packs());
        signOff.queue().refresh();
        assertNull(signOff.queue().errorProperty().get());
        QueueItem item = signOff.queue().items().stream().filter(q -> q.assessmentId().equals(r.assessmentId())).findFirst()
                .orElseThrow(() -> new AssertionError("not in the sign-off queue: " + signOff.queue().items()));
        assertEquals(r.revisionId(), item.revisionId());
        assertEquals("1234", item.officerCollar());
        signOff.open(item);
        var review = signOff.reviewProperty().get();
        assertEquals(r.contentHash(), review.revisionProperty().get().contentHash(), "the real gateway checked the hash");
        review.approve("not the password".toCharArray());
        assertNotNull(review.approveErrorProperty().get(), "a wrong signature is refused");
        review.approve(SERGEANT_PW.toCharArray());
        assertNull(signOff.reviewProperty().get(), () -> "not approved: " + review.approveErrorProperty().get());
        assertTrue(signOff.queue().messageProperty().get().startsWith("Approved"), signOff.queue().messageProperty().get());
        assertTrue(signOff.queue().items().stream().noneMatch(q -> q.assessmentId().equals(r.assessmentId())));

        officer.sync();
        assertEquals(AssessmentState.SIGNED_OFF, officer.state(r.assessmentId()));
        officer.shell.refresh();
        assertEquals(AssessmentState.SIGNED_OFF, officer.shell.submittedList().stream().filter(s -> s.id().equals(r.assessmentId()))
                .findFirst().orElseThrow().state());

        // Signing out revokes the server session; the review entry goes with it.
        sergeant.shell.signOut();
        assertNull(sergeant.shell.reviewGatewayProperty().get());
        assertNull(sergeant.shell.returnNotesProperty().get());
    }

    @Test
    void syncingNowIsSaidOnlyWhileTheRunLasts() throws Exception {
        Desk officer = setUpFromServer("officer", "pc1234", OFFICER_PW);
        officer.submitStandard();
        officer.shell.syncNow();
        assertEquals("Syncing now\u2026", officer.shell.messageProperty().get());
        officer.sync();
        // "Sync now" also started a run on the sync thread: let it end too.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (officer.services().sync().snapshot().running() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        officer.drain();
        assertEquals(0, officer.services().sync().snapshot().waiting());
        org.junit.jupiter.api.Assertions.assertNotEquals("Syncing now\u2026", officer.shell.messageProperty().get(),
                "once the run is over the status line says what it did; \"Syncing now\" stayed for over 9 s before (issue 11)");
    }

    @Test
    void supervisorReturnsWithCommentsOfficerAmendsAndResubmitsAndItIsBackInTheSupervisorsQueue() throws Exception {
        Desk officer = setUpFromServer("officer", "pc1234", OFFICER_PW);
        Revision r1 = officer.submitStandard();
        assertEquals(1, officer.sync().synced());
        UUID id = r1.assessmentId();

        Desk sergeant = setUpFromServer("sergeant", "ps5678", SERGEANT_PW);
        assertTrue(sergeant.shell.hasReviewQueue());
        SignOffViewModel signOff = new SignOffViewModel(sergeant.shell.reviewGatewayProperty().get(), sergeant.user().actor(),
                sergeant.executor, sergeant.services().packs());
        signOff.queue().refresh();
        signOff.open(inQueue(signOff, id));
        ReviewViewModel review = signOff.reviewProperty().get();
        assertEquals(r1.contentHash(), review.revisionProperty().get().contentHash());
        review.returnQuestionProperty().set(review.questions().stream().filter(q -> "Q3".equals(q.questionId())).findFirst()
                .orElseThrow(() -> new AssertionError("Q3 is not offered for comments: " + review.questions())));
        review.returnCommentProperty().set("Synthetic: please ask Q3 again");
        review.addComment();
        review.returnQuestionProperty().set(QuestionRef.OVERALL);
        review.returnCommentProperty().set("Synthetic: add what the neighbour saw");
        review.addComment();
        review.returnToOfficer();
        assertNull(signOff.reviewProperty().get(), () -> "not returned: " + review.returnErrorProperty().get());
        assertTrue(signOff.queue().messageProperty().get().startsWith("Returned"), signOff.queue().messageProperty().get());
        assertTrue(signOff.queue().items().stream().noneMatch(q -> q.assessmentId().equals(id)), "off the queue while returned");

        officer.sync();
        assertEquals(AssessmentState.RETURNED, officer.state(id));
        officer.drain();
        assertEquals(AssessmentState.RETURNED, officer.shell.submittedList().stream().filter(s -> s.id().equals(id)).findFirst()
                .orElseThrow().state(), "the home list says Returned once the pull brought it, as the record does (issue 11)");
        ReturnNotes notes = officer.shell.returnNotesProperty().get().latest(id).orElseThrow();
        assertEquals(r1.revisionId(), notes.revisionId());
        assertEquals("5678", notes.returnedBy());
        assertEquals(List.of(new QuestionComment("Q3", "Synthetic: please ask Q3 again"),
                new QuestionComment(null, "Synthetic: add what the neighbour saw")), notes.comments());

        // The officer amends in the wizard, as the record screen's "Amend" does, and resubmits.
        officer.shell.amend(id);
        WizardViewModel wizard = officer.shell.wizardProperty().get();
        assertNotNull(wizard, officer.shell.errorProperty().get());
        assertTrue(wizard.isAmendment());
        wizard.question("Q3").orElseThrow().choiceProperty().set(Choice.YES);
        wizard.amendmentReasonProperty().set("Asked Q3 again and added the neighbour's account, as the supervisor asked");
        wizard.referralPrompts().forEach(p -> {
            p.chosenProperty().set(false);
            p.reasonProperty().set("Synthetic: not indicated");
        });
        wizard.commitPending();
        assertTrue(wizard.canSubmitProperty().get(), () -> "cannot submit: " + wizard.reviewItems());
        wizard.submit();
        WizardViewModel.SubmitOutcome outcome = wizard.submittedProperty().get();
        assertNotNull(outcome, () -> "not submitted: " + wizard.submitErrorProperty().get());
        officer.shell.submitted(outcome);
        Revision r2 = outcome.revision();
        assertEquals(2, r2.revisionNumber());
        assertEquals(r1.revisionId(), r2.baseRevisionId());
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, outcome.state());
        SyncSnapshot sent = officer.sync();
        assertEquals(0, sent.waiting(), () -> "resubmission not sent: " + sent.lastProblem());

        signOff.queue().refresh();
        QueueItem back = inQueue(signOff, id);
        assertEquals(r2.revisionId(), back.revisionId(), "the new revision is what waits for sign-off");
        assertEquals(2, back.revisionNumber());
        signOff.open(back);
        var second = signOff.reviewProperty().get();
        assertEquals(r2.contentHash(), second.revisionProperty().get().contentHash());
        second.approve(SERGEANT_PW.toCharArray());
        assertNull(signOff.reviewProperty().get(), () -> "not approved: " + second.approveErrorProperty().get());

        officer.sync();
        assertEquals(AssessmentState.SIGNED_OFF, officer.state(id));
    }

    private static QueueItem inQueue(SignOffViewModel signOff, UUID assessmentId) {
        assertNull(signOff.queue().errorProperty().get());
        return signOff.queue().items().stream().filter(q -> q.assessmentId().equals(assessmentId)).findFirst()
                .orElseThrow(() -> new AssertionError("not in the sign-off queue: " + signOff.queue().items()));
    }

    @Test
    void anExpiredTokenHoldsRecordsForSignInAndTheNextSignInSendsThem() throws Exception {
        Desk officer = setUpFromServer("officer", "pc1234", OFFICER_PW);
        clock.advance(Duration.ofHours(13));
        Revision r = officer.submitStandard();
        SyncSnapshot held = officer.sync();
        assertEquals(0, held.synced());
        assertEquals(1, held.waitingForSignIn(), "kept, waiting for sign-in, not lost: " + held.unsynced());
        assertEquals(OutboxState.WAITING_FOR_SIGN_IN, held.unsynced().get(0).state());
        assertTrue(officer.shell.syncStatusProperty().get().endsWith("Sign in again to send"), officer.shell.syncStatusProperty().get());

        officer.shell.signOut();
        officer.signIn("pc1234", OFFICER_PW);
        SyncSnapshot after = officer.sync();
        assertEquals(1, after.synced(), "sent after signing in again: " + after.lastProblem());
        assertFalse(officer.shell.syncStatusProperty().get().contains("Sign in again"), officer.shell.syncStatusProperty().get());
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, officer.state(r.assessmentId()));
    }

    @Test
    void unlockingAfterTheTokenExpiredSignsInAtTheServerAgainAndSendsWhatWaited() throws Exception {
        Desk officer = setUpFromServer("officer", "pc1234", OFFICER_PW);
        String first = officer.issued.get("pc1234");
        clock.advance(Duration.ofHours(13));
        Revision r = officer.submitStandard();
        assertEquals(1, officer.sync().waitingForSignIn(), "the expired token is refused; the record waits");

        officer.shell.lock();
        officer.shell.unlock().passwordProperty().set(OFFICER_PW);
        officer.shell.unlock().unlock();
        assertFalse(officer.shell.lockedProperty().get());

        String renewed = officer.issued.get("pc1234");
        assertNotNull(renewed);
        assertFalse(renewed.equals(first), "the unlock's password signed in at the server again");
        assertTrue(officer.revoked.contains(first), "the old session is ended");
        assertEquals("Signed in at the central server again: sending what was waiting.", officer.shell.messageProperty().get());
        SyncSnapshot after = officer.sync();
        assertEquals(1, after.synced(), "sent with the new token: " + after.lastProblem());
        assertFalse(officer.shell.syncStatusProperty().get().contains("Sign in again"), officer.shell.syncStatusProperty().get());
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, officer.state(r.assessmentId()));
    }

    @Test
    void unlockingWithHoursLeftOnTheTokenDoesNotAskTheServerAndAWrongPasswordNeverDoes() throws Exception {
        Desk officer = setUpFromServer("officer", "pc1234", OFFICER_PW);
        String first = officer.issued.get("pc1234");
        clock.advance(Duration.ofHours(1));
        officer.shell.lock();
        officer.shell.unlock().passwordProperty().set("not the officer's password");
        officer.shell.unlock().unlock();
        assertTrue(officer.shell.lockedProperty().get());
        officer.shell.unlock().passwordProperty().set(OFFICER_PW);
        officer.shell.unlock().unlock();
        assertFalse(officer.shell.lockedProperty().get());
        assertEquals(first, officer.issued.get("pc1234"), "eleven hours left: no new server session");
        assertTrue(officer.revoked.isEmpty());

        clock.advance(Duration.ofHours(10).plusMinutes(30));
        officer.shell.lock();
        officer.shell.unlock().passwordProperty().set(OFFICER_PW);
        officer.shell.unlock().unlock();
        assertFalse(first.equals(officer.issued.get("pc1234")), "ninety minutes left: renewed before it runs out");
        assertEquals(1, officer.submitAndSync(), "and the new token sends");
    }

    @Test
    void withTheServerDownSignInWorksOfflineAndSetUpFallsBackToTheForm() throws Exception {
        Desk officer = setUpFromServer("officer", "pc1234", OFFICER_PW);
        officer.shell.signOut();
        Desk fresh = new Desk("fresh");
        server.close();

        officer.signIn("pc1234", OFFICER_PW);
        assertNull(officer.shell.reviewGatewayProperty().get());
        Revision r = officer.submitStandard();
        SyncSnapshot s = officer.sync();
        assertEquals(1, s.waiting(), "kept on the laptop while the server is down");
        assertEquals(AssessmentState.AWAITING_SIGN_OFF, officer.state(r.assessmentId()));

        fresh.shell.start();
        var enrol = fresh.shell.enrol();
        enrol.usernameProperty().set("pc9999");
        enrol.passwordProperty().set("fresh synthetic phrase");
        enrol.confirmProperty().set("fresh synthetic phrase");
        enrol.enrol();
        assertEquals(ShellViewModel.Screen.ENROL, fresh.shell.screenProperty().get());
        assertTrue(enrol.messageProperty().get().contains("cannot be reached"), enrol.messageProperty().get());
        assertFalse(enrol.fromServerProperty().get(), "the form now asks for the details");
        assertEquals("Enter your name.", enrol.problemProperty().get());
        enrol.nameProperty().set("PC Fresh");
        enrol.collarProperty().set("9999");
        enrol.roleProperty(Role.OFFICER).set(true);
        enrol.passwordProperty().set("fresh synthetic phrase");
        enrol.confirmProperty().set("fresh synthetic phrase");
        enrol.enrol();
        assertEquals(ShellViewModel.Screen.HOME, fresh.shell.screenProperty().get(), enrol.messageProperty().get());
    }

    @Test
    void setUpRefusesAPasswordTheServerRefuses() throws Exception {
        Desk d = new Desk("wrong");
        d.shell.start();
        var enrol = d.shell.enrol();
        enrol.usernameProperty().set("pc1234");
        enrol.passwordProperty().set("not the officer's password");
        enrol.confirmProperty().set("not the officer's password");
        enrol.enrol();
        assertEquals(ShellViewModel.Screen.ENROL, d.shell.screenProperty().get());
        assertEquals("Not set up: the central server did not accept this username and password.", enrol.messageProperty().get());
        assertTrue(enrol.fromServerProperty().get(), "a refusal is not a reason to set up offline");
        assertFalse(SessionManager.open(d.data, POLICY, clock).hasEnrolledUsers(), "nothing enrolled");
    }

    @Test
    void aSignedInOfficerAddsASergeantWhoseRolesComeFromTheServerAndTheCheckingSessionIsEnded() throws Exception {
        Desk laptop = setUpFromServer("pool", "pc1234", OFFICER_PW);
        laptop.shell.showSettings();
        assertEquals(List.of("pc1234"), laptop.shell.people().stream().map(UserAccount::username).toList());

        laptop.shell.showAddPerson();
        assertEquals(ShellViewModel.Screen.ADD_PERSON, laptop.shell.screenProperty().get());
        var add = laptop.shell.addPerson();
        assertTrue(add.fromServerProperty().get(), "a server is set up: their details come from it");
        add.usernameProperty().set("ps5678");
        add.passwordProperty().set("not the sergeant's password");
        add.confirmProperty().set("not the sergeant's password");
        add.enrol();
        assertEquals("Not added: the central server did not accept this username and password.", add.messageProperty().get());
        assertEquals(1, SessionManager.open(laptop.data, POLICY, clock).enrolledAccounts().size(), "nobody added");

        add.passwordProperty().set(SERGEANT_PW);
        add.confirmProperty().set(SERGEANT_PW);
        add.enrol();

        assertEquals(ShellViewModel.Screen.SETTINGS, laptop.shell.screenProperty().get(), add.messageProperty().get());
        assertEquals("PS Synthetic (username ps5678) can now sign in on this laptop.", laptop.shell.messageProperty().get());
        assertEquals(List.of("pc1234", "ps5678"), laptop.shell.people().stream().map(UserAccount::username).sorted().toList());
        assertEquals("pc1234", laptop.user().username(), "the officer is still the one signed in");
        UserAccount enrolled = SessionManager.open(laptop.data, POLICY, clock).enrolledAccounts().stream()
                .filter(a -> a.username().equals("ps5678")).findFirst().orElseThrow();
        assertEquals(Set.of(Role.SUPERVISOR), enrolled.roles(), "the server's roles, though an officer could not grant them offline");

        String checkingToken = laptop.issued.get("ps5678");
        assertNotNull(checkingToken, "the server checked the sergeant's password");
        assertTrue(laptop.revoked.contains(checkingToken), "and the session that check opened was ended");
        var answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(server.uri().resolve("/api/v1/changes?since=0"))
                .header("Authorization", "Bearer " + checkingToken).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        assertEquals(401, answer.statusCode(), "the server no longer accepts it");

        laptop.shell.signOut();
        laptop.signIn("ps5678", SERGEANT_PW);
        assertEquals(Set.of(Role.SUPERVISOR), laptop.user().roles());
        assertTrue(laptop.shell.hasReviewQueue(), "the sergeant gets the sign-off queue on the shared laptop");
    }

    /** The real backend, noting the tokens online sign-ins were given and those it was asked to end. */
    record RecordingBackend(org.dashdesk.ui.common.DeskBackend real, java.util.Map<String, String> issued, List<String> revoked)
            implements org.dashdesk.ui.common.DeskBackend {
        @Override
        public Start prepare() throws Exception {
            return real.prepare();
        }

        @Override
        public AppServices open(Start start) throws Exception {
            return real.open(start);
        }

        @Override
        public org.dashdesk.sync.SyncClient syncClient(org.dashdesk.config.AppConfig config, String token) {
            return real.syncClient(config, token);
        }

        @Override
        public org.dashdesk.review.ReviewGateway reviewGateway(org.dashdesk.config.AppConfig config, String token) {
            return real.reviewGateway(config, token);
        }

        @Override
        public void signOutOnline(org.dashdesk.config.AppConfig config, String token) {
            revoked.add(token);
            real.signOutOnline(config, token);
        }

        @Override
        public org.dashdesk.config.EndpointCheck endpointCheck() {
            return real.endpointCheck();
        }

        @Override
        public org.dashdesk.ui.common.OnlineSignIn onlineSignIn() {
            org.dashdesk.ui.common.OnlineSignIn online = real.onlineSignIn();
            return (username, password) -> {
                var grant = online.signIn(username, password);
                grant.ifPresent(g -> issued.put(username, g.token()));
                return grant;
            };
        }
    }
}
