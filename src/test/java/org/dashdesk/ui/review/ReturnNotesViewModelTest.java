package org.dashdesk.ui.review;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.dashdesk.assessment.Revision;
import org.dashdesk.review.QuestionComment;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.dashdesk.ui.common.UserProfile.Role;
import org.junit.jupiter.api.Test;

/** The officer's side: comments of a returned assessment, by question. */
class ReturnNotesViewModelTest {

    @Test
    void commentsAreFoundByQuestionAndOverall() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
        FakeReviewGateway server = new FakeReviewGateway("2001", Role.SUPERVISOR, "pw", clock);
        Revision r = ReviewFixtures.revision("KNT-0500", "Dover", "4471", 2, false);
        server.add(r, 5, false);
        ReturnNotesViewModel notReturned = new ReturnNotesViewModel(server, new CurrentThreadTaskExecutor(), r.assessmentId());
        notReturned.load();
        assertNull(notReturned.notesProperty().get());
        assertTrue(notReturned.commentsOn("Q5").isEmpty());
        server.returnToOfficer(r.assessmentId(), r.revisionId(),
                List.of(new QuestionComment("Q5", "Name the source"), new QuestionComment(null, "Check the date")));
        ReturnNotesViewModel vm = new ReturnNotesViewModel(server, new CurrentThreadTaskExecutor(), r.assessmentId());
        vm.load();
        assertEquals("2001", vm.notesProperty().get().returnedBy());
        assertEquals(List.of(new QuestionComment("Q5", "Name the source")), vm.commentsOn("Q5"));
        assertEquals(List.of(new QuestionComment(null, "Check the date")), vm.commentsOn(null));
        assertTrue(vm.commentsOn("Q6").isEmpty());
    }
}
