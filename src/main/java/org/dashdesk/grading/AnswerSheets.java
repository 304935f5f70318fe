package org.dashdesk.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.dashdesk.instrument.StrictJson;

/**
 * The answer-sheet JSON format of the {@code grade} command (also the core of {@code import}
 * lines), and the JSON form of a {@link GradingResult}. Every refusal names the field at fault.
 */
public final class AnswerSheets {

    private static final ObjectMapper MAPPER = org.dashdesk.json.JsonMappers.strict();

    /** The top-level fields of an answer sheet; anything else is a mistake, most often a misspelling. */
    public static final List<String> FIELDS = List.of("pack", "incidentDate", "answers", "policeCalloutsLast12Months",
            "lastMaracReferral", "professionalJudgement", "childrenOrDependants");
    private static final List<String> JUDGEMENT_FIELDS = List.of("level", "rationale");

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
            String path = e.jsonPath();
            throw new GradingException(path.startsWith("$.") ? path.substring(2) : path, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses an answer sheet that is already a JSON tree; only the sheet's own {@link #FIELDS} are allowed. */
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
        List<String> allowed = new ArrayList<>(FIELDS);
        allowed.addAll(extraFields);
        refuseUnknown(root, "", allowed);
        JsonNode pack = root.get("pack");
        if (pack == null || !pack.isTextual() || pack.asText().isBlank()) {
            throw new GradingException("pack", "missing or not text");
        }
        JsonNode answersNode = root.get("answers");
        if (answersNode == null || !answersNode.isObject()) {
            throw new GradingException("answers", "missing or not an object of question id → yes/no/dont_know");
        }
        Map<String, Choice> answers = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = answersNode.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            try {
                answers.put(e.getKey(), Choice.fromJson(v.isTextual() ? v.asText() : null));
            } catch (IllegalArgumentException ex) {
                throw new GradingException("answers." + e.getKey(), (v.isTextual() ? "'" + v.asText() + "'" : v.toString())
                        + " is not an allowed answer (yes, no or dont_know)");
            }
        }
        ProfessionalJudgement judgement = null;
        JsonNode pj = root.get("professionalJudgement");
        if (pj != null && !pj.isNull()) {
            if (!pj.isObject()) {
                throw new GradingException("professionalJudgement", "must be an object with level and rationale");
            }
            refuseUnknown(pj, "professionalJudgement.", JUDGEMENT_FIELDS);
            RiskLevel level;
            try {
                level = RiskLevel.fromJson(pj.path("level").isTextual() ? pj.get("level").asText() : null);
            } catch (IllegalArgumentException e) {
                throw new GradingException("professionalJudgement.level", e.getMessage());
            }
            JsonNode rationale = pj.get("rationale");
            if (rationale != null && !rationale.isNull() && !rationale.isTextual()) {
                throw new GradingException("professionalJudgement.rationale", "must be text");
            }
            judgement = new ProfessionalJudgement(level, rationale == null || rationale.isNull() ? null : rationale.asText());
        }
        Integer callouts = null;
        JsonNode c = root.get("policeCalloutsLast12Months");
        if (c != null && !c.isNull()) {
            if (!c.isIntegralNumber() || !c.canConvertToInt() || c.asInt() < 0) {
                throw new GradingException("policeCalloutsLast12Months", "must be a whole number, 0 or more");
            }
            callouts = c.asInt();
        }
        Boolean children = null;
        JsonNode ch = root.get("childrenOrDependants");
        if (ch != null && !ch.isNull()) {
            if (!ch.isBoolean()) {
                throw new GradingException("childrenOrDependants", "must be true or false");
            }
            children = ch.asBoolean();
        }
        return new GradingInput(pack.asText(), date(root, "incidentDate"), answers, children, callouts,
                date(root, "lastMaracReferral"), judgement);
    }

    private static void refuseUnknown(JsonNode object, String prefix, List<String> allowed) {
        Optional<String> unknown = StrictJson.unknownField(object, allowed);
        if (unknown.isPresent()) {
            throw new GradingException(prefix + unknown.get(), StrictJson.unknownFieldProblem(unknown.get(), allowed));
        }
    }

    private static LocalDate date(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isTextual()) {
            throw new GradingException(field, "must be a date as text, YYYY-MM-DD");
        }
        try {
            return LocalDate.parse(n.asText());
        } catch (DateTimeParseException e) {
            throw new GradingException(field, "'" + n.asText() + "' is not a date (YYYY-MM-DD)");
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
