package org.dashdesk.assessment;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * New assessment and revision ids as version-7 UUIDs (RFC 9562): the first 48 bits are the
 * creation time in milliseconds, the remaining 74 random. Stores index rows by these ids; with
 * random (version-4) ids every batch of new rows landed on pages all over each index, so every
 * commit rewrote (and compressed, and encrypted) a share of the whole index that grew with the
 * store. Time-ordered ids append at the end of the index instead (decision 0180). They are as
 * unique as version-4 ids and name no one; the time they carry is already in the record.
 */
public final class TimeOrderedIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    private TimeOrderedIds() {
    }

    public static UUID next() {
        return next(Clock.systemUTC());
    }

    static UUID next(Clock clock) {
        long millis = clock.millis();
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        long high = (millis & 0xFFFF_FFFF_FFFFL) << 16 | 0x7000L | ((random[0] & 0x0FL) << 8) | (random[1] & 0xFFL);
        long low = 0x8000_0000_0000_0000L | ((random[2] & 0x3FL) << 56);
        for (int i = 3; i < 10; i++) {
            low |= (random[i] & 0xFFL) << (8 * (9 - i));
        }
        return new UUID(high, low);
    }
}
