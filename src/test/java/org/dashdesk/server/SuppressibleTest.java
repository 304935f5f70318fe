package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.dashdesk.report.CountTable;
import org.junit.jupiter.api.Test;

/** A suppressed release finer than the audit can check in seconds is refused with a way forward, not computed for minutes. */
class SuppressibleTest {

    @Test
    void moreRowsThanTheAuditCanCheckAreRefusedNamingSuppress() {
        CountTable t = new CountTable(List.of("month"), List.of("STANDARD"), true, true);
        for (int i = 0; i < ServerReports.MAX_SUPPRESSED_ROWS; i++) {
            t.add(List.of("m" + i), "STANDARD", 1);
        }
        ServerReports.checkSuppressible(t);
        t.add(List.of("one more"), "STANDARD", 1);
        Refusal r = assertThrows(Refusal.class, () -> ServerReports.checkSuppressible(t));
        assertEquals(400, r.status());
        assertEquals("suppress", r.problem().field());
        assertTrue(r.problem().reason().contains("61 rows (at most 60)"), r.problem().reason());
    }
}
