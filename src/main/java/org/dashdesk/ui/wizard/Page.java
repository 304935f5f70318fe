package org.dashdesk.ui.wizard;

import java.util.List;

import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.Section;

/**
 * One page of the wizard. Section pages carry their questions; the others are fixed forms.
 * Pages are created once per wizard and then shown or hidden, so what a user typed on a page
 * survives it being hidden by a branch and shown again.
 */
public final class Page {

    public enum Kind { PEOPLE, SECTION, GRADING, REVIEW }

    private final Kind kind;
    private final String id;
    private final String title;
    private final InstrumentPack pack;
    private final Section section;
    private final List<QuestionViewModel> questions;

    Page(Kind kind, String id, String title, InstrumentPack pack, Section section, List<QuestionViewModel> questions) {
        this.kind = kind;
        this.id = id;
        this.title = title;
        this.pack = pack;
        this.section = section;
        this.questions = List.copyOf(questions);
    }

    public Kind kind() {
        return kind;
    }

    /** Stable id, also used as the resume point for pages without questions ("page:" + id). */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    /** The pack of a section page, null otherwise. */
    public InstrumentPack pack() {
        return pack;
    }

    public Section section() {
        return section;
    }

    public List<QuestionViewModel> questions() {
        return questions;
    }

    /** Whether this page belongs to a supplementary pack (S-DASH, H-DASH, a force's own). */
    public boolean isSupplement() {
        return pack != null && !pack.isMain();
    }

    public String resumeMarker() {
        return "page:" + id;
    }

    @Override
    public String toString() {
        return title;
    }
}
