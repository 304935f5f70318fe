package org.dashdesk.document;

import java.util.List;

/**
 * A document made from one revision of a case, ready to be set as a PDF.
 *
 * @param title    the document's title (also its PDF title: no personal data)
 * @param sections in order
 * @param sources  the question packs' source and copyright lines, printed at the end
 * @param fileName a name for the file that carries no personal data
 */
public record CaseDocument(String title, List<DocumentSection> sections, List<String> sources, String fileName) {

    public CaseDocument {
        sections = List.copyOf(sections);
        sources = List.copyOf(sources);
    }
}
