package org.dashdesk.ui.review;

import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.Completeness;
import org.dashdesk.assessment.Referral;
import org.dashdesk.assessment.ReferralDecision;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.instrument.Question;
import org.dashdesk.instrument.Section;
import org.dashdesk.ui.common.Controls;

/**
 * One revision, read-only: incident, answers by section with their comments and information
 * source, the grading with its reasons and criteria, the officer's judgement and referrals.
 * Nothing here can be edited; each answer card is focusable so a keyboard or screen-reader user
 * can walk through them.
 */
public final class RevisionView extends VBox {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm");

    public RevisionView(Revision r, PackRegistry packs) {
        this(r.content(), r.grading(), r.revisionNumber() + (r.reason() == null ? "" : " — " + r.reason()), r.createdBy(), packs);
    }

    /**
     * Any assessment content, submitted or not: also used by the officer's own read-only record.
     *
     * @param grading      null when there is no grading to show
     * @param revisionLine e.g. "2 — corrected Q5", or null for a never-submitted draft
     * @param createdBy    shown as the officer when the content names none
     */
    public RevisionView(AssessmentContent c, GradingResult grading, String revisionLine, String createdBy, PackRegistry packs) {
        setId("revision-view");
        getStyleClass().add("page");
        setPadding(new Insets(16));
        setSpacing(8);
        getChildren().add(gradingBlock(grading));
        completenessFlag(c, grading, packs).ifPresent(getChildren()::add);
        getChildren().add(heading("Incident and people"));
        getChildren().add(incident(c, revisionLine, createdBy));
        String abuser = c.people().abuserDisplayName();
        if (c.packId() != null && packs.find(c.packId()).isPresent()) {
            for (InstrumentPack p : packs.assessmentPacks(c.packId())) {
                for (Section s : p.sections()) {
                    boolean anyAnswered = s.questions().stream().anyMatch(q -> c.answers().containsKey(q.id()));
                    if (!p.isMain() && !anyAnswered) {
                        continue;
                    }
                    if (s.skipWhenNoChildren() && Boolean.FALSE.equals(c.people().childrenOrDependants())) {
                        continue;
                    }
                    getChildren().add(heading(p.isMain() ? s.title() : p.title() + " — " + s.title()));
                    for (Question q : s.questions()) {
                        getChildren().add(answerCard(q, c.answer(q.id()), abuser));
                    }
                }
            }
        } else {
            getChildren().add(muted("The question pack '" + c.packId() + "' is not on this machine; answers are listed by id."));
            c.answers().values().forEach(a -> getChildren().add(answerCard(null, a, abuser)));
        }
        getChildren().add(heading("Officer's professional judgement"));
        if (c.judgement() == null || c.judgement().level() == null) {
            getChildren().add(new Label("Agreed with the computed level."));
        } else {
            boolean kept = grading != null && c.judgement().level() == grading.computedLevel();
            getChildren().add(wrap((kept ? "Kept at " : "Raised to ") + c.judgement().level().label() + ": "
                    + (c.judgement().rationale() == null ? "" : c.judgement().rationale())));
        }
        getChildren().add(heading("Referrals"));
        if (c.referrals().isEmpty()) {
            getChildren().add(muted("No referrals were prompted."));
        }
        for (Map.Entry<Referral, ReferralDecision> e : c.referrals().entrySet()) {
            ReferralDecision d = e.getValue();
            getChildren().add(wrap(label(e.getKey()) + ": " + (d.chosen() ? "made" : "not made")
                    + (d.reason() == null || d.reason().isBlank() ? "" : " — " + d.reason())));
        }
    }

    private static String label(Referral r) {
        return switch (r) {
            case MARAC -> "MARAC";
            case IDVA -> "IDVA";
            case CHILDRENS_SERVICES -> "Children's services";
            case DVPN -> "DVPN";
        };
    }

    private Node gradingBlock(GradingResult g) {
        VBox box = new VBox(4);
        box.setId("review-grading");
        box.getStyleClass().add("review-card");
        if (g == null) {
            box.getChildren().add(new Label("No grading recorded."));
            return box;
        }
        Label level = new Label(g.level().label());
        level.getStyleClass().addAll("level", "level-" + g.level().jsonName());
        level.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label summary = new Label(g.yesCount() + " Yes answers — computed level " + g.computedLevel().label()
                + (g.level() != g.computedLevel() ? ", raised to " + g.level().label() : ""));
        summary.getStyleClass().add("grading-summary");
        summary.setWrapText(true);
        HBox top = new HBox(12, level, summary);
        box.getChildren().add(top);
        // In the words of the policy that graded it where this desk has it, else the code made readable.
        GradingPolicy builtIn = GradingPolicy.builtInDefault();
        List<String> criteria = g.criteria().stream().map(code -> builtIn.id().equals(g.policyId()) ? builtIn.criterionLabel(code)
                : GradingPolicy.words(code)).toList();
        box.getChildren().add(wrap(criteria.isEmpty() ? "No MARAC criteria met." : "Criteria met: " + String.join("; ", criteria)));
        for (String reason : g.reasons()) {
            box.getChildren().add(wrap("• " + reason));
        }
        // Questions not answered or not asked are flagged in their own band below (completenessFlag).
        return box;
    }

    /**
     * "Incomplete: 14 of 27 not asked: Victim declined to answer", shown to the supervisor and CRU
     * above everything else (issue 11: an incomplete form must never pass as a complete one).
     */
    private static java.util.Optional<Node> completenessFlag(AssessmentContent c, GradingResult g, PackRegistry packs) {
        if (g == null || g.unanswered().isEmpty()) {
            return java.util.Optional.empty();
        }
        long counted = packs.find(c.packId()).map(p -> checklistQuestions(p, c)).orElse((long) g.unanswered().size());
        // The grading's unanswered questions split into not asked and not answered, out of the checklist's count.
        Completeness split = Completeness.of(c, g.unanswered());
        Completeness completeness = new Completeness((int) counted, split.unanswered(), split.notAsked());
        VBox flag = new VBox(2);
        flag.setId("completeness-flag");
        flag.getStyleClass().add("incomplete-flag");
        if (!completeness.notAsked().isEmpty()) {
            flag.getChildren().add(wrap("Incomplete: " + completeness.notAskedSummary(RevisionView::notAskedWords)));
        }
        if (!completeness.unanswered().isEmpty()) {
            flag.getChildren().add(wrap("Incomplete: " + completeness.unanswered().size() + " of " + counted + " not answered ("
                    + String.join(", ", completeness.unanswered()) + ")"));
        }
        flag.setFocusTraversable(true);
        flag.setAccessibleText(flag.getChildren().stream().map(n -> ((Label) n).getText()).collect(Collectors.joining(". ")));
        return java.util.Optional.of(flag);
    }

    /**
     * The checklist's yes/no questions that apply: the main pack's, without the officer's own
     * section, and without the children's section when the officer recorded there are none.
     */
    private static long checklistQuestions(InstrumentPack pack, AssessmentContent c) {
        return pack.sections().stream()
                .filter(s -> !"officer".equals(s.id()))
                .filter(s -> !(s.skipWhenNoChildren() && Boolean.FALSE.equals(c.people().childrenOrDependants())))
                .flatMap(s -> s.questions().stream()).filter(q -> q.kind().hasChoice()).count();
    }

    /** A not-asked reason in words: the standard set's, or the force's id made readable. */
    static String notAskedWords(String reasonId) {
        return GradingPolicy.STANDARD_NOT_ASKED_REASONS.stream().filter(r -> r.id().equals(reasonId)).map(GradingPolicy.NotAskedReason::label)
                .findFirst().orElseGet(() -> {
                    String words = reasonId.replace('_', ' ');
                    return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
                });
    }

    private Node incident(AssessmentContent c, String revisionLine, String createdBy) {
        GridPane grid = Controls.form();
        int row = 0;
        row = row(grid, row, "Incident reference", c.incident().incidentReference());
        row = row(grid, row, "District", c.incident().district());
        row = row(grid, row, "When", c.incident().occurredAt() == null ? null : WHEN.format(c.incident().occurredAt()));
        row = row(grid, row, "Police call-outs (12 months)",
                c.incident().policeCalloutsLast12Months() == null ? null : c.incident().policeCalloutsLast12Months().toString());
        row = row(grid, row, "Officer", c.officer() == null ? createdBy : c.officer().name() + " (" + c.officer().collarNumber() + ")");
        row = row(grid, row, "Victim", c.people().victimName() != null ? c.people().victimName()
                : c.people().victimNameNotKnown() != null ? "Name not known: " + c.people().victimNameNotKnown() : null);
        if (c.people().victimDetails() != null) {
            for (var e : c.people().victimDetails().inWords().entrySet()) {
                row = row(grid, row, "Victim's " + e.getKey().substring(0, 1).toLowerCase(java.util.Locale.ROOT) + e.getKey().substring(1),
                        e.getValue());
            }
        }
        row = row(grid, row, "Abuser(s)", c.people().abuserDisplayName());
        for (var abuser : c.people().abuserDetails().entrySet()) {
            String details = String.join("; ", abuser.getValue().inWords().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .toList());
            row = row(grid, row, abuser.getKey(), details);
        }
        row = row(grid, row, "Children or dependants", c.people().childrenOrDependants() == null ? null
                : c.people().childrenOrDependants() ? "Yes (" + c.people().dependants().size() + ")" : "No");
        for (var d : c.people().dependants()) {
            row = row(grid, row, "Child or dependant", d.inWords());
        }
        row(grid, row, "Revision", revisionLine == null ? "Not submitted" : revisionLine);
        return grid;
    }

    private static int row(GridPane grid, int row, String label, String value) {
        Label l = new Label(label);
        l.setWrapText(true);
        l.getStyleClass().add("field-label");
        Label v = new Label(value == null || value.isBlank() ? "—" : value);
        v.setWrapText(true);
        grid.addRow(row, l, v);
        return row + 1;
    }

    private Node answerCard(Question q, Answer a, String abuser) {
        String id = q == null ? a.questionId() : q.id();
        Label number = new Label(id);
        number.getStyleClass().add("question-number");
        number.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        Label text = new Label(q == null ? "" : q.textFor(abuser));
        text.setWrapText(true);
        text.getStyleClass().add("question-text");
        String answer = answerText(a);
        Label value = new Label(answer);
        value.getStyleClass().add(a == null || answer.equals("Not answered") ? "answer-missing" : "answer-value");
        VBox card = new VBox(4, new HBox(8, number, text), value);
        if (a != null && a.comment() != null && !a.comment().isBlank()) {
            card.getChildren().add(wrap("Comment: " + a.comment()));
        }
        if (a != null && !answer.equals("Not answered") && a.notAsked() == null) {
            card.getChildren().add(muted("Information from: " + (a.informationSource() == null || a.informationSource().isBlank()
                    ? "the victim" : a.informationSource())));
        }
        card.getStyleClass().add("review-card");
        card.setId("answer-" + id);
        card.setFocusTraversable(true);
        card.setAccessibleText("Question " + id + ": " + (q == null ? "" : q.textFor(abuser)) + " Answer: " + answer);
        return card;
    }

    /** Everything given for one question, in words: the choice, the fear-grid ticks, text, number, date. */
    static String answerText(Answer a) {
        if (a == null) {
            return "Not answered";
        }
        List<String> parts = new java.util.ArrayList<>();
        if (a.choice() != null) {
            parts.add(a.choice().label());
        }
        if (a.notAsked() != null) {
            parts.add("Not asked: " + notAskedWords(a.notAsked()));
        }
        if (!a.fearGrid().isEmpty()) {
            parts.add(a.fearGrid().stream().map(t -> t.replace("|", " — ")).collect(Collectors.joining("; ")));
        }
        if (a.text() != null && !a.text().isBlank()) {
            parts.add(a.text());
        }
        if (a.number() != null) {
            parts.add(a.number().toString());
        }
        if (a.date() != null) {
            parts.add(Controls.UK_DATE.format(a.date()));
        }
        return parts.isEmpty() ? "Not answered" : String.join(" · ", parts);
    }

    private static Label heading(String s) {
        Label l = new Label(s);
        l.getStyleClass().add("form-heading");
        l.setWrapText(true);
        return l;
    }

    private static Label wrap(String s) {
        Label l = new Label(s);
        l.setWrapText(true);
        return l;
    }

    private static Label muted(String s) {
        Label l = wrap(s);
        l.getStyleClass().add("field-hint");
        return l;
    }
}
