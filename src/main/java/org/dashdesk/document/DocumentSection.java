package org.dashdesk.document;

import java.util.List;

/**
 * A heading and its lines. A line is a label and a value ("Victim's name", "Sam Synthetic"), or
 * a paragraph (label null). A value left blank is written as {@link #NOT_RECORDED}, visibly,
 * never silently dropped.
 */
public record DocumentSection(String heading, List<Line> lines) {

    public static final String NOT_RECORDED = "Not recorded";

    public DocumentSection {
        lines = List.copyOf(lines);
    }

    /** One line of a section. */
    public record Line(String label, String value) {

        public Line {
            value = value == null || value.isBlank() ? NOT_RECORDED : value.strip();
        }

        public static Line paragraph(String text) {
            return new Line(null, text);
        }
    }
}
