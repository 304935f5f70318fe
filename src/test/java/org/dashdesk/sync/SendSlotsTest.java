package org.dashdesk.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The parallelism limit, and how soon a slow reply hands its slot on (decision 0160, issue 16's fault mix). */
class SendSlotsTest {

    static final long CAP = TimeUnit.MILLISECONDS.toNanos(100);

    @Test
    void beforeAnyReplyASlowReplyIsOnlyOneOverTheCap() {
        assertEquals(CAP, new SendSlots(4, CAP).slowNanos());
    }

    @Test
    void quickRepliesBringTheThresholdDownToTheFloorNeverBelow() throws Exception {
        SendSlots slots = new SendSlots(4, CAP);
        for (int i = 0; i < 50; i++) {
            slots.release(slots.acquire());
        }
        assertEquals(TimeUnit.MILLISECONDS.toNanos(SendSlots.FLOOR_MILLIS), slots.slowNanos(),
                "replies of microseconds: a reply is slow after the floor, not after the 100 ms cap");
    }

    @Test
    void aReplyHeldPastTheThresholdLetsTheNextRequestGoWithoutWaitingForTheCap() throws Exception {
        SendSlots slots = new SendSlots(1, TimeUnit.SECONDS.toNanos(30));
        for (int i = 0; i < 50; i++) {
            slots.release(slots.acquire());
        }
        SendSlots.Ticket stuck = slots.acquire();
        long t0 = System.nanoTime();
        SendSlots.Ticket next = slots.acquire();
        long waited = System.nanoTime() - t0;
        // Measured against the 30 s cap, not a tight budget: the old fixed threshold waited the whole cap.
        assertTrue(waited < TimeUnit.SECONDS.toNanos(10), "waited " + waited / 1_000_000 + " ms");
        slots.release(next);
        slots.release(stuck);
        assertTrue(slots.slowNanos() < TimeUnit.SECONDS.toNanos(30), "the stuck reply does not count as usual");
    }
}
