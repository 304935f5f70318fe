package org.dashdesk.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.grading.AnswerSheets;
import org.dashdesk.grading.GradingException;
import org.dashdesk.grading.GradingInput;
import org.dashdesk.instrument.InstrumentPack;

/**
 * One line of an {@code import} file: the {@code grade} answer-sheet fields plus who submitted it
 * and the people and incident. Turned into complete content before anything is stored, so a bad
 * line leaves nothing behind.
 *
 * <p>Extra fields: {@code collarNumber} (required), {@code officerName}, {@code victimName},
 * {@code abuserNames} (array), {@code incidentOccurredAt} (YYYY-MM-DDTHH:MM; defaults to
 * {@code incidentDate} at midnight), {@code place}, {@code district}, {@code incidentReference}.
 * Any other field is refused by name, as in {@code grade}: a misspelt field would otherwise be
 * dropped from the stored assessment without a word.
 */
record ImportLine(String collarNumber, AssessmentContent content) {

    /** The fields an import line has beyond the answer sheet's {@link AnswerSheets#FIELDS}. */
    static final List<String> EXTRA_FIELDS = List.of("collarNumber", "officerName", "victimName", "abuserNames",
            "incidentOccurredAt", "place", "district", "incidentReference");

    static ImportLine parse(JsonNode root, InstrumentPack mainPack) {
        GradingInput input = AnswerSheets.parse(root, EXTRA_FIELDS);
        if (!mainPack.id().equals(input.packId())) {
            throw new GradingException("pack", "must be '" + mainPack.id() + "' (the pack this installation assesses with)");
        }
        String collar = text(root, "collarNumber");
        if (collar == null || collar.isBlank()) {
            throw new GradingException("collarNumber", "missing: who submitted the assessment");
        }
        LocalDateTime occurred = input.incidentDate() == null ? null : input.incidentDate().atStartOfDay();
        String occurredText = text(root, "incidentOccurredAt");
        if (occurredText != null) {
            try {
                occurred = LocalDateTime.parse(occurredText);
            } catch (DateTimeParseException e) {
                throw new GradingException("incidentOccurredAt", "'" + occurredText + "' is not a date and time (YYYY-MM-DDTHH:MM)");
            }
        }
        List<String> abusers = new ArrayList<>();
        JsonNode names = root.get("abuserNames");
        if (names != null && !names.isNull()) {
            if (!names.isArray()) {
                throw new GradingException("abuserNames", "must be an array of names");
            }
            for (int i = 0; i < names.size(); i++) {
                if (!names.get(i).isTextual()) {
                    throw new GradingException("abuserNames[" + i + "]", "must be text");
                }
                abusers.add(names.get(i).asText());
            }
        }
        AssessmentContent content = AssessmentContent.start(mainPack.id(), mainPack.version(), Channel.AT_SCENE,
                        new Officer(collar.strip(), text(root, "officerName")), null)
                .withPeople(new People(text(root, "victimName"), abusers, List.of(), input.childrenOrDependants()))
                .withIncident(new Incident(occurred, text(root, "place"), text(root, "district"), text(root, "incidentReference"),
                        input.policeCalloutsLast12Months(), input.lastMaracReferral()))
                .withJudgement(input.judgement());
        for (Map.Entry<String, org.dashdesk.grading.Choice> e : input.answers().entrySet()) {
            content = content.withAnswer(Answer.choice(e.getKey(), e.getValue()));
        }
        return new ImportLine(collar.strip(), content);
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new GradingException(field, "must be text");
        }
        return n.asText();
    }
}
