package org.dashdesk.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.dashdesk.grading.RiskLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LifecycleTest {

    /** The whole legal table, written out independently of Lifecycle's own. */
    private static final Map<String, AssessmentState> LEGAL = Map.of(
            "DRAFT SUBMIT", AssessmentState.SUBMITTED,
            "SUBMITTED ROUTE_FOR_SIGN_OFF", AssessmentState.AWAITING_SIGN_OFF,
            "SUBMITTED ROUTE_REFERRED", AssessmentState.REFERRED,
            "AWAITING_SIGN_OFF SIGN_OFF", AssessmentState.SIGNED_OFF,
            "AWAITING_SIGN_OFF RETURN", AssessmentState.RETURNED,
            "AWAITING_SIGN_OFF RAISE", AssessmentState.REFERRED,
            "REFERRED SIGN_OFF", AssessmentState.SIGNED_OFF,
            "REFERRED RETURN", AssessmentState.RETURNED,
            "RETURNED REOPEN", AssessmentState.DRAFT);

    static Stream<Arguments> everyStateAndEvent() {
        List<Arguments> all = new ArrayList<>();
        for (AssessmentState s : AssessmentState.values()) {
            for (LifecycleEvent e : LifecycleEvent.values()) {
                all.add(Arguments.of(s, e));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStateAndEvent")
    void eachPairIsEitherTheListedMoveOrThrows(AssessmentState from, LifecycleEvent event) {
        AssessmentState expected = LEGAL.get(from.name() + " " + event.name());
        if (expected != null) {
            assertTrue(Lifecycle.allows(from, event));
            assertEquals(expected, Lifecycle.next(from, event));
        } else {
            assertFalse(Lifecycle.allows(from, event));
            IllegalTransitionException e = assertThrows(IllegalTransitionException.class, () -> Lifecycle.next(from, event));
            assertTrue(e.getMessage().contains(from.label().toLowerCase(java.util.Locale.ROOT)), e.getMessage());
        }
    }

    @Test
    void signedOffIsFinal() {
        for (LifecycleEvent e : LifecycleEvent.values()) {
            assertFalse(Lifecycle.allows(AssessmentState.SIGNED_OFF, e), e.name());
        }
    }

    @Test
    void standardRoutesToSignOffAndMediumOrHighToReferral() {
        assertEquals(LifecycleEvent.ROUTE_FOR_SIGN_OFF, Lifecycle.routeFor(RiskLevel.STANDARD));
        assertEquals(LifecycleEvent.ROUTE_REFERRED, Lifecycle.routeFor(RiskLevel.MEDIUM));
        assertEquals(LifecycleEvent.ROUTE_REFERRED, Lifecycle.routeFor(RiskLevel.HIGH));
    }
}
