package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.protocol.RevisionUpload;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.junit.jupiter.api.Test;

/** Who may do what, and what a failure costs, without a database (decision 0125). */
class RulesTest {

    static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    static final UUID HEAD = UUID.randomUUID();

    static ServerReview.Row row(String owner, String team, AssessmentState state) {
        return new ServerReview.Row(UUID.randomUUID(), HEAD, 1, state, owner, team, RiskLevel.STANDARD, false, null, null, NOW, null);
    }

    static Principal supervisor(String collar, String team) {
        return new Principal(collar, Set.of(Role.SUPERVISOR), team, "ps" + collar);
    }

    @Test
    void anApproverIsNeitherTheOfficerNorAnyoneWhoUploadedARevision() {
        ServerReview.Row r = row("1234", "North", AssessmentState.AWAITING_SIGN_OFF);
        Principal dual = new Principal("7001", Set.of(Role.IMU, Role.SUPERVISOR), "North", "dual");
        Refusal own = assertThrows(Refusal.class, () -> ReviewRules.mayApprove(dual, r, HEAD, false, Set.of("7001")));
        assertEquals(409, own.status());
        assertThrows(Refusal.class, () -> ReviewRules.mayApprove(supervisor("1234", "North"), r, HEAD, false, Set.of("7001")));
        assertDoesNotThrow(() -> ReviewRules.mayApprove(supervisor("9002", "North"), r, HEAD, false, Set.of("7001", "1234")));
    }

    @Test
    void anotherTeamsSupervisorApprovesOnlyACaseNeedingCover() {
        ServerReview.Row r = row("1234", "North", AssessmentState.AWAITING_SIGN_OFF);
        assertEquals(403, assertThrows(Refusal.class, () -> ReviewRules.mayApprove(supervisor("9003", "South"), r, HEAD, false,
                Set.of())).status());
        assertDoesNotThrow(() -> ReviewRules.mayApprove(supervisor("9003", "South"), r, HEAD, true, Set.of()));
        assertEquals(409, assertThrows(Refusal.class, () -> ReviewRules.mayApprove(supervisor("9002", "North"), r, UUID.randomUUID(),
                false, Set.of())).status(), "only the head");
        assertEquals(409, assertThrows(Refusal.class, () -> ReviewRules.mayApprove(supervisor("9002", "North"),
                row("1234", "North", AssessmentState.SIGNED_OFF), HEAD, false, Set.of())).status());
    }

    @Test
    void returnCommentsAreBoundedInNumberLengthAndStoredSize() {
        assertEquals("comments", assertThrows(Refusal.class, () -> ReviewRules.checkReturnComments(List.of())).problem().field());
        List<QuestionComment> many = new ArrayList<>();
        for (int i = 0; i <= ReviewRules.MAX_COMMENTS; i++) {
            many.add(new QuestionComment(null, "c"));
        }
        assertEquals("comments", assertThrows(Refusal.class, () -> ReviewRules.checkReturnComments(many)).problem().field());
        assertEquals("comments[0].comment", assertThrows(Refusal.class, () -> ReviewRules.checkReturnComments(
                List.of(new QuestionComment(null, "x".repeat(ReviewRules.MAX_TEXT + 1))))).problem().field());
        List<QuestionComment> escaped = new ArrayList<>();
        for (int i = 0; i < ReviewRules.MAX_COMMENTS; i++) {
            escaped.add(new QuestionComment(null, "\u0002".repeat(ReviewRules.MAX_TEXT)));
        }
        assertEquals("comments", assertThrows(Refusal.class, () -> ReviewRules.checkReturnComments(escaped)).problem().field());
        assertDoesNotThrow(() -> ReviewRules.checkReturnComments(List.of(new QuestionComment("Q1", "synthetic"))));
    }

    @Test
    void guessesAreCountedBeforeTheHashSoAtMostTheLimitIsChecked() {
        int max = 5;
        AccountRules.State fresh = new AccountRules.State(0, null, false);
        assertEquals(AccountRules.Admission.CHECK, AccountRules.admit(fresh, NOW, max));
        // Five admitted and still in flight: the sixth is not checked, it locks.
        assertEquals(AccountRules.Admission.LOCK_NOW, AccountRules.admit(new AccountRules.State(5, null, false), NOW, max));
        AccountRules.State locked = new AccountRules.State(0, NOW.plusSeconds(60), false);
        assertEquals(AccountRules.Admission.LOCKED, AccountRules.admit(locked, NOW, max));
        assertFalse(AccountRules.acceptRight(locked, NOW), "a right password inside the locked window does not sign in");
        assertTrue(AccountRules.acceptRight(locked, NOW.plusSeconds(61)));
        assertFalse(AccountRules.acceptRight(new AccountRules.State(0, null, true), NOW), "disabled");
        assertTrue(AccountRules.lockAfterWrong(new AccountRules.State(5, null, false), NOW, max));
        assertFalse(AccountRules.lockAfterWrong(new AccountRules.State(4, null, false), NOW, max));
    }

    @Test
    void theSignInRateIsPerWindow() {
        assertTrue(AccountRules.withinRate(null, 0, NOW));
        assertTrue(AccountRules.withinRate(NOW, AccountRules.RATE_LIMIT - 1, NOW));
        assertFalse(AccountRules.withinRate(NOW, AccountRules.RATE_LIMIT, NOW.plusSeconds(59)));
        assertTrue(AccountRules.withinRate(NOW, AccountRules.RATE_LIMIT, NOW.plus(AccountRules.RATE_WINDOW)));
    }

    @Test
    void newAccountsAndUploadsAreMeasuredBeforeTheDatabase() {
        char[] pw = "synthetic pass phrase".toCharArray();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccountRules.checkNewAccount(new UserAccount("pc1",
                "n".repeat(201), "1", Set.of(Role.OFFICER), "North"), pw)).getMessage().startsWith("displayName:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccountRules.checkNewAccount(new UserAccount("pc1",
                "Synthetic", "1", Set.of(Role.OFFICER), "t".repeat(101)), pw)).getMessage().startsWith("team:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AccountRules.checkNewAccount(new UserAccount("pc1",
                "Synthetic", "c".repeat(51), Set.of(Role.OFFICER), "North"), pw)).getMessage().startsWith("collarNumber:"));
        var r = TestRevisions.first(UUID.randomUUID(), 2);
        assertEquals("deviceId", UploadRules.check(new RevisionUpload(1, "d".repeat(101), 1, r), "{}").orElseThrow().field());
        assertEquals("revision", UploadRules.check(new RevisionUpload(1, "d", 1, r), "x".repeat(UploadRules.MAX_REVISION_JSON + 1))
                .orElseThrow().field());
        assertTrue(UploadRules.check(new RevisionUpload(1, "d", 1, r), "{}").isEmpty());
    }
}
