package org.dashdesk.grading;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The built-in {@code dash-2009-default} policy. */
    public static GradingPolicy builtInDefault() {
        String resource = "/org/dashdesk/grading/policies/" + DEFAULT_ID + ".json";
        try (InputStream in = GradingPolicy.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("built-in policy missing from the jar: " + resource);
            }
            return read(in, "built-in " + DEFAULT_ID + ".json");
        } catch (IOException e) {
            throw new IllegalStateException("built-in policy unreadable", e);
        }
    }

    /** Reads and validates a policy; problems name the origin and the JSON path. */
    public static GradingPolicy read(InputStream in, String origin) {
        JsonNode root;
        try {
            root = MAPPER.readTree(in);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(origin + ": $: not valid JSON (line " + e.getLocation().getLineNr() + ")");
        } catch (IOException e) {
            throw new IllegalArgumentException(origin + ": cannot be read: " + e.getMessage());
        }
        Parser p = new Parser(origin);
        String id = p.text(root, "$", "id");
        String version = p.text(root, "$", "version");
        String pack = p.text(root, "$", "pack");
        Set<String> counted = new LinkedHashSet<>(p.strings(root, "$", "countedQuestions"));
        List<Band> bands = new ArrayList<>();
        JsonNode bandsNode = p.array(root, "$", "bands");
        int lastMin = -1;
        for (int i = 0; i < bandsNode.size(); i++) {
            JsonNode b = bandsNode.get(i);
            String path = "$.bands[" + i + "]";
            int min = p.integer(b, path, "minYes");
            if (min <= lastMin) {
                throw p.error(path + ".minYes", "bands must be in increasing minYes order");
            }
            if (i == 0 && min != 0) {
                throw p.error(path + ".minYes", "the first band must start at 0");
            }
            lastMin = min;
            bands.add(new Band(p.level(b, path, "level"), min, b.hasNonNull("criterion") ? p.text(b, path, "criterion") : null));
        }
        Escalation escalation = null;
        if (root.hasNonNull("escalation")) {
            JsonNode e = root.get("escalation");
            escalation = new Escalation(p.integer(e, "$.escalation", "minCallouts"), p.level(e, "$.escalation", "level"),
                    p.text(e, "$.escalation", "criterion"));
        }
        RepeatMarac repeat = null;
        if (root.hasNonNull("repeatMarac")) {
            JsonNode r = root.get("repeatMarac");
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
                rules.add(new Rule(p.text(r, path, "criterion"), p.strings(r, path, "anyYes"), p.level(r, path, "atLeast"),
                        p.text(r, path, "reason")));
            }
        }
        return new GradingPolicy(id, version, pack, counted, bands, escalation, repeat, marac, rules);
    }

    private record Parser(String origin) {
        IllegalArgumentException error(String path, String problem) {
            return new IllegalArgumentException(origin + ": " + path + ": " + problem);
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
