package org.dashdesk.assessment;

import java.util.EnumMap;
import java.util.Map;

/**
 * The only place that decides which lifecycle moves are legal. An illegal move throws
 * {@link IllegalTransitionException}: a record must never drift into a state no workflow expects.
 */
public final class Lifecycle {

    private static final Map<AssessmentState, Map<LifecycleEvent, AssessmentState>> MOVES = new EnumMap<>(AssessmentState.class);

    static {
        allow(AssessmentState.DRAFT, LifecycleEvent.SUBMIT, AssessmentState.SUBMITTED);
        allow(AssessmentState.SUBMITTED, LifecycleEvent.ROUTE_FOR_SIGN_OFF, AssessmentState.AWAITING_SIGN_OFF);
        allow(AssessmentState.SUBMITTED, LifecycleEvent.ROUTE_REFERRED, AssessmentState.REFERRED);
        allow(AssessmentState.AWAITING_SIGN_OFF, LifecycleEvent.SIGN_OFF, AssessmentState.SIGNED_OFF);
        allow(AssessmentState.AWAITING_SIGN_OFF, LifecycleEvent.RETURN, AssessmentState.RETURNED);
        allow(AssessmentState.AWAITING_SIGN_OFF, LifecycleEvent.RAISE, AssessmentState.REFERRED);
        allow(AssessmentState.REFERRED, LifecycleEvent.SIGN_OFF, AssessmentState.SIGNED_OFF);
        allow(AssessmentState.REFERRED, LifecycleEvent.RETURN, AssessmentState.RETURNED);
        allow(AssessmentState.RETURNED, LifecycleEvent.REOPEN, AssessmentState.DRAFT);
    }

    private Lifecycle() {
    }

    private static void allow(AssessmentState from, LifecycleEvent event, AssessmentState to) {
        MOVES.computeIfAbsent(from, k -> new EnumMap<>(LifecycleEvent.class)).put(event, to);
    }

    public static AssessmentState next(AssessmentState from, LifecycleEvent event) {
        AssessmentState to = MOVES.getOrDefault(from, Map.of()).get(event);
        if (to == null) {
            throw new IllegalTransitionException(from, event);
        }
        return to;
    }

    public static boolean allows(AssessmentState from, LifecycleEvent event) {
        return MOVES.getOrDefault(from, Map.of()).containsKey(event);
    }

    /** The routing event a submitted assessment takes for its final level. */
    public static LifecycleEvent routeFor(org.dashdesk.grading.RiskLevel level) {
        return level == org.dashdesk.grading.RiskLevel.STANDARD ? LifecycleEvent.ROUTE_FOR_SIGN_OFF : LifecycleEvent.ROUTE_REFERRED;
    }
}
