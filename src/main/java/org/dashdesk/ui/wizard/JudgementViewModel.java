package org.dashdesk.ui.wizard;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.grading.ProfessionalJudgement;
import org.dashdesk.grading.RiskLevel;

/**
 * The officer's professional judgement on the grading page: the level it raises the grading to,
 * the written reasons, whether they are acceptable, and the criteria met in the policy's words.
 */
public final class JudgementViewModel {

    private final WizardViewModel wizard;
    private final GradingPolicy policy;
    private final ObjectProperty<RiskLevel> level = new SimpleObjectProperty<>();
    private final StringProperty rationale = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ObservableList<RiskLevel> raiseOptions = FXCollections.observableArrayList();
    private boolean dirty;
    private boolean loading;

    JudgementViewModel(WizardViewModel wizard, GradingPolicy policy, ProfessionalJudgement saved) {
        this.wizard = wizard;
        this.policy = policy;
        if (saved != null) {
            level.set(saved.level());
            rationale.set(saved.rationale() == null ? "" : saved.rationale());
        }
        level.addListener((o, a, b) -> edited(true));
        rationale.addListener((o, a, b) -> edited(false));
    }

    /** The judgement as on screen (typed but perhaps not saved), or null when there is none. */
    ProfessionalJudgement shown() {
        RiskLevel l = level.get();
        return l == null ? null : new ProfessionalJudgement(l, strippedRationale());
    }

    private String strippedRationale() {
        return rationale.get() == null ? "" : rationale.get().strip();
    }

    private void edited(boolean immediately) {
        if (loading) {
            return;
        }
        dirty = true;
        updateError();
        wizard.regrade();
        if (immediately) {
            save();
        } else {
            wizard.typed();
        }
    }

    boolean isDirty() {
        return dirty;
    }

    void save() {
        dirty = false;
        String r = strippedRationale();
        ProfessionalJudgement j = level.get() == null && r.isEmpty() ? null : new ProfessionalJudgement(level.get(), r);
        if (Objects.equals(j, wizard.content().judgement())) {
            return;
        }
        wizard.judgementEdited(j);
    }

    private RiskLevel computedLevel() {
        GradingResult g = wizard.gradingProperty().get();
        return g == null ? RiskLevel.STANDARD : g.computedLevel();
    }

    /**
     * The levels above the computed one; and the computed one itself when questions were not asked,
     * because then a Standard grade must be confirmed by the officer's judgement with reasons.
     */
    void updateRaiseOptions() {
        List<RiskLevel> above = new ArrayList<>();
        for (RiskLevel l : RiskLevel.values()) {
            if (l.isAbove(computedLevel()) || (l == computedLevel() && mayConfirm())) {
                above.add(l);
            }
        }
        if (!above.equals(raiseOptions)) {
            raiseOptions.setAll(above);
        }
    }

    /** The judgement rules: it may only raise the computed level, and needs written reasons. */
    void updateError() {
        RiskLevel l = level.get();
        String r = strippedRationale();
        if (l == null) {
            error.set(r.isEmpty() ? null : "Professional judgement: choose the level you raise the grading to, or clear the reasons.");
        } else if (!l.isAbove(computedLevel()) && !(l == computedLevel() && mayConfirm())) {
            error.set("Professional judgement can only raise the grading: the checklist already gives "
                    + computedLevel().label() + ", so " + l.label() + " would not raise it. Choose a higher level or none.");
        } else if (r.isEmpty()) {
            error.set("Professional judgement: write your reasons for raising the grading to " + l.label() + ".");
        } else {
            error.set(null);
        }
        wizard.updateReview();
    }

    /** Clears a judgement (the officer agrees with the computed level). */
    public void clear() {
        loading = true;
        try {
            level.set(null);
            rationale.set("");
        } finally {
            loading = false;
        }
        updateError();
        save();
    }

    /**
     * A criterion in words, from the policy that met it: "14+ yes answers (visible high risk)",
     * "3+ police call-outs in 12 months (escalation)", "Repeat MARAC", "Professional judgement",
     * or a force rule's own description.
     */
    public String criterionLabel(String code) {
        return policy.criterionLabel(code);
    }

    /** The criteria met, in words, joined for one line. */
    public String criteriaInWords(GradingResult g) {
        return String.join("; ", g.criteria().stream().map(this::criterionLabel).toList());
    }

    public ObjectProperty<RiskLevel> levelProperty() {
        return level;
    }

    public StringProperty rationaleProperty() {
        return rationale;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The levels a judgement may raise the grading to: only those above the computed level. */
    /** Questions were not asked: the officer may record a judgement that keeps the computed level. */
    private boolean mayConfirm() {
        return wizard.hasPages() && !wizard.completeness().notAsked().isEmpty();
    }

    public ObservableList<RiskLevel> raiseOptions() {
        return raiseOptions;
    }
}
