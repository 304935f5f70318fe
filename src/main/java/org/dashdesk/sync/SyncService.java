package org.dashdesk.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.HashSet;
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
 * as synced only once its receipt is stored and forced to disk. Each failure is judged from that
 * request's own evidence ({@link FailureKind}): a reset, a timeout or a portal page retries the
 * same record after a short jittered pause and the run goes on; only a streak of requests that
 * found no server, or a failing health check, pauses the outbox while {@link Outage} probes
 * (decision 0160). A record that still fails is backed off exponentially with jitter (capped at
 * 15 minutes) and it is tried again for as long as it takes;
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
    private static final long RECEIPT_BATCH_AGE_NANOS = 1_000_000_000L;
    private static final Logger LOG = Logger.getLogger(SyncService.class.getName());

    private final Outbox outbox;
    private final AssessmentRepository repository;
    private final LocalSettings settings;
    private final Clock clock;
    private final RandomGenerator random;
    private final int parallelism;
    /** Threads that may hold requests: {@code parallelism} fast ones plus room for slow replies ({@link SendSlots}). */
    private final int workerThreads;
    private final ExecutorService senders;
    private volatile RetryPolicy retryPolicy = RetryPolicy.desktop();
    private final List<SyncListener> listeners = new CopyOnWriteArrayList<>();
    private final ReentrantLock cycleLock = new ReentrantLock();
    private final Set<UUID> inFlight = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /**
     * Held for writing from a receipt batch's commit until its CHECKPOINT SYNC, and for reading by
     * {@link #snapshot()}: a row is not shown as synced while its receipt could still be lost.
     */
    private final java.util.concurrent.locks.ReadWriteLock receiptLock = new java.util.concurrent.locks.ReentrantReadWriteLock();
    private volatile SyncClient client;
    private volatile ReceiptTrust receiptTrust;
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
        this.receiptTrust = new ReceiptTrust(settings, null);
        // Enough threads that replies delayed by seconds (5 % of requests at 200/s × 3 s ≈ 30) do not starve the rest.
        this.workerThreads = Math.min(128, this.parallelism * 16);
        AtomicInteger n = new AtomicInteger();
        this.senders = Executors.newFixedThreadPool(this.workerThreads, r -> {
            Thread t = new Thread(r, "dashdesk-sync-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Pins the receipt key IT configured ({@code central.receipt.key}); without one the desk pins
     * the server's first published key (decision 0170).
     *
     * @throws IllegalArgumentException when the text is not an Ed25519 public key
     */
    public void pinReceiptKey(String base64) {
        this.receiptTrust = new ReceiptTrust(settings, base64);
    }

    /** Which receipts this desk accepts. */
    public ReceiptTrust receiptTrust() {
        return receiptTrust;
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

    /** How hard each run tries before giving records back to the long back-off (desktop default). */
    public void useRetryPolicy(RetryPolicy policy) {
        this.retryPolicy = java.util.Objects.requireNonNull(policy);
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
            boolean pulled = false;
            if (reachable && !signInNeeded) {
                Optional<Integer> page = pull(c, push.problems, push.signInNeeded, push.retryPolicyForPull());
                applied = page.orElse(0);
                pulled = page.isPresent();
            }
            // "Last successful sync" means the server was reached and the run moved something:
            // records sent or central changes fetched. Problems with other records do not undo that.
            if (pulled || push.sent.get() > 0) {
                settings.put(LAST_SUCCESS_SETTING, clock.instant().toString());
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
        final RetryPolicy policy;
        final SendSlots slots;
        final Outage outage;
        final AtomicBoolean endpointDown = new AtomicBoolean();
        final AtomicBoolean signInNeeded = new AtomicBoolean();
        /** True once any request got an answer from the server itself (not a portal page, not a broken connection). */
        final AtomicBoolean reachedServer = new AtomicBoolean();
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger quarantined = new AtomicInteger();
        final AtomicInteger retrying = new AtomicInteger();
        final AtomicInteger heldBack = new AtomicInteger();
        final AtomicInteger retriedNow = new AtomicInteger();
        final Set<String> problems = java.util.Collections.synchronizedSet(new LinkedHashSet<>());
        final List<Receipt> receipts = new ArrayList<>();
        long batchStarted;
        final String deviceId;

        Push(SyncClient c, boolean userAsked) {
            this.c = c;
            this.userAsked = userAsked;
            this.policy = retryPolicy;
            this.slots = new SendSlots(parallelism, policy.slowRequest().toNanos());
            this.outage = new Outage(c, policy, random, endpointDown, reachedServer);
            this.deviceId = outbox.deviceId().toString();
        }

        void run() {
            Instant now = clock.instant();
            List<OutboxRecord> unsynced = outbox.unsynced();
            if (lastCycleUnreachable && !userAsked && unsynced.stream().anyMatch(r -> !due(r, now))) {
                if (c.reachable()) {
                    // The endpoint is back: do not make records sit out the rest of their back-off.
                    reachedServer.set(true);
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
            for (int i = 0; i < Math.min(workerThreads, lanes.size()); i++) {
                workers.add(senders.submit(() -> {
                    while (!stopped() && outage.awaitOpen()) {
                        // The slot is taken before the lane, so lanes start in priority order even with several workers.
                        SendSlots.Ticket ticket = slots.acquire();
                        List<OutboxRecord> lane = lanes.poll();
                        if (lane == null) {
                            slots.release(ticket);
                            return null;
                        }
                        sendLane(lane, ticket);
                    }
                    return null;
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
            if (endpointDown.get()) {
                problems.add("cannot reach the server " + c.server().getHost() + (outage.waited() ? " (waited "
                        + outage.waitedSeconds() + " s for it to come back)" : ""));
            }
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

        /** @param ticket the slot already taken for the lane's first request */
        void sendLane(List<OutboxRecord> lane, SendSlots.Ticket ticket) throws InterruptedException {
            SendSlots.Ticket held = ticket;
            for (int i = 0; i < lane.size(); i++) {
                boolean next = !stopped() && send(lane.get(i), held);
                held = null;
                if (!next) {
                    for (int j = i + 1; j < lane.size(); j++) {
                        heldBack.incrementAndGet();
                    }
                    return;
                }
            }
        }

        /**
         * Sends one record, retrying it in this run while its failure is worth it (decision 0160).
         *
         * @param ticket a slot already taken for the first try, or null
         * @return true when the next revision of the same assessment may follow
         */
        boolean send(OutboxRecord record, SendSlots.Ticket ticket) throws InterruptedException {
            SendSlots.Ticket held = ticket;
            try {
                if (record.state() == OutboxState.QUARANTINED) {
                    return false;
                }
                Optional<Revision> revision = repository.revision(record.revisionId());
                if (revision.isEmpty()) {
                    outbox.markQuarantined(record.revisionId(), "the revision is missing from this computer's store");
                    quarantined.incrementAndGet();
                    return false;
                }
                PushResult.Failed lastFailure = null;
                for (int attempt = 1; ; attempt++) {
                    if (held == null) {
                        if (!outage.awaitOpen()) {
                            if (lastFailure != null) {
                                // Tried and failed before the run stopped: its error is shown, its back-off starts.
                                giveBack(record, lastFailure);
                            }
                            return false;
                        }
                        held = slots.acquire();
                    }
                    inFlight.add(record.revisionId());
                    PushResult result;
                    try {
                        result = c.push(deviceId, record.deviceSeq(), revision.get());
                    } finally {
                        inFlight.remove(record.revisionId());
                        slots.release(held);
                        held = null;
                    }
                    if (result instanceof PushResult.Stored stored) {
                        // Held centrally only on a receipt signed by a key this desk trusts (issue 14).
                        Optional<ReceiptTrust.Untrusted> untrusted = receiptTrust.check(stored.receipt(), c);
                        if (untrusted.isPresent()) {
                            // A key list lost to the network is tried again at once (the fault mix found one
                            // record left queued by it); a key that is not trusted stays queued.
                            result = new PushResult.Failed(untrusted.get().keysUnavailable() ? FailureKind.RECEIPT_KEYS_UNAVAILABLE
                                    : FailureKind.UNVERIFIED_RECEIPT, untrusted.get().words());
                        }
                    }
                    if (!(result instanceof PushResult.Failed f)) {
                        outage.reached();
                        return settle(record, result);
                    }
                    lastFailure = f;
                    boolean goOn = f.kind().notReached() ? outage.notReached(f.kind()) : outage.answeredBadly();
                    if (f.kind() == FailureKind.TLS) {
                        // The wrong certificate is not bad luck: every other request would meet it too.
                        endpointDown.set(true);
                    }
                    if (!goOn || stopped() || !f.kind().retryNow() || attempt >= policy.attemptsPerRecord()) {
                        if (goOn && !stopped() && f.kind().notReached()) {
                            // This record gave up on a network failure: is the server really gone?
                            outage.confirm();
                        }
                        giveBack(record, f);
                        return false;
                    }
                    retriedNow.incrementAndGet();
                    Thread.sleep(policy.pause(attempt, random).toMillis());
                }
            } finally {
                if (held != null) {
                    slots.release(held);
                }
            }
        }

        /** The record waits for the long back-off; its last failure is its error in words. */
        void giveBack(OutboxRecord record, PushResult.Failed f) {
            outbox.markRetry(record.revisionId(), f.reason(), clock.instant().plus(backoff(record.attempts() + 1, random)));
            retrying.incrementAndGet();
            problems.add(f.reason());
        }

        /** Acts on an answer from the server itself. */
        boolean settle(OutboxRecord record, PushResult result) {
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
            PushResult.SignInNeeded s = (PushResult.SignInNeeded) result;
            outbox.markWaitingForSignIn(record.revisionId(), s.reason());
            signInNeeded.set(true);
            problems.add(s.reason());
            return false;
        }

        RetryPolicy retryPolicyForPull() {
            return policy;
        }

        void addReceipt(Receipt r) {
            List<Receipt> batch = null;
            synchronized (receipts) {
                if (receipts.isEmpty()) {
                    batchStarted = System.nanoTime();
                }
                receipts.add(r);
                // Full, or a second old: on a slow, faulty network a batch could otherwise take long to
                // fill, and a crash would cost every request in it again.
                if (receipts.size() >= RECEIPT_BATCH || System.nanoTime() - batchStarted > RECEIPT_BATCH_AGE_NANOS) {
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

    /**
     * Applies central changes page by page, keeping the cursor after each page. A page that fails
     * on the network is asked for again (same cursor, so nothing is applied twice). Empty on failure.
     */
    private Optional<Integer> pull(SyncClient c, Set<String> problems, AtomicBoolean signInNeeded, RetryPolicy policy) {
        String cursor = settings.get(CURSOR_SETTING).orElse("0");
        int applied = 0;
        for (int page = 0; page < 1000; page++) {
            SyncClient.Result<ChangesPage> result = c.changes(cursor);
            for (int attempt = 1; result.value() == null && !result.signInNeeded() && result.kind() != null
                    && result.kind().retryNow() && attempt < policy.attemptsPerRecord(); attempt++) {
                try {
                    Thread.sleep(policy.pause(attempt, random).toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
                result = c.changes(cursor);
            }
            if (result.value() == null) {
                if (result.signInNeeded()) {
                    signInNeeded.set(true);
                }
                problems.add("could not fetch central changes (decisions and returns from supervisors); they will be fetched"
                        + " next time: " + result.problem());
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
        if (HISTORY_FLAG.equals(change.event())) {
            // What the server's history check found after submission: kept to be shown; the state does not move.
            if (outbox.storeHistoryFlag(change)) {
                historyFlagsPulled.incrementAndGet();
                return true;
            }
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

    /** The central event that carries a history flag (issue 12); not a lifecycle event. */
    static final String HISTORY_FLAG = "HISTORY_FLAG";

    private final java.util.concurrent.atomic.AtomicInteger historyFlagsPulled = new java.util.concurrent.atomic.AtomicInteger();

    /** History flags pulled since the service started (the home screen says when new ones arrive). */
    public int historyFlagsPulled() {
        return historyFlagsPulled.get();
    }

    /** History flags pulled so far, for the record screen. */
    public org.dashdesk.review.HistoryFlagRepository historyFlags() {
        return outbox.historyFlags();
    }

    /** Supervisors' return comments pulled so far, for the officer's amend screen. */
    public ReturnNotesRepository returnNotes() {
        return outbox.returnNotes();
    }

    /**
     * The unsynced records a snapshot carries at most (the newest), besides any being sent: a laptop
     * offline for weeks holds tens of thousands, and each snapshot held them all (issue 17).
     */
    public static final int SNAPSHOT_RECORDS = 500;

    public SyncSnapshot snapshot() {
        Map<OutboxState, Integer> counts;
        List<OutboxRecord> unsynced;
        org.dashdesk.outbox.UnsentAssessments unsent;
        receiptLock.readLock().lock();
        try {
            counts = outbox.counts();
            unsynced = new ArrayList<>(outbox.unsyncedLatest(SNAPSHOT_RECORDS));
            unsent = outbox.unsentAssessments();
            Set<UUID> shown = new HashSet<>();
            unsynced.forEach(r -> shown.add(r.revisionId()));
            for (UUID sending : List.copyOf(inFlight)) {
                if (!shown.contains(sending)) {
                    outbox.find(sending).filter(r -> r.state() != OutboxState.SYNCED).ifPresent(unsynced::add);
                }
            }
            unsynced.sort(Comparator.comparingLong(OutboxRecord::deviceSeq));
        } finally {
            receiptLock.readLock().unlock();
        }
        Instant lastSuccess = settings.get(LAST_SUCCESS_SETTING).map(Instant::parse).orElse(null);
        return new SyncSnapshot(counts.get(OutboxState.WAITING) + counts.get(OutboxState.SENDING), counts.get(OutboxState.SYNCED),
                counts.get(OutboxState.QUARANTINED), counts.get(OutboxState.WAITING_FOR_SIGN_IN), lastSuccess, lastProblem, running,
                unsynced.stream().map(r -> inFlight.contains(r.revisionId()) ? r.withState(OutboxState.SENDING) : r).toList(),
                lastCycleSignInNeeded || counts.get(OutboxState.WAITING_FOR_SIGN_IN) > 0, unsent);
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
