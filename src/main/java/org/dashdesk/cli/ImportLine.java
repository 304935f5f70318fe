package org.dashdesk.cli;

import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
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
import org.dashdesk.json.StrictJson;

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
    record LineFile(String collarNumber, String officerName, String victimName, List<String> abuserNames,
            String incidentOccurredAt, String place, String district, String incidentReference) {
    }

    /** The names of {@link LineFile}'s fields. */
    static final List<String> EXTRA_FIELDS = StrictJson.fieldNames(LineFile.class);

    static ImportLine parse(JsonNode root, InstrumentPack mainPack) {
        GradingInput input = AnswerSheets.parse(root, EXTRA_FIELDS);
        LineFile line;
        try {
            line = StrictJson.bind(root, LineFile.class, AnswerSheets.FIELDS);
        } catch (StrictJson.Malformed e) {
            throw new GradingException(e.field(), e.getMessage());
        }
        if (!mainPack.id().equals(input.packId())) {
            throw new GradingException("pack", "must be '" + mainPack.id() + "' (the pack this installation assesses with)");
        }
        String collar = line.collarNumber();
        if (collar == null || collar.isBlank()) {
            throw new GradingException("collarNumber", "missing: who submitted the assessment");
        }
        LocalDateTime occurred = input.incidentDate() == null ? null : input.incidentDate().atStartOfDay();
        String occurredText = line.incidentOccurredAt();
        if (occurredText != null) {
            try {
                occurred = LocalDateTime.parse(occurredText);
            } catch (DateTimeParseException e) {
                throw new GradingException("incidentOccurredAt", "'" + occurredText + "' is not a date and time (YYYY-MM-DDTHH:MM)");
            }
        }
        List<String> abusers = line.abuserNames() == null ? List.of() : line.abuserNames();
        for (int i = 0; i < abusers.size(); i++) {
            if (abusers.get(i) == null) {
                throw new GradingException("abuserNames[" + i + "]", "must be text");
            }
        }
        AssessmentContent content = AssessmentContent.start(mainPack.id(), mainPack.version(), Channel.AT_SCENE,
                        new Officer(collar.strip(), line.officerName()), null)
                .withPeople(new People(line.victimName(), abusers, List.of(), input.childrenOrDependants()))
                .withIncident(new Incident(occurred, line.place(), line.district(), line.incidentReference(),
                        input.policeCalloutsLast12Months(), input.lastMaracReferral()))
                .withJudgement(input.judgement());
        for (Map.Entry<String, org.dashdesk.grading.Choice> e : input.answers().entrySet()) {
            content = content.withAnswer(Answer.choice(e.getKey(), e.getValue()));
        }
        return new ImportLine(collar.strip(), content);
    }
}
