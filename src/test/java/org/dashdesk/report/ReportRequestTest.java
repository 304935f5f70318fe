package org.dashdesk.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a report request may be, checked before any database is asked; and CSV that a spreadsheet cannot run. */
class ReportRequestTest {

    static final LocalDate TODAY = LocalDate.of(2026, 12, 6);

    static ReportRequest parse(ReportKind k, Map<String, List<String>> q) {
        return ReportRequest.parse(k, q, TODAY);
    }

    @Test
    void tenYearsIsTheMostAndTheEdgeIsExact() {
        assertEquals(LocalDate.of(2016, 12, 7), parse(ReportKind.LEVELS, Map.of("from", List.of("2016-12-07"), "to",
                List.of("2026-12-06"))).from(), "exactly ten years is allowed");
        ReportRequest.Invalid e = assertThrows(ReportRequest.Invalid.class, () -> parse(ReportKind.LEVELS, Map.of("from",
                List.of("2016-12-06"), "to", List.of("2026-12-06"))));
        assertEquals("to", e.parameter());
        assertEquals("from", assertThrows(ReportRequest.Invalid.class, () -> parse(ReportKind.LEVELS, Map.of("from",
                List.of("2026-02-30")))).parameter(), "30 February is not a date");
    }

    @Test
    void aRepeatedParameterOrAnEmptyOrLongFilterIsRefused() {
        assertTrue(assertThrows(ReportRequest.Invalid.class, () -> parse(ReportKind.LEVELS, Map.of("team", List.of("North", "South"))))
                .getMessage().contains("more than once"));
        assertEquals("team", assertThrows(ReportRequest.Invalid.class, () -> parse(ReportKind.LEVELS, Map.of("team", List.of(" "))))
                .parameter());
        assertEquals("district", assertThrows(ReportRequest.Invalid.class, () -> parse(ReportKind.LEVELS, Map.of("district",
                List.of("x".repeat(101))))).parameter());
        assertEquals("by", assertThrows(ReportRequest.Invalid.class, () -> parse(ReportKind.LEVELS, Map.of("by",
                List.of("month,month")))).parameter());
    }

    @Test
    void levelsAndChannelsAreReadAsTheyAreTyped() {
        ReportRequest r = parse(ReportKind.LEVELS, Map.of("level", List.of("high"), "channel", List.of("phone in")));
        assertEquals(Map.of("level", "HIGH", "channel", "PHONE_IN"), r.filters());
        assertEquals(List.of("month"), r.by());
        assertEquals(TODAY.minusYears(1).plusDays(1), r.from());
    }

    @Test
    void csvNeverHandsASpreadsheetAFormula() {
        CountTable t = new CountTable(List.of("team"), List.of("STANDARD"), true, true);
        t.add(List.of("=HYPERLINK(\"http://x\")"), "STANDARD", 7).add(List.of("+North"), "STANDARD", 5).add(List.of("Team, \"A\""),
                "STANDARD", 9);
        String csv = ReportCsv.write(PublishedTable.plain(t));
        assertEquals(List.of("Team,STANDARD,Total", "\"'=HYPERLINK(\"\"http://x\"\")\",7,7", "'+North,5,5", "\"Team, \"\"A\"\"\",9,9",
                "Total,21,21"), csv.lines().toList());
    }
}
