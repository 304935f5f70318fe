package org.dashdesk.ui.wizard;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.dashdesk.assessment.Referral;
import org.dashdesk.assessment.ReferralDecision;

/**
 * One referral prompt on the grading page: made or not, and why. A referral not made needs a
 * reason; one made may carry a note.
 */
public final class ReferralPromptViewModel {

    private final Referral referral;
    private final String prompt;
    private final ObjectProperty<Boolean> chosen = new SimpleObjectProperty<>();
    private final StringProperty reason = new SimpleStringProperty("");
    private final StringBinding problem;

    ReferralPromptViewModel(Referral referral, String prompt, ReferralDecision saved, WizardViewModel owner) {
        this.referral = referral;
        this.prompt = prompt;
        if (saved != null) {
            chosen.set(saved.chosen());
            reason.set(saved.reason() == null ? "" : saved.reason());
        }
        problem = Bindings.createStringBinding(() -> {
            if (chosen.get() == null) {
                return label() + ": record whether it is made.";
            }
            if (!chosen.get() && reason.get().isBlank()) {
                return label() + ": give the reason it is not made.";
            }
            return null;
        }, chosen, reason);
        chosen.addListener((o, a, b) -> owner.commitReferral(this, true));
        reason.addListener((o, a, b) -> owner.commitReferral(this, false));
    }

    public Referral referral() {
        return referral;
    }

    public String label() {
        return switch (referral) {
            case MARAC -> "MARAC referral";
            case IDVA -> "IDVA referral";
            case CHILDRENS_SERVICES -> "Children's services notification";
            case DVPN -> "DVPN (domestic violence protection notice)";
        };
    }

    public String prompt() {
        return prompt;
    }

    public ObjectProperty<Boolean> chosenProperty() {
        return chosen;
    }

    public StringProperty reasonProperty() {
        return reason;
    }

    /** What is still needed, or null when the decision is complete. */
    public StringBinding problemProperty() {
        return problem;
    }

    ReferralDecision toDecision() {
        return chosen.get() == null ? null : new ReferralDecision(referral, chosen.get(), reason.get().isBlank() ? null : reason.get().strip());
    }
}
