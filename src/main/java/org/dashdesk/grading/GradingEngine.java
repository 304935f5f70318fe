package org.dashdesk.grading;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.instrument.Question;
import org.dashdesk.instrument.Section;

/**
 * Grades answers under one policy. Deterministic: it never reads the clock, so the same input
 * always gives the same result (the repeat-MARAC window is measured from the incident date).
 */
public final class GradingEngine {

    private final PackRegistry packs;
    private final GradingPolicy policy;
    /** The policy's pack with its supplements, and every question they hold, resolved once. */
    private final List<InstrumentPack> assessmentPacks;
    private final Map<String, Question> knownQuestions = new LinkedHashMap<>();

    public GradingEngine(PackRegistry packs, GradingPolicy policy) {
        this.packs = packs;
        this.policy = policy;
        this.assessmentPacks = packs.find(policy.packId()).isPresent() ? packs.assessmentPacks(policy.packId()) : List.of();
        assessmentPacks.forEach(p -> knownQuestions.putAll(p.questionsById()));
        for (InstrumentPack p : assessmentPacks) {
            List<String> scored = p.questions().stream()
                    .filter(q -> q.kind().hasChoice() && (!p.isMain() || policy.countedQuestions().contains(q.id())))
                    .map(Question::id).toList();
            scoredByPack.put(p.id(), scored);
            allByPack.put(p.id(), p.questions().stream().map(Question::id).toList());
        }
        packs.find(policy.packId()).ifPresent(main -> {
            for (Section s : main.sections()) {
                for (Question q : s.questions()) {
                    if (policy.countedQuestions().contains(q.id())) {
                        checklist.add(new ChecklistItem(q.id(), s.skipWhenNoChildren()));
                    }
                }
            }
        });
    }

    private record ChecklistItem(String questionId, boolean inChildrenSection) {
    }

    private final Map<String, List<String>> scoredByPack = new LinkedHashMap<>();
    private final Map<String, List<String>> allByPack = new LinkedHashMap<>();
    private final List<ChecklistItem> checklist = new ArrayList<>();

    public GradingPolicy policy() {
        return policy;
    }

    /** Every question of the assessment this engine grades (the policy's pack and its supplements), by id. */
    public Map<String, Question> questions() {
        return java.util.Collections.unmodifiableMap(knownQuestions);
    }

    /**
     * @throws GradingException when the input names an unknown pack or question, answers a question
     *                          that takes no yes/no answer, or carries an invalid judgement
     */
    public GradingResult grade(GradingInput input) {
        if (input.packId() == null || input.packId().isBlank()) {
            throw new GradingException("pack", "missing");
        }
        if (packs.find(input.packId()).isEmpty()) {
            throw new GradingException("pack", "unknown pack '" + input.packId() + "'");
        }
        if (!policy.packId().equals(input.packId())) {
            throw new GradingException("pack", "policy " + policy.id() + " grades pack '" + policy.packId()
                    + "', not '" + input.packId() + "'");
        }
        List<InstrumentPack> set = assessmentPacks;
        Map<String, Question> known = knownQuestions;
        for (String id : input.answers().keySet()) {
            Question q = known.get(id);
            if (q == null) {
                throw new GradingException("answers." + id, "unknown question id for pack '" + input.packId() + "'");
            }
            if (!q.kind().hasChoice()) {
                throw new GradingException("answers." + id, "question takes " + q.kind().jsonName() + ", not yes/no/dont_know");
            }
        }
        if (input.policeCalloutsLast12Months() != null && input.policeCalloutsLast12Months() < 0) {
            throw new GradingException("policeCalloutsLast12Months", "must be 0 or more");
        }

        List<String> criteria = new ArrayList<>();
        List<String> reasons = new ArrayList<>();

        int yesCount = 0;
        int dontKnow = 0;
        for (String id : policy.countedQuestions()) {
            Choice c = input.answers().get(id);
            if (c == Choice.YES) {
                yesCount++;
            } else if (c == Choice.DONT_KNOW) {
                dontKnow++;
            }
        }
        GradingPolicy.Band band = policy.bands().get(0);
        int bandIndex = 0;
        for (int i = 0; i < policy.bands().size(); i++) {
            if (yesCount >= policy.bands().get(i).minYes()) {
                band = policy.bands().get(i);
                bandIndex = i;
            }
        }
        RiskLevel computed = band.level();
        String range = bandIndex + 1 < policy.bands().size()
                ? band.minYes() + "–" + (policy.bands().get(bandIndex + 1).minYes() - 1)
                : band.minYes() + " or more";
        reasons.add(yesCount + " of " + policy.countedQuestions().size() + " checklist questions answered Yes ("
                + range + " Yes: " + band.level().jsonName() + ").");
        if (dontKnow > 0) {
            reasons.add(dontKnow + " answered Don't know, which never counts as Yes.");
        }
        if (band.criterion() != null) {
            criteria.add(band.criterion());
        }

        GradingPolicy.Escalation esc = policy.escalation();
        Integer callouts = input.policeCalloutsLast12Months();
        if (esc != null && callouts != null && callouts >= esc.minCallouts()) {
            criteria.add(esc.criterion());
            computed = RiskLevel.max(computed, esc.level());
            reasons.add("Potential escalation: " + callouts + " police call-outs in the last 12 months (threshold "
                    + esc.minCallouts() + ") → at least " + esc.level().jsonName() + ".");
        }

        GradingPolicy.RepeatMarac rep = policy.repeatMarac();
        LocalDate last = input.lastMaracReferral();
        if (rep != null && last != null) {
            LocalDate incident = input.incidentDate();
            if (incident == null) {
                reasons.add("Repeat MARAC not evaluated: a last MARAC referral is given but no incident date.");
            } else if (!incident.isBefore(last) && !incident.isAfter(last.plusMonths(rep.withinMonths()))) {
                criteria.add(rep.criterion());
                computed = RiskLevel.max(computed, rep.level());
                reasons.add("Repeat MARAC: this incident (" + incident + ") is within " + rep.withinMonths()
                        + " months of the last MARAC referral (" + last + ") → " + rep.level().jsonName() + ".");
            }
        }

        for (GradingPolicy.Rule rule : policy.rules()) {
            List<String> hits = rule.anyYes().stream().filter(id -> input.answers().get(id) == Choice.YES).toList();
            if (!hits.isEmpty()) {
                criteria.add(rule.criterion());
                computed = RiskLevel.max(computed, rule.atLeast());
                reasons.add(rule.reason() + " (" + String.join(", ", hits) + " answered Yes) → at least "
                        + rule.atLeast().jsonName() + ".");
            }
        }

        Map<String, Integer> packScores = new LinkedHashMap<>();
        for (InstrumentPack p : set) {
            List<String> scored = scoredByPack.get(p.id());
            int yes = 0;
            for (String id : scored) {
                if (input.answers().get(id) == Choice.YES) {
                    yes++;
                }
            }
            packScores.put(p.id(), yes);
            if (!p.isMain() && allByPack.get(p.id()).stream().anyMatch(input.answers()::containsKey)) {
                reasons.add(p.id().toUpperCase(java.util.Locale.ROOT) + ": " + yes + " of " + scored.size()
                        + " answered Yes (reported separately; does not change the level).");
            }
        }

        RiskLevel level = computed;
        ProfessionalJudgement judgement = input.judgement();
        if (judgement != null) {
            if (judgement.level() == null) {
                throw new GradingException("professionalJudgement.level", "missing");
            }
            if (judgement.rationale() == null || judgement.rationale().isBlank()) {
                throw new GradingException("professionalJudgement.rationale", "a professional judgement needs written reasons");
            }
            if (computed.isAbove(judgement.level())) {
                throw new GradingException("professionalJudgement.level", "'" + judgement.level().jsonName()
                        + "' is below the computed level '" + computed.jsonName()
                        + "': professional judgement may raise a grading, never lower it");
            }
            if (judgement.level().isAbove(computed)) {
                level = judgement.level();
                criteria.add(Criterion.PROFESSIONAL_JUDGEMENT);
                reasons.add("Professional judgement raised the level from " + computed.jsonName() + " to "
                        + level.jsonName() + ", with written reasons.");
            }
        }
        boolean marac = !policy.maracLevel().isAbove(level);
        if (marac) {
            reasons.add("MARAC referral: the final level is " + level.jsonName() + ".");
        }

        List<String> unanswered = new ArrayList<>();
        boolean skipChildren = Boolean.FALSE.equals(input.childrenOrDependants());
        for (ChecklistItem item : checklist) {
            if (!(skipChildren && item.inChildrenSection()) && !input.answers().containsKey(item.questionId())) {
                unanswered.add(item.questionId());
            }
        }
        return new GradingResult(level, computed, yesCount, packScores, marac, criteria, reasons, unanswered,
                policy.id(), policy.version());
    }
}
