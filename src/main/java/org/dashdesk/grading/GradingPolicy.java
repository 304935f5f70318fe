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
import org.dashdesk.json.StrictJson;

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
 * @param notAskedReasons  why a counted question may be left not asked (victim declined, could not
 *                         speak safely …), in the force's words; the standard set when the file has none
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
        List<Rule> rules,
        List<NotAskedReason> notAskedReasons) {

    public static final String DEFAULT_ID = "dash-2009-default";

    public record Band(RiskLevel level, int minYes, String criterion) {
    }

    public record Escalation(int minCallouts, RiskLevel level, String criterion) {
    }

    public record RepeatMarac(int withinMonths, RiskLevel level, String criterion) {
    }

    public record Rule(String criterion, List<String> anyYes, RiskLevel atLeast, String reason) {
    }

    /** A reason a question was not put to the victim: an id kept with the answer, and its words. */
    public record NotAskedReason(String id, String label) {
    }

    /** The reasons a policy without its own list offers. */
    public static final List<NotAskedReason> STANDARD_NOT_ASKED_REASONS = List.of(
            new NotAskedReason("victim_declined", "Victim declined to answer"),
            new NotAskedReason("not_safe_to_ask", "Could not be asked safely (the abuser present or nearby)"),
            new NotAskedReason("language_or_communication", "Language or communication barrier"),
            new NotAskedReason("victim_unable", "Victim unable to answer (injury, intoxication or distress)"),
            new NotAskedReason("ended_early", "Assessment ended early"));

    /** A policy as it was before not-asked reasons: the standard set. */
    public GradingPolicy(String id, String version, String packId, Set<String> countedQuestions, List<Band> bands, Escalation escalation,
            RepeatMarac repeatMarac, RiskLevel maracLevel, List<Rule> rules) {
        this(id, version, packId, countedQuestions, bands, escalation, repeatMarac, maracLevel, rules, null);
    }

    /**
     * A criterion in words, from this policy: "14+ yes answers (visible high risk)", "3+ police
     * call-outs in 12 months (escalation)", "Repeat MARAC", "Professional judgement", or a force
     * rule's own description. Never the code itself: no screen shows an enum (issue 11).
     */
    public String criterionLabel(String code) {
        for (Rule r : rules) {
            if (code.equals(r.criterion()) && r.reason() != null && !r.reason().isBlank()) {
                return r.reason().strip();
            }
        }
        for (Band b : bands) {
            if (code.equals(b.criterion())) {
                return b.minYes() + "+ yes answers (" + (Criterion.VISIBLE_HIGH_RISK.equals(code) ? "visible high risk" : words(code)) + ")";
            }
        }
        if (escalation != null && code.equals(escalation.criterion())) {
            return escalation.minCallouts() + "+ police call-outs in 12 months (escalation)";
        }
        if (repeatMarac != null && code.equals(repeatMarac.criterion())) {
            return "Repeat MARAC";
        }
        if (Criterion.PROFESSIONAL_JUDGEMENT.equals(code)) {
            return "Professional judgement";
        }
        return words(code);
    }

    /** A code no policy gives words for, made readable: "FORCE_RULE_7" → "Force rule 7". */
    public static String words(String code) {
        String s = code.replace('_', ' ').toLowerCase(java.util.Locale.ROOT).strip();
        return s.isEmpty() ? code : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** The words of a not-asked reason id; the id itself for one this policy does not know. */
    public String notAskedLabel(String reasonId) {
        return notAskedReasons.stream().filter(r -> r.id().equals(reasonId)).map(NotAskedReason::label).findFirst().orElse(reasonId);
    }

    public GradingPolicy {
        countedQuestions = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(countedQuestions));
        bands = List.copyOf(bands);
        rules = List.copyOf(rules);
        notAskedReasons = notAskedReasons == null || notAskedReasons.isEmpty() ? STANDARD_NOT_ASKED_REASONS : List.copyOf(notAskedReasons);
    }

    /** A policy file as written: its shape; what the values mean is checked by {@link #read}. */
    record PolicyFile(String id, String version, String pack, String description, List<String> countedQuestions,
            List<BandFile> bands, EscalationFile escalation, RepeatMaracFile repeatMarac, String maracLevel,
            List<RuleFile> rules, List<NotAskedReasonFile> notAskedReasons) {
    }

    record NotAskedReasonFile(String id, String label) {
    }

    record BandFile(String level, Integer minYes, String criterion) {
    }

    record EscalationFile(Integer minCallouts, String level, String criterion) {
    }

    record RepeatMaracFile(Integer withinMonths, String level, String criterion) {
    }

    record RuleFile(String criterion, List<String> anyYes, String atLeast, String reason) {
    }

    /** Where the built-in policies live in the jar. */
    static final String RESOURCE_DIR = "/org/dashdesk/grading/policies/";

    /** The built-in {@code dash-2009-default} policy, read from the jar once (it is immutable). */
    public static GradingPolicy builtInDefault() {
        return BuiltInDefault.POLICY;
    }

    /** Holder: read on first use, so a class that only names the policy does not parse it. */
    private static final class BuiltInDefault {
        static final GradingPolicy POLICY = builtIn(DEFAULT_ID);
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
        PolicyFile file;
        try {
            JsonNode root = StrictJson.read(in.readAllBytes());
            if (root == null || !root.isObject()) {
                throw new PolicyValidationException(origin, "$", "must be a JSON object");
            }
            file = StrictJson.bind(root, PolicyFile.class);
        } catch (StrictJson.Malformed e) {
            throw new PolicyValidationException(origin, e.jsonPath(), e.kind() == StrictJson.Malformed.Kind.SYNTAX
                    ? "not valid JSON (line " + e.line() + ", column " + e.column() + ")"
                    : e.getMessage());
        } catch (IOException e) {
            throw new PolicyValidationException(origin, "$", "cannot be read: " + e.getMessage());
        }
        Fields p = new Fields(origin);
        String id = p.text(file.id(), "$.id");
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw p.error("$.id", "must be lower-case letters, digits, '.', '_' or '-'");
        }
        String version = p.text(file.version(), "$.version");
        String pack = p.text(file.pack(), "$.pack");
        List<String> countedList = p.texts(file.countedQuestions(), "$.countedQuestions");
        Set<String> counted = new LinkedHashSet<>();
        for (int i = 0; i < countedList.size(); i++) {
            if (!counted.add(countedList.get(i))) {
                throw p.error("$.countedQuestions[" + i + "]", "'" + countedList.get(i) + "' is listed twice");
            }
        }
        List<Band> bands = new ArrayList<>();
        List<BandFile> bandFiles = p.nonEmpty(file.bands(), "$.bands");
        int lastMin = -1;
        RiskLevel lastLevel = null;
        for (int i = 0; i < bandFiles.size(); i++) {
            String path = "$.bands[" + i + "]";
            BandFile b = p.object(bandFiles.get(i), path);
            int min = p.count(b.minYes(), path + ".minYes");
            if (min <= lastMin) {
                throw p.error(path + ".minYes", "bands must be in increasing minYes order");
            }
            if (i == 0 && min != 0) {
                throw p.error(path + ".minYes", "the first band must start at 0");
            }
            RiskLevel level = p.level(b.level(), path + ".level");
            // More yes answers must never give a lower (or the same, pointlessly split) level.
            if (lastLevel != null && !level.isAbove(lastLevel)) {
                throw p.error(path + ".level", "'" + level.jsonName() + "' does not rise above the previous band's '"
                        + lastLevel.jsonName() + "': band levels must rise with minYes");
            }
            lastMin = min;
            lastLevel = level;
            bands.add(new Band(level, min, b.criterion() == null ? null : p.text(b.criterion(), path + ".criterion")));
        }
        Escalation escalation = null;
        if (file.escalation() != null) {
            EscalationFile e = file.escalation();
            escalation = new Escalation(p.count(e.minCallouts(), "$.escalation.minCallouts"),
                    p.level(e.level(), "$.escalation.level"), p.text(e.criterion(), "$.escalation.criterion"));
        }
        RepeatMarac repeat = null;
        if (file.repeatMarac() != null) {
            RepeatMaracFile r = file.repeatMarac();
            repeat = new RepeatMarac(p.count(r.withinMonths(), "$.repeatMarac.withinMonths"),
                    p.level(r.level(), "$.repeatMarac.level"), p.text(r.criterion(), "$.repeatMarac.criterion"));
        }
        RiskLevel marac = p.level(file.maracLevel(), "$.maracLevel");
        List<Rule> rules = new ArrayList<>();
        List<RuleFile> ruleFiles = file.rules() == null ? List.of() : file.rules();
        for (int i = 0; i < ruleFiles.size(); i++) {
            String path = "$.rules[" + i + "]";
            RuleFile r = p.object(ruleFiles.get(i), path);
            rules.add(new Rule(p.text(r.criterion(), path + ".criterion"), p.texts(r.anyYes(), path + ".anyYes"),
                    p.level(r.atLeast(), path + ".atLeast"), p.text(r.reason(), path + ".reason")));
        }
        List<NotAskedReason> notAsked = new ArrayList<>();
        List<NotAskedReasonFile> reasonFiles = file.notAskedReasons() == null ? List.of() : file.notAskedReasons();
        Set<String> reasonIds = new LinkedHashSet<>();
        for (int i = 0; i < reasonFiles.size(); i++) {
            String path = "$.notAskedReasons[" + i + "]";
            NotAskedReasonFile r = p.object(reasonFiles.get(i), path);
            String reasonId = p.text(r.id(), path + ".id");
            if (!reasonId.matches("[a-z][a-z0-9_]*")) {
                throw p.error(path + ".id", "must be lower-case letters, digits or '_', starting with a letter");
            }
            if (!reasonIds.add(reasonId)) {
                throw p.error(path + ".id", "'" + reasonId + "' is listed twice");
            }
            notAsked.add(new NotAskedReason(reasonId, p.text(r.label(), path + ".label")));
        }
        return new GradingPolicy(id, version, pack, counted, bands, escalation, repeat, marac, rules, notAsked);
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

    /** The checks the fields of a policy share, each naming the file and path. */
    private record Fields(String origin) {
        PolicyValidationException error(String path, String problem) {
            return new PolicyValidationException(origin, path, problem);
        }

        <T> T object(T value, String path) {
            if (value == null) {
                throw error(path, "must be a JSON object");
            }
            return value;
        }

        String text(String value, String path) {
            if (value == null || value.isBlank()) {
                throw error(path, "missing or blank");
            }
            return value;
        }

        int count(Integer value, String path) {
            if (value == null || value < 0) {
                throw error(path, "missing or not a whole number ≥ 0");
            }
            return value;
        }

        RiskLevel level(String value, String path) {
            try {
                return RiskLevel.fromJson(text(value, path));
            } catch (PolicyValidationException e) {
                throw e;
            } catch (IllegalArgumentException e) {
                throw error(path, e.getMessage());
            }
        }

        <T> List<T> nonEmpty(List<T> values, String path) {
            if (values == null || values.isEmpty()) {
                throw error(path, "missing or not a non-empty array");
            }
            return values;
        }

        List<String> texts(List<String> values, String path) {
            nonEmpty(values, path);
            for (int i = 0; i < values.size(); i++) {
                text(values.get(i), path + "[" + i + "]");
            }
            return values;
        }
    }
}
