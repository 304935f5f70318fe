package org.dashdesk.ui.wizard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import org.dashdesk.ui.common.TaskExecutor;

/**
 * Saves typed text {@link #PAUSE} after the last keystroke, as well as when focus moves: a
 * narrative typed just before a crash or a flat battery must not wait for a focus change that
 * never comes, and a crash loses at most the last 300 ms of typing (issue 11). Still one save
 * per pause, not one per keystroke: a steady typist's keys come closer together than that. One
 * timer at a time, re-armed when it finds typing went on.
 */
final class TypingPause {

    static final Duration PAUSE = Duration.ofMillis(300);
    /** A re-armed timer never waits less than this, so a burst cannot spin the timer. */
    private static final Duration SHORTEST_WAIT = Duration.ofMillis(50);

    private final TaskExecutor executor;
    private final Clock clock;
    private final Runnable paused;
    private long keystrokes;
    private long keystrokesWhenArmed;
    private Instant lastKeystroke;
    private boolean armed;

    /** @param paused what to do once typing has stopped for the pause (on the FX thread) */
    TypingPause(TaskExecutor executor, Clock clock, Runnable paused) {
        this.executor = executor;
        this.clock = clock;
        this.paused = paused;
    }

    void keystroke() {
        keystrokes++;
        lastKeystroke = clock.instant();
        if (!armed) {
            arm(PAUSE);
        }
    }

    private void arm(Duration wait) {
        armed = true;
        keystrokesWhenArmed = keystrokes;
        executor.schedule(wait, this::timerEnded);
    }

    private void timerEnded() {
        armed = false;
        if (keystrokes != keystrokesWhenArmed) {
            // Still typing: wait for the rest of the pause after the latest keystroke. A clock that
            // does not move (tests) gives a whole pause, so the timer still ends once typing stops.
            Duration left = PAUSE.minus(Duration.between(lastKeystroke, clock.instant()));
            arm(left.compareTo(SHORTEST_WAIT) < 0 ? SHORTEST_WAIT : left.compareTo(PAUSE) > 0 ? PAUSE : left);
            return;
        }
        paused.run();
    }
}
