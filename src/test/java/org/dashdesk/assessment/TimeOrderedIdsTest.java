package org.dashdesk.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.dashdesk.ui.common.MutableClock;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void idsAreVersionSevenCarryTheirMillisecondAndSortByIt() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
        UUID earlier = TimeOrderedIds.next(clock);
        clock.advance(Duration.ofMillis(1));
        UUID later = TimeOrderedIds.next(clock);
        assertEquals(7, earlier.version());
        assertEquals(2, earlier.variant(), "RFC variant");
        assertEquals(Instant.parse("2026-12-05T10:00:00Z").toEpochMilli(), earlier.getMostSignificantBits() >>> 16);
        assertTrue(earlier.compareTo(later) < 0, "a later millisecond sorts after");
        assertTrue(Long.compareUnsigned(earlier.getMostSignificantBits(), later.getMostSignificantBits()) < 0, "also unsigned, as H2 compares");
    }

    @Test
    void idsInTheSameMillisecondAreStillUnique() {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-05T10:00:00Z"), ZoneOffset.UTC);
        Set<UUID> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            assertTrue(seen.add(TimeOrderedIds.next(clock)));
        }
    }
}
