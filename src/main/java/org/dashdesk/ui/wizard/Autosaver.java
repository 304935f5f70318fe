package org.dashdesk.ui.wizard;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import java.util.Optional;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.AssessmentRepository;
import org.dashdesk.assessment.StoreException;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * Commits what the user gives, in the background, in the order given. Pending work is kept per
 * question (only the latest answer to a question matters), so a burst of changes or a slow disk
 * never queues stale writes, and work that failed stays pending until a retry succeeds.
 * <p>
 * Pending state is touched by the FX thread (adding) and the background thread (draining), hence
 * the locking; everything visible (status, error) changes on the FX thread only.
 */
public final class Autosaver {

    static final Duration RETRY_AFTER = Duration.ofSeconds(10);
    private static final DateTimeFormatter HH_MM_SS = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final AssessmentRepository repository;
    private final TaskExecutor executor;
    private final UUID assessmentId;
    private final String actor;
    private final Clock clock;

    private final Object lock = new Object();
    private final Map<String, Answer> pendingAnswers = new LinkedHashMap<>();
    private final Map<String, String> pendingAnswerResume = new LinkedHashMap<>();
    private AssessmentContent pendingDetails;
    private String pendingDetailsWhat;
    private String pendingResume;

    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper unsaved = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper restartNeeded = new ReadOnlyBooleanWrapper();
    private boolean retryScheduled;

    public Autosaver(AssessmentRepository repository, TaskExecutor executor, UUID assessmentId, String actor, Clock clock) {
        this.repository = repository;
        this.executor = executor;
        this.assessmentId = assessmentId;
        this.actor = actor;
        this.clock = clock;
    }

    public void saveAnswer(Answer answer, String resumeQuestionId) {
        synchronized (lock) {
            pendingAnswers.remove(answer.questionId());
            pendingAnswers.put(answer.questionId(), answer);
            pendingAnswerResume.put(answer.questionId(), resumeQuestionId);
            pendingResume = null;
        }
        kick();
    }

    /** @param what a description for the audit trail, without personal data */
    public void saveDetails(AssessmentContent content, String what) {
        synchronized (lock) {
            pendingDetails = content;
            pendingDetailsWhat = pendingDetailsWhat == null || pendingDetailsWhat.equals(what) ? what : "draft details";
        }
        kick();
    }

    public void saveResumePoint(String resumeId) {
        synchronized (lock) {
            pendingResume = resumeId;
        }
        kick();
    }

    public boolean hasPending() {
        synchronized (lock) {
            return !pendingAnswers.isEmpty() || pendingDetails != null || pendingResume != null;
        }
    }

    private void kick() {
        unsaved.set(true);
        status.set("Saving…");
        executor.execute(BackgroundTask.run(this::flush).onSuccess(v -> saved()).onFailure(this::failed));
    }

    /** Writes everything pending; runs on the background thread. Stops at the first failure. */
    public void flush() {
        while (true) {
            Answer answer;
            String resume;
            synchronized (lock) {
                if (pendingAnswers.isEmpty()) {
                    break;
                }
                answer = pendingAnswers.values().iterator().next();
                resume = pendingAnswerResume.get(answer.questionId());
            }
            repository.saveAnswer(assessmentId, answer, resume, actor);
            synchronized (lock) {
                // Only forget it if no newer answer to the same question arrived meanwhile.
                if (pendingAnswers.get(answer.questionId()) == answer) {
                    pendingAnswers.remove(answer.questionId());
                    pendingAnswerResume.remove(answer.questionId());
                }
            }
        }
        AssessmentContent details;
        String what;
        synchronized (lock) {
            details = pendingDetails;
            what = pendingDetailsWhat;
        }
        if (details != null) {
            repository.saveDetails(assessmentId, details, actor, what);
            synchronized (lock) {
                if (pendingDetails == details) {
                    pendingDetails = null;
                    pendingDetailsWhat = null;
                }
            }
        }
        String resume;
        synchronized (lock) {
            resume = pendingResume;
        }
        if (resume != null) {
            repository.saveResumePoint(assessmentId, resume);
            synchronized (lock) {
                if (resume.equals(pendingResume)) {
                    pendingResume = null;
                }
            }
        }
    }

    private void saved() {
        if (hasPending()) {
            return;
        }
        unsaved.set(false);
        restartNeeded.set(false);
        error.set(null);
        status.set("Saved " + LocalTime.now(clock).format(HH_MM_SS));
    }

    /**
     * The banner must agree with the store's own message (decision 0013). A full disk, or any
     * failure that may pass, is retried: the store reopens its file once there is room, so the way
     * on is to free space and keep the app open — what is not saved exists only on this screen,
     * and on a full disk there is nowhere else to keep it. A store that stopped using its file
     * cannot be retried; then the honest advice is to note what is on screen and restart.
     */
    private void failed(Exception e) {
        String cause = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        unsaved.set(hasPending());
        status.set("Not saved");
        if (e instanceof StoreException se && se.restartNeeded()) {
            restartNeeded.set(true);
            error.set("Your latest answers could not be saved. " + cause + " Trying again will not help until DASH Desk"
                    + " restarts. The answers you gave since the last \"Saved\" are only on this screen and will be lost when"
                    + " DASH Desk closes: make a note of them first, then restart DASH Desk and enter them again.");
            return;
        }
        restartNeeded.set(false);
        error.set("Your latest answers are not saved yet. " + cause + " They are still on screen, and DASH Desk tries again"
                + " every " + RETRY_AFTER.toSeconds() + " seconds; press Retry now to try at once. Do not close DASH Desk or"
                + " sign out until it shows \"Saved\": until then those answers are only on this screen, and closing would"
                + " lose them. Call the service desk if it keeps failing.");
        if (!retryScheduled) {
            retryScheduled = true;
            executor.schedule(RETRY_AFTER, () -> {
                retryScheduled = false;
                if (hasPending()) {
                    kick();
                }
            });
        }
    }

    /** Tries pending saves again now (the error banner's button). */
    public void retryNow() {
        if (hasPending()) {
            kick();
        }
    }

    /** "Saved 14:03:22", "Saving…" or "Not saved". */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** What went wrong and what to do, or null while saving works. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /**
     * True from the moment something is handed over until all of it is committed, and while a
     * failed save waits for a retry. Changes on the FX thread, so the shell can bind to it.
     */
    public ReadOnlyBooleanProperty unsavedProperty() {
        return unsaved.getReadOnlyProperty();
    }

    /** True after a failure that retrying cannot fix (the store stopped using its file): only a restart helps. */
    public ReadOnlyBooleanProperty restartNeededProperty() {
        return restartNeeded.getReadOnlyProperty();
    }

    /**
     * What to tell the user who closes the app while answers are not saved, or empty when
     * everything given has been committed. Reads the pending work itself, not the property, so a
     * save still running counts.
     */
    public Optional<String> exitWarning() {
        if (!hasPending()) {
            return Optional.empty();
        }
        return Optional.of(restartNeeded.get()
                ? "Some answers could not be saved and are only on this screen. If you close DASH Desk now they are lost:"
                        + " make a note of them first."
                : "Some answers are not saved yet and are only on this screen. If you close DASH Desk now they are lost;"
                        + " stay open until it shows \"Saved\" (free some disk space if it says the disk is full).");
    }
}
