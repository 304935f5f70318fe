package org.dashdesk.grading;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The answer-sheet JSON format of the {@code grade} command (also the core of {@code import}
 * lines), and the JSON form of a {@link GradingResult}. Every refusal names the field at fault.
 */
public final class AnswerSheets {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AnswerSheets() {
    }

    /** Parses an answer sheet that is already a JSON tree. */
    public static GradingInput parse(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new GradingException("$", "an answer sheet must be a JSON object");
        }
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
