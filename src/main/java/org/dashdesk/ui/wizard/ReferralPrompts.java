package org.dashdesk.ui.wizard;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.dashdesk.assessment.Referral;
import org.dashdesk.assessment.ReferralDecision;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.grading.RiskLevel;

/**
 * Which referrals the grading page prompts for, and which of their decisions are typed but not
 * yet saved. MARAC when the policy says so, an IDVA at high risk, children's services when there
 * are children, and a DVPN to consider always. A prompt that stops applying keeps its decision:
 * it is hidden, not forgotten.
 */
final class ReferralPrompts {

    private final Map<Referral, ReferralPromptViewModel> byReferral = new EnumMap<>(Referral.class);
    private final ObservableList<ReferralPromptViewModel> shown = FXCollections.observableArrayList();
    private final Set<ReferralPromptViewModel> unsaved = new HashSet<>();

    ReferralPrompts(Map<Referral, ReferralDecision> decisions, WizardViewModel wizard) {
        for (Referral r : Referral.values()) {
            byReferral.put(r, new ReferralPromptViewModel(r, promptFor(r), decisions.get(r), wizard));
        }
    }

    private static String promptFor(Referral r) {
        return switch (r) {
            case MARAC -> "The grading is high (or a MARAC criterion is met): refer to MARAC.";
            case IDVA -> "High risk: refer the victim to an IDVA (independent domestic violence adviser).";
            case CHILDRENS_SERVICES -> "Children or dependants are involved: notify children's services.";
            case DVPN -> "Consider a DVPN if the suspect has been violent or has threatened violence.";
        };
    }

    void update(GradingResult g, Boolean childrenOrDependants) {
        List<ReferralPromptViewModel> wanted = new ArrayList<>();
        if (g != null && g.maracReferral()) {
            wanted.add(byReferral.get(Referral.MARAC));
        }
        if (g != null && g.level() == RiskLevel.HIGH) {
            wanted.add(byReferral.get(Referral.IDVA));
        }
        if (Boolean.TRUE.equals(childrenOrDependants)) {
            wanted.add(byReferral.get(Referral.CHILDRENS_SERVICES));
        }
        wanted.add(byReferral.get(Referral.DVPN));
        if (!wanted.equals(shown)) {
            shown.setAll(wanted);
        }
    }

    void typedIn(ReferralPromptViewModel vm) {
        unsaved.add(vm);
    }

    void saved(ReferralPromptViewModel vm) {
        unsaved.remove(vm);
    }

    /** A copy: saving one removes it from the set. */
    List<ReferralPromptViewModel> unsaved() {
        return List.copyOf(unsaved);
    }

    ObservableList<ReferralPromptViewModel> shown() {
        return shown;
    }
}
