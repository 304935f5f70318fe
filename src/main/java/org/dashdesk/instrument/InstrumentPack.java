package org.dashdesk.instrument;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A question set read from JSON.
 *
 * @param supplements id of the main pack this pack supplements (S-DASH, H-DASH and a force's own
 *                    supplementary questions), or null for a main pack
 * @param origin      where it was loaded from (a classpath resource or a file), for messages
 */
public record InstrumentPack(
        String id,
        String title,
        String version,
        String source,
        String copyright,
        String language,
        String supplements,
        List<Section> sections,
        String origin) {

    public InstrumentPack {
        sections = List.copyOf(sections);
    }

    public List<Question> questions() {
        List<Question> all = new ArrayList<>();
        sections.forEach(s -> all.addAll(s.questions()));
        return Collections.unmodifiableList(all);
    }

    public Map<String, Question> questionsById() {
        Map<String, Question> byId = new LinkedHashMap<>();
        questions().forEach(q -> byId.put(q.id(), q));
        return byId;
    }

    public Optional<Question> question(String questionId) {
        return Optional.ofNullable(questionsById().get(questionId));
    }

    public boolean isMain() {
        return supplements == null;
    }
}
