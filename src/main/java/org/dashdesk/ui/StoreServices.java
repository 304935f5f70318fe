package org.dashdesk.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.config.AppConfig;
import org.dashdesk.config.ConfigLocations;
import org.dashdesk.config.EndpointCheck;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.PolicyRegistry;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.security.FileKeyProvider;
import org.dashdesk.security.KeyProvider;
import org.dashdesk.security.SecurityPolicy;
import org.dashdesk.security.SessionManager;
import org.dashdesk.store.Database;
import org.dashdesk.store.H2AssessmentRepository;
import org.dashdesk.store.LocalSettings;
import org.dashdesk.store.RetentionSweep;
import org.dashdesk.review.ReviewException;
import org.dashdesk.review.ReviewGateway;
import org.dashdesk.sync.AccountClient;
import org.dashdesk.sync.HttpReviewGateway;
import org.dashdesk.store.OutboxStore;
import org.dashdesk.sync.ServerSession;
import org.dashdesk.sync.SyncClient;
import org.dashdesk.sync.SyncService;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.DeskBackend;
import org.dashdesk.ui.common.OnlineSignIn;
import org.dashdesk.ui.common.SettingsStore;
import org.dashdesk.ui.common.UserProfile;

/**
 * The real {@link DeskBackend}: settings files, the keyring of the data folder, and the encrypted
 * store opened with the signed-in user's key, with its sync service.
 */
public final class StoreServices implements DeskBackend {

    /** {@code -Ddashdesk.devInsecureHttp=true} allows a plain-http central server on this computer only. */
    public static final String DEV_INSECURE_HTTP = "dashdesk.devInsecureHttp";

    private final ConfigLocations locations;
    private final SecurityPolicy policy;
    private final Clock clock;
    private final OnlineSignIn online;
    private volatile boolean devInsecureHttp = Boolean.getBoolean(DEV_INSECURE_HTTP);
    /** The settings read by the latest {@link #prepare}: the server that online sign-in asks. */
    private volatile AppConfig config;

    /** With a fixed online sign-in ({@link OnlineSignIn#OFFLINE} for a laptop that never asks a server). */
    public StoreServices(ConfigLocations locations, SecurityPolicy policy, Clock clock, OnlineSignIn online) {
        this.locations = locations;
        this.policy = policy;
        this.clock = clock;
        this.online = online;
    }

    /** Signs in online at the configured central server, when there is one (decision 0100). */
    public StoreServices(ConfigLocations locations, SecurityPolicy policy, Clock clock) {
        this.locations = locations;
        this.policy = policy;
        this.clock = clock;
        this.online = this::signInAtServer;
    }

    /**
     * This machine's settings, the default policy with the idle lock and lockout numbers the
     * settings files give (applied in {@link #prepare()}), and online sign-in at the configured server.
     */
    public static StoreServices forThisMachine() {
        return new StoreServices(ConfigLocations.forThisMachine(), SecurityPolicy.defaults(), Clock.systemUTC());
    }

    /** The laptop's plain appearance file (theme and text size only), read before anyone signs in. */
    public Path appearanceFile() {
        return locations.baseDataDirectory().resolve(org.dashdesk.ui.common.AppearanceFile.FILE_NAME);
    }

    /** Allows a plain-http server on loopback, as {@code -Ddashdesk.devInsecureHttp=true} does (tests). */
    public StoreServices allowingDevInsecureHttp() {
        devInsecureHttp = true;
        return this;
    }

    @Override
    public Start prepare() throws Exception {
        AppConfig config = AppConfig.load(locations);
        this.config = config;
        Path data = config.dataDirectory();
        Files.createDirectories(data);
        // The deployment's numbers (security.idle.minutes, security.lockout.*) over the base policy.
        SessionManager sessions = SessionManager.open(data, config.securityPolicy(policy), clock);
        Optional<UserProfile> earlier = Optional.empty();
        if (sessions.willMigrateKeyFile() && Files.exists(sessions.databaseFile())) {
            earlier = readEarlierProfile(data);
        }
        return new Start(config, sessions, earlier);
    }

    /** The foundation's one-time profile, read with the old key file before it is migrated. */
    private static Optional<UserProfile> readEarlierProfile(Path data) {
        try (Database db = Database.open(data, new FileKeyProvider())) {
            LocalSettings local = new LocalSettings(db);
            return UserProfile.load(settings(local));
        } catch (RuntimeException e) {
            // Only defaults for a form: a store that will not open here is reported at sign-in.
            return Optional.empty();
        }
    }

    @Override
    public AppServices open(Start start) throws Exception {
        AppServices services = open(start.config().dataDirectory(), start.sessions().keyProvider(),
                start.config().packDirectory().orElse(null), clock, start.config().retentionDays());
        services.service().useForceRules(start.config().textLimits(), start.config().collarNumbers());
        // IT's pinned receipt key; the config reader has already refused one that is not a key.
        start.config().receiptKey().ifPresent(key -> {
            try {
                services.sync().pinReceiptKey(key);
            } catch (IllegalArgumentException e) {
                // reported among the settings file's problems; the pin from first contact stays
            }
        });
        return services;
    }

    /** Opens the store in {@code directory} with {@code keys} and the built-in packs only. */
    public static AppServices open(Path directory, KeyProvider keys) throws java.io.IOException {
        return open(directory, keys, null, Clock.systemUTC());
    }

    static AppServices open(Path directory, KeyProvider keys, Path packDirectory, Clock clock) throws java.io.IOException {
        return open(directory, keys, packDirectory, clock, 7);
    }

    /**
     * @param retentionDays the IT setting {@code retention.days}: a held, finished case's personal
     *                      content is removed when the store opens and before it closes (and so
     *                      compacts), once that many days have passed (issue 14)
     */
    static AppServices open(Path directory, KeyProvider keys, Path packDirectory, Clock clock, int retentionDays)
            throws java.io.IOException {
        Files.createDirectories(directory);
        PolicyRegistry policies = PolicyRegistry.load(packDirectory);
        PackRegistry packs = policies.packs();
        List<String> packProblems = policies.problems();
        H2AssessmentRepository repository = H2AssessmentRepository.open(directory, keys);
        LocalSettings local = new LocalSettings(repository.database());
        repository.useRetentionDays(retentionDays);
        RetentionSweep retention = new RetentionSweep(repository.database(), clock);
        AssessmentService service = new AssessmentService(repository, new GradingEngine(packs, policies.inForce("dash-2009")),
                packs.require("dash-2009"), clock);
        SyncService sync = new SyncService(new OutboxStore(repository.database()), repository, local, null, clock, new Random(), 4);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dashdesk-sync");
            t.setDaemon(true);
            return t;
        });
        AutoCloseable closer = () -> {
            sync.close();
            scheduler.shutdownNow();
            // A cycle in progress holds the store; let it notice before the store closes under it.
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
            // Before the close, whose compaction then takes the purged bytes out of the file.
            sweep(retention, retentionDays, CLOSE_SWEEP);
            repository.close();
        };
        return new AppServices(service, packs, settings(local), closer, sync, scheduler, packProblems,
                () -> evidenceWords(sync, retention, retentionDays),
                // Retention's sweep runs once the lists are on screen, not before: a backlog of due
                // cases (a laptop offline for weeks) must not hold up the sign-in (issue 17).
                // The search as typed is read into memory first, as one piece of its own (issue 17).
                () -> {
                    if (prepareSearch(repository)) {
                        return true;
                    }
                    sweep(retention, retentionDays, SWEEP_PIECE);
                    // The purged cases are read into the search again now, a piece at a time: left
                    // to the next search, a backlog of thousands made the search read every case
                    // again (more than ListIndex.REREAD_ALL_ABOVE touched).
                    prepareSearch(repository);
                    return retention.moreDue();
                });
    }

    /** The Settings screen's "Evidence" lines: which server key receipts must carry, and what retention removes when. */
    static List<String> evidenceWords(SyncService sync, RetentionSweep retention, int days) {
        List<String> out = new java.util.ArrayList<>();
        out.add(sync.receiptTrust().rootFingerprint()
                .map(f -> "Receipts from the central server must be signed by its key, fingerprint " + f
                        + " (or a key it endorsed); a receipt that is not stays queued.")
                .orElse("No central server key is pinned yet: the first key the server shows is pinned at the first sync."));
        out.add("A case's names, answers and comments leave this laptop " + (days == 0 ? "as soon as" : days + (days == 1 ? " day" : " days")
                + " after") + " the force holds it and it is signed off or referred (a setting IT chooses). Drafts and"
                + " anything not yet sent are never removed.");
        List<RetentionSweep.Due> due = retention.schedule(days);
        java.time.format.DateTimeFormatter day = java.time.format.DateTimeFormatter.ofPattern("d MMM yyyy", java.util.Locale.UK);
        if (due.isEmpty()) {
            out.add("Nothing is due to be removed.");
        }
        for (RetentionSweep.Due d : due.subList(0, Math.min(5, due.size()))) {
            out.add((d.incidentReference() == null ? "An assessment" : d.incidentReference()) + (d.level() == null ? "" : " (" + d.level().label()
                    + ")") + ": personal content leaves this laptop " + day.format(d.purgeOn().atZone(java.time.ZoneId.systemDefault())));
        }
        if (due.size() > 5) {
            out.add("… and " + (due.size() - 5) + " more.");
        }
        return out;
    }

    /** Never stops an open: a search reads what it needs itself if this failed. */
    private static boolean prepareSearch(H2AssessmentRepository repository) {
        try {
            return repository.prepareSearch();
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(StoreServices.class.getName()).warning("reading the lists' search failed: "
                    + e.getClass().getSimpleName());
            return false;
        }
    }

    /** Cases purged per background task after sign-in: other work (a search) waits at most one piece. */
    static final int SWEEP_PIECE = 10;
    /** Cases purged at most while closing; a larger backlog is finished after the next sign-in. */
    static final int CLOSE_SWEEP = 200;

    /**
     * Never stops an open or a close: a failed sweep is tried again next time, and nothing is lost by waiting.
     *
     * @return how many were purged (0 after a failure)
     */
    private static int sweep(RetentionSweep retention, int days, int atMost) {
        try {
            return retention.purgeDue(days, "retention", atMost);
        } catch (RuntimeException e) {
            java.util.logging.Logger.getLogger(StoreServices.class.getName()).warning("retention sweep failed: "
                    + e.getClass().getSimpleName());
            return 0;
        }
    }

    private static SettingsStore settings(LocalSettings local) {
        return new SettingsStore() {
            @Override
            public Optional<String> get(String key) {
                return local.get(key);
            }

            @Override
            public void put(String key, String value) {
                local.put(key, value);
            }

            @Override
            public void remove(String key) {
                local.remove(key);
            }
        };
    }

    @Override
    public SyncClient syncClient(AppConfig config, String token) {
        if (token == null || token.isBlank()) {
            transport(config, null);
            throw new IllegalArgumentException("No central server token yet: sign in while the server can be reached, or enter the"
                    + " token IT gave you in Settings.");
        }
        return new SyncClient(transport(config, token.strip()));
    }

    /**
     * The connection rules for the configured server: TLS trusting the configured certificate (or
     * the system's), plain http only with the development flag (and {@code SyncClient} refuses it
     * for anything but loopback).
     */
    private SyncClient.Settings transport(AppConfig config, String token) {
        var endpoint = config.centralEndpoint()
                .orElseThrow(() -> new IllegalArgumentException("No central server is set up on this laptop: IT adds its address in the settings."));
        boolean http = "http".equalsIgnoreCase(endpoint.getScheme());
        if (http) {
            if (!devInsecureHttp) {
                throw new IllegalArgumentException("The central server address uses plain http, which is allowed only for development"
                        + " (-D" + DEV_INSECURE_HTTP + "=true, this computer only).");
            }
            return SyncClient.Settings.devHttp(endpoint, token);
        }
        SSLContext ssl;
        try {
            ssl = config.trustedCertificate().isPresent() ? SyncClient.trusting(config.trustedCertificate().get(), null)
                    : SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("This Java has no TLS: " + e.getMessage(), e);
        }
        return SyncClient.Settings.https(endpoint, token, ssl);
    }

    /**
     * Online sign-in at the configured server. No server set up, or one that cannot be reached,
     * means working offline (empty); a server that answers and refuses is {@link OnlineSignIn.Refused}.
     */
    private Optional<OnlineSignIn.Grant> signInAtServer(String username, char[] password) throws OnlineSignIn.Refused {
        AppConfig c = config;
        if (c == null || c.centralEndpoint().isEmpty()) {
            return Optional.empty();
        }
        SyncClient.Settings settings;
        try {
            // Short timeouts: the person is waiting at the sign-in screen, and offline work must not be held up.
            settings = transport(c, null).withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(10));
        } catch (IllegalArgumentException e) {
            // A misconfigured address is reported by sync in the status bar; the person still works offline.
            return Optional.empty();
        }
        try {
            ServerSession s = new AccountClient(settings).signIn(username, password);
            return Optional.of(new OnlineSignIn.Grant(s.token(), s.expiresAt(), s.account()));
        } catch (ReviewException e) {
            if (e.status() == 0) {
                return Optional.empty();
            }
            throw new OnlineSignIn.Refused(e.status(), e.status() == 423
                    ? "the central server has locked this account after too many wrong passwords; try again later"
                    : e.status() == 401 ? "the central server did not accept this username and password" : e.getMessage());
        }
    }

    @Override
    public ReviewGateway reviewGateway(AppConfig config, String token) {
        return new HttpReviewGateway(transport(config, token));
    }

    @Override
    public void signOutOnline(AppConfig config, String token) {
        try {
            new AccountClient(transport(config, null).withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5))).signOut(token);
        } catch (RuntimeException e) {
            // Best effort: the token expires on its own; signing out here never waits for the server.
        }
    }

    @Override
    public EndpointCheck endpointCheck() {
        return new EndpointCheck(Duration.ofSeconds(10));
    }

    @Override
    public OnlineSignIn onlineSignIn() {
        return online;
    }
}
