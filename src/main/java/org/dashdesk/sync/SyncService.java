package org.dashdesk.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import org.dashdesk.assessment.Assessment;
import org.dashdesk.assessment.AssessmentRepository;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Lifecycle;
import org.dashdesk.assessment.LifecycleEvent;
import org.dashdesk.assessment.Revision;
import org.dashdesk.protocol.Change;
import org.dashdesk.protocol.ChangesPage;
import org.dashdesk.review.ReturnNotesRepository;
import org.dashdesk.protocol.Receipt;
import org.dashdesk.outbox.Outbox;
import org.dashdesk.outbox.OutboxRecord;
import org.dashdesk.outbox.OutboxState;
import org.dashdesk.store.LocalSettings;

/**
 * Runs push/pull cycles against the central server. Push: revisions of high-risk assessments
 * first, then by device sequence, each assessment's revisions strictly in order; a revision counts
 * as synced only once its receipt is stored and forced to disk. A failure backs the record off
 * exponentially with jitter (capped at 15 minutes) and it is tried again for as long as it takes;
 * a refusal (422) or a conflict (409) quarantines it with the server's reason. Pull: central
 * decisions are applied through the repository's lifecycle, idempotently, and the cursor kept.
 *
 * <p>Cycles never run concurrently, and never on the caller's thread unless it calls
 * {@link #runCycle(boolean)} itself (tests and the {@code sync} command do).
 */
public final class SyncService implements AutoCloseable {

    static final String CURSOR_SETTING = "sync.changes.cursor";
    static final String LAST_SUCCESS_SETTING = "sync.last.success";
    static final Duration FIRST_RETRY = Duration.ofSeconds(10);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(15);
    private static final int RECEIPT_BATCH = 64;
    private static final Logger LOG = Logger.getLogger(SyncService.class.getName());

    private final Outbox outbox;
    private final AssessmentRepository repository;
    private final LocalSettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final int parallelism;
    private final ExecutorService senders;
    private final List<SyncListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock cycleLock = new ReentrantLock();
    private final Set<UUID> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Held for writing from a receipt batch's commit until its CHECKPOINT SYNC, and for reading by
     * {@link #snapshot()}: a row is not shown as synced while its receipt could still be lost.
     */
    private final java.util.concurrent.locks.ReadWriteLock receiptLock = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private volatile SyncClient client;
    private volatile String lastProblem;
    private volatile boolean lastCycleUnreachable;
    private volatile boolean lastCycleSignInNeeded;
    private volatile boolean running;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> periodic;

    /**
     * @param client      null until the user has a server and token; cycles then only report that
     * @param parallelism how many assessments may be in flight at once (each still strictly in order)
     */
    public SyncService(Outbox outbox, AssessmentRepository repository, LocalSettings settings, SyncClient client,
            Clock clock, RandomGenerator random, int parallelism) {
        this.outbox = outbox;
        this.repository = repository;
        this.settings = settings;
        this.client = client;
        this.clock = clock;
        this.random = random;
        this.parallelism = Math.max(1, parallelism);
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(this.parallelism, r -> {
            Thread t = new Thread(r, "dashdesk-sync-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * After signing in (again): a new client; records held for sign-in, and those the server would
     * not take from the previous user (403), go back in the queue — each is tried once more.
     */
    public void useClient(SyncClient newClient) {
        this.client = newClient;
        lastCycleSignInNeeded = false;
        outbox.releaseSignInHolds();
        outbox.releaseForbiddenHolds();
        publish();
    }

    public void addListener(SyncListener l) {
        listeners.add(l);
    }

    public void removeListener(SyncListener l) {
        listeners.remove(l);
    }

    /** Cycles at start-up and every minute on {@code executor}, which must not be the FX thread. */
    public synchronized void start(ScheduledExecutorService executor) {
        this.scheduler = executor;
        periodic = executor.scheduleWithFixedDelay(() -> runSafely(false), 0, 1, TimeUnit.MINUTES);
    }

    /** "Sync now": a cycle as soon as possible, ignoring back-off. */
    public synchronized Future<CycleReport> syncNow() {
        if (scheduler == null) {
            throw new IllegalStateException("sync service not started");
        }
        return scheduler.submit(() -> runCycle(true));
    }

    private void runSafely(boolean userAsked) {
        try {
            runCycle(userAsked);
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: log and keep the schedule alive.
            lastProblem = "sync failed: " + e.getMessage();
            LOG.log(Level.WARNING, "sync cycle failed", e);
            publish();
        }
    }

    /**
     * One push then pull. Blocks while another cycle runs.
     *
     * @param userAsked true for "sync now": records in back-off are tried at once
     */
    public CycleReport runCycle(boolean userAsked) {
        cycleLock.lock();
        try {
            running = true;
            publish();
            SyncClient c = client;
            if (c == null) {
                lastProblem = "no central server configured or not signed in";
                return new CycleReport(0, 0, 0, 0, 0, false, List.of(lastProblem));
            }
            Push push = new Push(c, userAsked);
            push.run();
            int applied = 0;
            boolean reachable = !push.endpointDown.get();
            boolean signInNeeded = push.signInNeeded.get();
            if (reachable && !signInNeeded) {
                Optional<Integer> pulled = pull(c, push.problems, push.signInNeeded);
                applied = pulled.orElse(0);
                if (pulled.isPresent() && push.problems.isEmpty()) {
                    settings.put(LAST_SUCCESS_SETTING, clock.instant().toString());
                }
            }
            lastCycleUnreachable = push.endpointDown.get();
            lastCycleSignInNeeded = push.signInNeeded.get();
            lastProblem = push.problems.isEmpty() ? null : String.join("; ", push.problems);
            return new CycleReport(push.sent.get(), push.quarantined.get(), push.retrying.get(), push.heldBack.get(), applied,
                    reachable, new ArrayList<>(push.problems));
        } finally {
            running = false;
            cycleLock.unlock();
            publish();
        }
    }

    /** One push pass over the outbox. */
    private final class Push {
        final SyncClient c;
        final boolean userAsked;
        final AtomicBoolean endpointDown = new AtomicBoolean();
        final AtomicBoolean signInNeeded = new AtomicBoolean();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger quarantined = new AtomicInteger();
        final AtomicInteger retrying = new AtomicInteger();
        final AtomicInteger heldBack = new AtomicInteger();
        final Set<String> problems = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        final List<Receipt> receipts = new ArrayList<>();
        final String deviceId;

        Push(SyncClient c, boolean userAsked) {
            this.c = c;
            this.userAsked = userAsked;
            this.deviceId = outbox.deviceId().toString();
        }

        void run() {
            Instant now = clock.instant();
            List<OutboxRecord> unsynced = outbox.unsynced();
            if (lastCycleUnreachable && !userAsked && unsynced.stream().anyMatch(r -> !due(r, now))) {
                if (c.reachable()) {
                    // The endpoint is back: do not make records sit out the rest of their back-off.
                    outbox.clearBackoff();
                    unsynced = outbox.unsynced();
                } else {
                    endpointDown.set(true);
                    problems.add("cannot reach the server " + c.server().getHost());
                    return;
                }
            }
            ConcurrentLinkedQueue<List<OutboxRecord>> lanes = new ConcurrentLinkedQueue<>(lanes(unsynced, now));
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < Math.min(parallelism, lanes.size()); i++) {
                workers.add(senders.submit(() -> {
                    List<OutboxRecord> lane;
                    while (!stopped() && (lane = lanes.poll()) != null) {
                        sendLane(lane);
                    }
                }));
            }
            for (Future<?> w : workers) {
                try {
                    w.get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (java.util.concurrent.ExecutionException e) {
                    problems.add("sync failed: " + e.getCause().getMessage());
                    LOG.log(Level.WARNING, "sync worker failed", e.getCause());
                }
            }
            flushReceipts();
        }

        boolean stopped() {
            return endpointDown.get() || signInNeeded.get() || Thread.currentThread().isInterrupted();
        }

        boolean due(OutboxRecord r, Instant now) {
            return userAsked || r.nextAttemptAt() == null || !r.nextAttemptAt().isAfter(now);
        }

        /** Each assessment's sendable revisions in order; assessments ordered by risk, then device order. */
        List<List<OutboxRecord>> lanes(List<OutboxRecord> unsynced, Instant now) {
            Map<UUID, List<OutboxRecord>> byAssessment = new LinkedHashMap<>();
            unsynced.forEach(r -> byAssessment.computeIfAbsent(r.assessmentId(), k -> new ArrayList<>()).add(r));
            List<List<OutboxRecord>> lanes = new ArrayList<>();
            for (List<OutboxRecord> records : byAssessment.values()) {
                if (records.get(0).state() == OutboxState.QUARANTINED) {
                    records.stream().skip(1).forEach(r -> {
                        heldBack.incrementAndGet();
                        outbox.noteHeldBack(r.revisionId(), "held back: an earlier revision of this assessment was refused by"
                                + " the server and must be dealt with first");
                    });
                    continue;
                }
                if (!due(records.get(0), now)) {
                    continue;
                }
                lanes.add(records);
            }
            lanes.sort(Comparator.<List<OutboxRecord>>comparingInt(l -> l.stream().mapToInt(OutboxRecord::priority).min().orElse(2))
                    .thenComparingLong(l -> l.get(0).deviceSeq()));
            return lanes;
        }

        void sendLane(List<OutboxRecord> lane) {
            for (int i = 0; i < lane.size(); i++) {
                if (stopped() || !send(lane.get(i))) {
                    for (int j = i + 1; j < lane.size(); j++) {
                        heldBack.incrementAndGet();
                    }
                    return;
                }
            }
        }

        /** @return true when the next revision of the same assessment may follow */
        boolean send(OutboxRecord record) {
            if (record.state() == OutboxState.QUARANTINED) {
                return false;
            }
            Optional<Revision> revision = repository.revision(record.revisionId());
            if (revision.isEmpty()) {
                outbox.markQuarantined(record.revisionId(), "the revision is missing from this computer's store");
                quarantined.incrementAndGet();
                return false;
            }
            inFlight.add(record.revisionId());
            PushResult result;
            try {
                result = c.push(deviceId, record.deviceSeq(), revision.get());
            } finally {
                inFlight.remove(record.revisionId());
            }
            if (result instanceof PushResult.Stored s) {
                addReceipt(s.receipt());
                return true;
            }
            if (result instanceof PushResult.Refused r) {
                outbox.markQuarantined(record.revisionId(), r.reason());
                quarantined.incrementAndGet();
                problems.add("the server refused a revision");
                return false;
            }
            if (result instanceof PushResult.Conflict k) {
                outbox.markQuarantined(record.revisionId(), "conflict with the server's copy: " + k.reason());
                quarantined.incrementAndGet();
                problems.add("the server holds a conflicting revision");
                return false;
            }
            if (result instanceof PushResult.Forbidden f) {
                // Held with the server's reason; the assessment's later revisions wait behind it (lanes()),
                // while every other record and the pull carry on (decision 0033).
                outbox.markQuarantined(record.revisionId(), Outbox.FORBIDDEN_PREFIX + f.reason());
                quarantined.incrementAndGet();
                problems.add("the server refused a record the signed-in user may not send");
                return false;
            }
            if (result instanceof PushResult.SignInNeeded s) {
                outbox.markWaitingForSignIn(record.revisionId(), s.reason());
                signInNeeded.set(true);
                problems.add(s.reason());
                return false;
            }
            PushResult.Failed f = (PushResult.Failed) result;
            outbox.markRetry(record.revisionId(), f.reason(), clock.instant().plus(backoff(record.attempts() + 1, random)));
            retrying.incrementAndGet();
            problems.add(f.reason());
            if (f.endpointDown()) {
                endpointDown.set(true);
            }
            return false;
        }

        void addReceipt(Receipt r) {
            List<Receipt> batch = null;
            synchronized (receipts) {
                receipts.add(r);
                if (receipts.size() >= RECEIPT_BATCH) {
                    batch = new ArrayList<>(receipts);
                    receipts.clear();
                }
            }
            if (batch != null) {
                sent.addAndGet(storeReceipts(batch));
            }
        }

        void flushReceipts() {
            List<Receipt> batch;
            synchronized (receipts) {
                batch = new ArrayList<>(receipts);
                receipts.clear();
            }
            sent.addAndGet(storeReceipts(batch));
        }
    }

    private int storeReceipts(List<Receipt> batch) {
        receiptLock.writeLock().lock();
        try {
            return outbox.recordReceipts(batch);
        } finally {
            receiptLock.writeLock().unlock();
        }
    }

    /** Exponential from {@link #FIRST_RETRY}, capped at {@link #MAX_BACKOFF}, with "equal jitter". */
    static Duration backoff(int attempts, RandomGenerator random) {
        long cap = MAX_BACKOFF.toMillis();
        long exp = FIRST_RETRY.toMillis() << Math.min(Math.max(attempts - 1, 0), 20);
        long delay = Math.min(cap, exp);
        return Duration.ofMillis(delay / 2 + random.nextLong(delay / 2 + 1));
    }

    /** Applies central changes page by page, keeping the cursor after each page. Empty on failure. */
    private Optional<Integer> pull(SyncClient c, Set<String> problems, AtomicBoolean signInNeeded) {
        String cursor = settings.get(CURSOR_SETTING).orElse("0");
        int applied = 0;
        for (int page = 0; page < 1000; page++) {
            SyncClient.Result<ChangesPage> result = c.changes(cursor);
            if (result.value() == null) {
                if (result.signInNeeded()) {
                    signInNeeded.set(true);
                }
                problems.add("could not fetch central changes: " + result.problem());
                return Optional.empty();
            }
            for (Change change : result.value().changes()) {
                if (apply(change)) {
                    applied++;
                }
            }
            if (result.value().cursor() != null && !result.value().cursor().equals(cursor)) {
                cursor = result.value().cursor();
                settings.put(CURSOR_SETTING, cursor);
            }
            if (!result.value().more()) {
                break;
            }
        }
        return Optional.of(applied);
    }

    /** @return true when the change moved a local assessment; a change already applied is skipped */
    private boolean apply(Change change) {
        if (change.assessmentId() == null) {
            return false;
        }
        Optional<Assessment> local = repository.find(change.assessmentId());
        if (local.isEmpty()) {
            return false;
        }
        AssessmentState target;
        LifecycleEvent event;
        try {
            target = AssessmentState.valueOf(change.state());
            event = LifecycleEvent.valueOf(change.event());
        } catch (IllegalArgumentException | NullPointerException e) {
            LOG.warning("central change " + change.seq() + " has an unknown event or state; skipped");
            return false;
        }
        if (event == LifecycleEvent.RETURN && change.comments() != null) {
            // Stored before the move: a crash in between re-pulls the page, finds the notes, and then moves.
            outbox.storeReturnNotes(change);
        }
        AssessmentState now = local.get().state();
        if (now == target || !Lifecycle.allows(now, event) || Lifecycle.next(now, event) != target) {
            return false;
        }
        repository.transition(change.assessmentId(), event, change.actor() == null ? "central" : change.actor(),
                "central decision" + (change.note() == null || change.note().isBlank() ? "" : ": " + change.note()));
        return true;
    }

    /** Supervisors' return comments pulled so far, for the officer's amend screen. */
    public ReturnNotesRepository returnNotes() {
        return outbox.returnNotes();
    }

    public SyncSnapshot snapshot() {
        Map<OutboxState, Integer> counts;
        List<OutboxRecord> unsynced;
        receiptLock.readLock().lock();
        try {
            counts = outbox.counts();
            unsynced = outbox.unsynced();
        } finally {
            receiptLock.readLock().unlock();
        }
        Instant lastSuccess = settings.get(LAST_SUCCESS_SETTING).map(Instant::parse).orElse(null);
        return new SyncSnapshot(counts.get(OutboxState.WAITING) + counts.get(OutboxState.SENDING), counts.get(OutboxState.SYNCED),
                counts.get(OutboxState.QUARANTINED), counts.get(OutboxState.WAITING_FOR_SIGN_IN), lastSuccess, lastProblem, running,
                unsynced.stream().map(r -> inFlight.contains(r.revisionId()) ? r.withState(OutboxState.SENDING) : r).toList(),
                lastCycleSignInNeeded || counts.get(OutboxState.WAITING_FOR_SIGN_IN) > 0);
    }

    private void publish() {
        if (listeners.isEmpty()) {
            return;
        }
        SyncSnapshot s = snapshot();
        listeners.forEach(l -> l.changed(s));
    }

    @Override
    public synchronized void close() {
        if (periodic != null) {
            periodic.cancel(false);
        }
        senders.shutdownNow();
    }
}
