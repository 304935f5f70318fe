package org.dashdesk.document;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.dashdesk.report.PublishedTable;
import org.dashdesk.report.Report;
import org.dashdesk.report.ReportCsv;

/**
 * A report as a PDF for a meeting or a partner (issue 13): what was asked, each row of the table
 * as a line ("2026-01: Standard 12 · Medium 5 · High 6 · Total 23"), the totals, the measures and
 * the notes, markers as shown. Counts only; the file name names the report and range.
 */
public final class ReportDocument {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm").withZone(ZoneId.of("Europe/London"));

    private ReportDocument() {
    }

    public static String fileName(Report r) {
        return "dash-" + r.report() + "-" + r.from() + "-to-" + r.to() + (r.suppressed() ? "-suppressed" : "") + ".pdf";
    }

    public static CaseDocument of(Report r) {
        List<DocumentSection> sections = new ArrayList<>();
        List<DocumentSection.Line> asked = new ArrayList<>();
        asked.add(new DocumentSection.Line("Range", r.from() + " to " + r.to()));
        r.filters().forEach((k, v) -> asked.add(new DocumentSection.Line(ReportCsv.heading(k), v)));
        if (!r.by().isEmpty()) {
            asked.add(new DocumentSection.Line("Rows by", String.join(", ", r.by())));
        }
        asked.add(new DocumentSection.Line("Small-number suppression", r.suppressed() ? "Applied" : "Not applied (for use inside the force)"));
        asked.add(new DocumentSection.Line("Run", r.generatedAt() == null ? null : WHEN.format(r.generatedAt())));
        sections.add(new DocumentSection("What was asked", asked));

        PublishedTable t = r.table();
        List<DocumentSection.Line> rows = new ArrayList<>();
        for (PublishedTable.Row row : t.rows()) {
            rows.add(new DocumentSection.Line(String.join(", ", row.keys()), cells(t.columns(), row.cells(), row.total())));
        }
        if (t.columnTotals() != null && !t.rows().isEmpty()) {
            rows.add(new DocumentSection.Line("Total", cells(t.columns(), t.columnTotals(), t.total())));
        }
        if (rows.isEmpty()) {
            rows.add(DocumentSection.Line.paragraph("Nothing matched in this range."));
        }
        sections.add(new DocumentSection("Figures", rows));
        if (!r.measures().isEmpty()) {
            List<DocumentSection.Line> measures = new ArrayList<>();
            for (Report.Measure m : r.measures()) {
                measures.add(new DocumentSection.Line(ReportCsv.heading(m.name()) + (m.keys().isEmpty() ? "" : " (" + String.join(", ",
                        m.keys()) + ")"), String.valueOf(m.value())));
            }
            sections.add(new DocumentSection("Measures", measures));
        }
        if (!r.notes().isEmpty()) {
            sections.add(new DocumentSection("Notes", r.notes().stream().map(DocumentSection.Line::paragraph).toList()));
        }
        return new CaseDocument(r.title(), sections, List.of("DASH Desk central reports: counts of assessments as held by the central"
                + " server when the report was run. No names, answers or comments are included."), fileName(r));
    }

    private static String cells(List<String> columns, List<Object> cells, Object total) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                b.append(" · ");
            }
            b.append(ReportCsv.heading(columns.get(i).toLowerCase(java.util.Locale.ROOT))).append(' ').append(cells.get(i));
        }
        if (total != null) {
            b.append(" · Total ").append(total);
        }
        return b.toString();
    }
}
