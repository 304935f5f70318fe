package org.dashdesk.instrument;

import java.util.List;

/**
 * A section of a pack. {@code skipWhenNoChildren} marks the children/dependants section, which the
 * form skips when there are no children or dependants.
 */
public record Section(String id, String title, boolean skipWhenNoChildren, List<Question> questions) {

    public Section {
        questions = List.copyOf(questions);
    }
}
