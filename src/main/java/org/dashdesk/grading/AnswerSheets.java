package org.dashdesk.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dashdesk.json.StrictJson;

/**
 * The answer-sheet JSON format of the {@code grade} command (also the core of {@code import}
 * lines), and the JSON form of a {@link GradingResult}. Every refusal names the field at fault.
 */
public final class AnswerSheets {

    private static final ObjectMapper MAPPER = org.dashdesk.json.JsonMappers.strict();

    /**
     * An answer sheet as written. The answers stay JSON values because a wrong one is named as it
     * was written ({@code 1 is not an allowed answer}); everything else binds to its type.
     */
    record SheetFile(String pack, String incidentDate, Map<String, JsonNode> answers, Integer policeCalloutsLast12Months,
            String lastMaracReferral, JudgementFile professionalJudgement, Boolean childrenOrDependants) {
    }

    record JudgementFile(String level, String rationale) {
    }

    /** The top-level fields of an answer sheet, for formats that add their own beside them. */
    public static final List<String> FIELDS = StrictJson.fieldNames(SheetFile.class);

    private AnswerSheets() {
    }

    /**
     * Parses the text of one answer sheet strictly: content after the object and a key given twice
     * are refused, because either would otherwise change the grading without anyone noticing.
     *
     * @throws GradingException naming {@code $} (syntax, trailing content) or the repeated key's field
     */
    public static JsonNode read(byte[] json) {
        try {
            return StrictJson.read(json);
        } catch (StrictJson.Malformed e) {
            throw new GradingException(e.field(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an answer sheet that is already a JSON tree; only the sheet's own fields are allowed. */
    public static GradingInput parse(JsonNode root) {
        return parse(root, Set.of());
    }

    /**
     * As {@link #parse(JsonNode)}, for formats built on the answer sheet (an {@code import} line):
     * {@code extraFields} are the further top-level fields the caller reads itself.
     */
    public static GradingInput parse(JsonNode root, Collection<String> extraFields) {
        if (root == null || !root.isObject()) {
            throw new GradingException("$", "an answer sheet must be a JSON object");
        }
        SheetFile sheet;
        try {
            sheet = StrictJson.bind(root, SheetFile.class, extraFields);
        } catch (StrictJson.Malformed e) {
            throw new GradingException(e.field(), problem(e));
        }
        if (sheet.pack() == null || sheet.pack().isBlank()) {
            throw new GradingException("pack", "missing or blank");
        }
        if (sheet.answers() == null) {
            throw new GradingException("answers", "missing: an object of question id → yes/no/dont_know");
        }
        Map<String, Choice> answers = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : sheet.answers().entrySet()) {
            JsonNode v = e.getValue();
            try {
                answers.put(e.getKey(), Choice.fromJson(v != null && v.isTextual() ? v.asText() : null));
            } catch (IllegalArgumentException ex) {
                throw new GradingException("answers." + e.getKey(), (v != null && v.isTextual() ? "'" + v.asText() + "'" : String.valueOf(v))
                        + " is not an allowed answer (yes, no or dont_know)");
            }
        }
        ProfessionalJudgement judgement = null;
        JudgementFile pj = sheet.professionalJudgement();
        if (pj != null) {
            RiskLevel level;
            try {
                level = RiskLevel.fromJson(pj.level());
            } catch (IllegalArgumentException e) {
                throw new GradingException("professionalJudgement.level", e.getMessage());
            }
            judgement = new ProfessionalJudgement(level, pj.rationale());
        }
        Integer callouts = sheet.policeCalloutsLast12Months();
        if (callouts != null && callouts < 0) {
            throw new GradingException("policeCalloutsLast12Months", "must be a whole number, 0 or more");
        }
        return new GradingInput(sheet.pack(), date(sheet.incidentDate(), "incidentDate"), answers, sheet.childrenOrDependants(),
                callouts, date(sheet.lastMaracReferral(), "lastMaracReferral"), judgement);
    }

    /** The strict reader's problem, in the sheet's words where the sheet's own are clearer. */
    private static String problem(StrictJson.Malformed e) {
        if (e.kind() != StrictJson.Malformed.Kind.WRONG_TYPE) {
            return e.getMessage();
        }
        return switch (e.field()) {
            case "answers" -> "must be an object of question id → yes/no/dont_know";
            case "professionalJudgement" -> "must be an object with level and rationale";
            case "incidentDate", "lastMaracReferral" -> "must be a date as text, YYYY-MM-DD";
            case "policeCalloutsLast12Months" -> "must be a whole number, 0 or more";
            default -> e.getMessage();
        };
    }

    private static LocalDate date(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            return LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new GradingException(field, "'" + text + "' is not a date (YYYY-MM-DD)");
        }
    }

    /** The result in the {@code grade} command's output format. */
    public static ObjectNode toJson(GradingResult r) {
        ObjectNode out = MAPPER.createObjectNode();
        out.put("level", r.level().jsonName());
        out.put("computedLevel", r.computedLevel().jsonName());
        out.put("yesCount", r.yesCount());
        ObjectNode scores = out.putObject("packScores");
        r.packScores().forEach(scores::put);
        out.put("maracReferral", r.maracReferral());
        ArrayNode criteria = out.putArray("criteria");
        r.criteria().forEach(criteria::add);
        ArrayNode reasons = out.putArray("reasons");
        r.reasons().forEach(reasons::add);
        ArrayNode unanswered = out.putArray("unanswered");
        r.unanswered().forEach(unanswered::add);
        ObjectNode policy = out.putObject("policy");
        policy.put("id", r.policyId());
        policy.put("version", r.policyVersion());
        return out;
    }
}
