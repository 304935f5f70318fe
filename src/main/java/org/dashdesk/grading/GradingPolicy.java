package org.dashdesk.grading;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.instrument.Question;
import org.dashdesk.instrument.StrictJson;

/**
 * A versioned grading policy read from JSON, so a force changes thresholds and triggers without a
 * code change. Every grading records the id and version of the policy that produced it.
 *
 * @param countedQuestions the questions whose yes answers make the yes-count (Q1–Q27)
 * @param bands            lowest first; the highest band whose {@code minYes} the count reaches wins
 * @param escalation       null when the policy has no call-out trigger
 * @param repeatMarac      null when the policy has no repeat-MARAC trigger
 * @param maracLevel       the final level at or above which a MARAC referral is made
 * @param rules            "any of these questions yes → at least LEVEL"
 */
public record GradingPolicy(
        String id,
        String version,
        String packId,
        Set<String> countedQuestions,
        List<Band> bands,
        Escalation escalation,
        RepeatMarac repeatMarac,
        RiskLevel maracLevel,
        List<Rule> rules) {

    public static final String DEFAULT_ID = "dash-2009-default";

    public record Band(RiskLevel level, int minYes, String criterion) {
    }

    public record Escalation(int minCallouts, RiskLevel level, String criterion) {
    }

    public record RepeatMarac(int withinMonths, RiskLevel level, String criterion) {
    }

    public record Rule(String criterion, List<String> anyYes, RiskLevel atLeast, String reason) {
    }

    public GradingPolicy {
        countedQuestions = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(countedQuestions));
        bands = List.copyOf(bands);
        rules = List.copyOf(rules);
    }

    /** The fields each object of a policy may have; anything else is refused (a typo would be ignored). */
    static final List<String> FIELDS = List.of("id", "version", "pack", "description", "countedQuestions", "bands",
            "escalation", "repeatMarac", "maracLevel", "rules");
    static final List<String> BAND_FIELDS = List.of("level", "minYes", "criterion");
    static final List<String> ESCALATION_FIELDS = List.of("minCallouts", "level", "criterion");
    static final List<String> REPEAT_MARAC_FIELDS = List.of("withinMonths", "level", "criterion");
    static final List<String> RULE_FIELDS = List.of("criterion", "anyYes", "atLeast", "reason");

    /** Where the built-in policies live in the jar. */
    static final String RESOURCE_DIR = "/org/dashdesk/grading/policies/";

    /** The built-in {@code dash-2009-default} policy. */
    public static GradingPolicy builtInDefault() {
        return builtIn(DEFAULT_ID);
    }

    static GradingPolicy builtIn(String id) {
        String resource = RESOURCE_DIR + id + ".json";
        try (InputStream in = GradingPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in policy missing from the jar: " + resource);
            }
            return read(in, "built-in " + id + ".json");
        } catch (IOException e) {
            throw new IllegalStateException("built-in policy unreadable", e);
        }
    }

    /**
     * Reads and validates a policy on its own: the format, and bands whose levels rise with
     * {@code minYes}. Whether the questions it names exist is {@link #checkAgainst}'s business.
     *
     * @throws PolicyValidationException naming the origin and the JSON path
     */
    public static GradingPolicy read(InputStream in, String origin) {
        JsonNode root;
        try {
            root = StrictJson.read(in.readAllBytes());
        } catch (StrictJson.Malformed e) {
            throw new PolicyValidationException(origin, e.jsonPath(), e.kind() == StrictJson.Malformed.Kind.SYNTAX
                    ? "not valid JSON (line " + e.line() + ", column " + e.column() + ")"
                    : e.getMessage());
        } catch (IOException e) {
            throw new PolicyValidationException(origin, "$", "cannot be read: " + e.getMessage());
        }
        Parser p = new Parser(origin);
        p.object(root, "$", FIELDS);
        String id = p.text(root, "$", "id");
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw p.error("$.id", "must be lower-case letters, digits, '.', '_' or '-'");
        }
        String version = p.text(root, "$", "version");
        String pack = p.text(root, "$", "pack");
        if (root.has("description") && !root.get("description").isTextual()) {
            throw p.error("$.description", "must be text");
        }
        List<String> countedList = p.strings(root, "$", "countedQuestions");
        Set<String> counted = new LinkedHashSet<>();
        for (int i = 0; i < countedList.size(); i++) {
            if (!counted.add(countedList.get(i))) {
                throw p.error("$.countedQuestions[" + i + "]", "'" + countedList.get(i) + "' is listed twice");
            }
        }
        List<Band> bands = new ArrayList<>();
        JsonNode bandsNode = p.array(root, "$", "bands");
        int lastMin = -1;
        RiskLevel lastLevel = null;
        for (int i = 0; i < bandsNode.size(); i++) {
            JsonNode b = bandsNode.get(i);
            String path = "$.bands[" + i + "]";
            p.object(b, path, BAND_FIELDS);
            int min = p.integer(b, path, "minYes");
            if (min <= lastMin) {
                throw p.error(path + ".minYes", "bands must be in increasing minYes order");
            }
            if (i == 0 && min != 0) {
                throw p.error(path + ".minYes", "the first band must start at 0");
            }
            RiskLevel level = p.level(b, path, "level");
            // More yes answers must never give a lower (or the same, pointlessly split) level.
            if (lastLevel != null && !level.isAbove(lastLevel)) {
                throw p.error(path + ".level", "'" + level.jsonName() + "' does not rise above the previous band's '"
                        + lastLevel.jsonName() + "': band levels must rise with minYes");
            }
            lastMin = min;
            lastLevel = level;
            bands.add(new Band(level, min, b.hasNonNull("criterion") ? p.text(b, path, "criterion") : null));
        }
        Escalation escalation = null;
        if (root.hasNonNull("escalation")) {
            JsonNode e = root.get("escalation");
            p.object(e, "$.escalation", ESCALATION_FIELDS);
            escalation = new Escalation(p.integer(e, "$.escalation", "minCallouts"), p.level(e, "$.escalation", "level"),
                    p.text(e, "$.escalation", "criterion"));
        }
        RepeatMarac repeat = null;
        if (root.hasNonNull("repeatMarac")) {
            JsonNode r = root.get("repeatMarac");
            p.object(r, "$.repeatMarac", REPEAT_MARAC_FIELDS);
            repeat = new RepeatMarac(p.integer(r, "$.repeatMarac", "withinMonths"), p.level(r, "$.repeatMarac", "level"),
                    p.text(r, "$.repeatMarac", "criterion"));
        }
        RiskLevel marac = p.level(root, "$", "maracLevel");
        List<Rule> rules = new ArrayList<>();
        if (root.hasNonNull("rules")) {
            JsonNode rulesNode = root.get("rules");
            if (!rulesNode.isArray()) {
                throw p.error("$.rules", "must be an array");
            }
            for (int i = 0; i < rulesNode.size(); i++) {
                JsonNode r = rulesNode.get(i);
                String path = "$.rules[" + i + "]";
                p.object(r, path, RULE_FIELDS);
                rules.add(new Rule(p.text(r, path, "criterion"), p.strings(r, path, "anyYes"), p.level(r, path, "atLeast"),
                        p.text(r, path, "reason")));
            }
        }
        return new GradingPolicy(id, version, pack, counted, bands, escalation, repeat, marac, rules);
    }

    /**
     * Checks the questions the policy names against the packs loaded: its pack is a main pack; each
     * counted question is a yes/no question of that pack (supplements never move the band); each
     * rule's question is a yes/no question of the assessment (the pack and its supplements).
     *
     * @param origin the policy's file, for the message
     * @throws PolicyValidationException naming the origin and the JSON path
     */
    public void checkAgainst(PackRegistry packs, String origin) {
        Optional<InstrumentPack> main = packs.find(packId);
        if (main.isEmpty()) {
            throw new PolicyValidationException(origin, "$.pack", "no pack with id '" + packId + "'");
        }
        if (!main.get().isMain()) {
            throw new PolicyValidationException(origin, "$.pack", "'" + packId + "' supplements '" + main.get().supplements()
                    + "'; a policy grades a main pack");
        }
        List<String> counted = List.copyOf(countedQuestions);
        for (int i = 0; i < counted.size(); i++) {
            String problem = notAChoice(main.get().question(counted.get(i)), counted.get(i), "pack '" + packId + "'");
            if (problem != null) {
                throw new PolicyValidationException(origin, "$.countedQuestions[" + i + "]", problem);
            }
        }
        Map<String, Question> assessment = new LinkedHashMap<>();
        packs.assessmentPacks(packId).forEach(p -> assessment.putAll(p.questionsById()));
        for (int i = 0; i < rules.size(); i++) {
            List<String> ids = rules.get(i).anyYes();
            for (int j = 0; j < ids.size(); j++) {
                String problem = notAChoice(Optional.ofNullable(assessment.get(ids.get(j))), ids.get(j),
                        "pack '" + packId + "' or its supplements");
                if (problem != null) {
                    throw new PolicyValidationException(origin, "$.rules[" + i + "].anyYes[" + j + "]", problem);
                }
            }
        }
    }

    private static String notAChoice(Optional<Question> question, String id, String where) {
        if (question.isEmpty()) {
            return "'" + id + "' is not a question of " + where;
        }
        if (!question.get().kind().hasChoice()) {
            return "'" + id + "' takes " + question.get().kind().jsonName() + ", not yes/no/dont_know, so it cannot be counted";
        }
        return null;
    }

    /** Every question id the policy reads: the counted ones and those of its rules. */
    public Set<String> questionsNamed() {
        Set<String> ids = new LinkedHashSet<>(countedQuestions);
        rules.forEach(r -> ids.addAll(r.anyYes()));
        return java.util.Collections.unmodifiableSet(ids);
    }

    private record Parser(String origin) {
        PolicyValidationException error(String path, String problem) {
            return new PolicyValidationException(origin, path, problem);
        }

        void object(JsonNode node, String path, List<String> allowed) {
            if (node == null || !node.isObject()) {
                throw error(path, "must be a JSON object");
            }
            Optional<String> unknown = StrictJson.unknownField(node, allowed);
            if (unknown.isPresent()) {
                throw error(path + "." + unknown.get(), StrictJson.unknownFieldProblem(unknown.get(), allowed));
            }
        }

        String text(JsonNode node, String path, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isTextual() || v.asText().isBlank()) {
                throw error(path + "." + field, "missing or not text");
            }
            return v.asText();
        }

        int integer(JsonNode node, String path, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 0) {
                throw error(path + "." + field, "missing or not a whole number ≥ 0");
            }
            return v.asInt();
        }

        RiskLevel level(JsonNode node, String path, String field) {
            try {
                return RiskLevel.fromJson(text(node, path, field));
            } catch (PolicyValidationException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw error(path + "." + field, e.getMessage());
            }
        }

        JsonNode array(JsonNode node, String path, String field) {
            JsonNode v = node.get(field);
            if (v == null || !v.isArray() || v.isEmpty()) {
                throw error(path + "." + field, "missing or not a non-empty array");
            }
            return v;
        }

        List<String> strings(JsonNode node, String path, String field) {
            JsonNode arr = array(node, path, field);
            List<String> out = new ArrayList<>();
            for (int i = 0; i < arr.size(); i++) {
                if (!arr.get(i).isTextual()) {
                    throw error(path + "." + field + "[" + i + "]", "must be text");
                }
                out.add(arr.get(i).asText());
            }
            return out;
        }
    }
}
