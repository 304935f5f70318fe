package org.dashdesk.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A report as plain text for a terminal: its title and range, the table in aligned columns with
 * its totals, the measures and the notes. Numbers are right-aligned; markers ("&lt;5", "[c]")
 * stand where the number would.
 */
public final class ReportText {

    private ReportText() {
    }

    public static String format(Report r) {
        StringBuilder out = new StringBuilder();
        out.append(r.title()).append('\n');
        out.append(r.from()).append(" to ").append(r.to());
        r.filters().forEach((k, v) -> out.append(", ").append(k).append(" = ").append(v));
        if (r.suppressed()) {
            out.append(", small numbers suppressed");
        }
        out.append("\n\n");
        PublishedTable t = r.table();
        List<List<String>> lines = new ArrayList<>();
        List<String> header = new ArrayList<>();
        t.rowDimensions().forEach(d -> header.add(ReportCsv.heading(d)));
        t.columns().forEach(c -> header.add(ReportCsv.heading(c)));
        boolean rowTotals = t.rows().stream().anyMatch(row -> row.total() != null);
        if (rowTotals) {
            header.add("Total");
        }
        lines.add(header);
        for (PublishedTable.Row row : t.rows()) {
            List<String> line = new ArrayList<>(row.keys());
            row.cells().forEach(c -> line.add(String.valueOf(c)));
            if (rowTotals) {
                line.add(String.valueOf(row.total()));
            }
            lines.add(line);
        }
        if (t.columnTotals() != null && !t.rows().isEmpty()) {
            List<String> line = new ArrayList<>();
            for (int i = 0; i < t.rowDimensions().size(); i++) {
                line.add(i == 0 ? "Total" : "");
            }
            t.columnTotals().forEach(c -> line.add(String.valueOf(c)));
            if (rowTotals) {
                line.add(String.valueOf(t.total()));
            }
            lines.add(line);
        }
        int columns = header.size();
        int[] width = new int[columns];
        for (List<String> line : lines) {
            for (int i = 0; i < columns && i < line.size(); i++) {
                width[i] = Math.max(width[i], line.get(i).length());
            }
        }
        int keys = t.rowDimensions().size();
        for (List<String> line : lines) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < columns && i < line.size(); i++) {
                String cell = line.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                b.append(i < keys ? cell + pad : pad + cell).append(i == columns - 1 ? "" : "  ");
            }
            out.append(b.toString().stripTrailing()).append('\n');
        }
        if (!r.measures().isEmpty()) {
            out.append('\n');
            for (Report.Measure m : r.measures()) {
                out.append(ReportCsv.heading(m.name()));
                if (!m.keys().isEmpty()) {
                    out.append(" (").append(String.join(", ", m.keys())).append(')');
                }
                out.append(": ").append(m.value()).append('\n');
            }
        }
        if (!r.notes().isEmpty()) {
            out.append('\n');
            r.notes().forEach(n -> out.append("Note: ").append(n).append('\n'));
        }
        return out.toString();
    }
}
