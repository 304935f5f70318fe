package org.dashdesk.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A published table as CSV (RFC 4180, via Apache Commons CSV): a header of the row dimensions,
 * the columns and "Total"; one line per row; a "Total" line when columns are totalled. A text
 * that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return:
 * a team or district name typed by someone) is written with a leading apostrophe.
 */
public final class ReportCsv {

    private ReportCsv() {
    }

    public static String write(PublishedTable t) {
        StringWriter out = new StringWriter();
        List<String> header = new ArrayList<>();
        t.rowDimensions().forEach(d -> header.add(heading(d)));
        t.columns().forEach(c -> header.add(heading(c)));
        boolean rowTotals = t.rows().stream().anyMatch(r -> r.total() != null) || (t.rows().isEmpty() && t.total() != null);
        if (rowTotals) {
            header.add("Total");
        }
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get())) {
            for (PublishedTable.Row r : t.rows()) {
                List<Object> line = new ArrayList<>();
                r.keys().forEach(k -> line.add(safe(k)));
                r.cells().forEach(c -> line.add(safe(c)));
                if (rowTotals) {
                    line.add(safe(r.total()));
                }
                csv.printRecord(line);
            }
            if (t.columnTotals() != null) {
                List<Object> line = new ArrayList<>();
                for (int i = 0; i < t.rowDimensions().size(); i++) {
                    line.add(i == 0 ? "Total" : "");
                }
                t.columnTotals().forEach(c -> line.add(safe(c)));
                if (rowTotals) {
                    line.add(safe(t.total()));
                }
                csv.printRecord(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** "month" → "Month", "within_24h" → "Within 24h": the header a reader sees. */
    public static String heading(String name) {
        String words = name.replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static Object safe(Object value) {
        if (!(value instanceof String s) || s.isEmpty()) {
            return value == null ? "" : value;
        }
        char first = s.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r' ? "'" + s : s;
    }
}
