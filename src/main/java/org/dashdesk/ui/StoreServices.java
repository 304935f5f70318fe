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
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.instrument.PackValidationException;
import org.dashdesk.security.FileKeyProvider;
import org.dashdesk.security.KeyProvider;
import org.dashdesk.security.SecurityPolicy;
import org.dashdesk.security.SessionManager;
import org.dashdesk.store.Database;
import org.dashdesk.store.H2AssessmentRepository;
import org.dashdesk.store.LocalSettings;
import org.dashdesk.sync.OutboxStore;
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

    public StoreServices(ConfigLocations locations, SecurityPolicy policy, Clock clock, OnlineSignIn online) {
        this.locations = locations;
        this.policy = policy;
        this.clock = clock;
        this.online = online;
    }

    /** This machine's settings, the default policy and no online sign-in yet. */
    public static StoreServices forThisMachine() {
        return new StoreServices(ConfigLocations.forThisMachine(), SecurityPolicy.defaults(), Clock.systemUTC(), OnlineSignIn.OFFLINE);
    }

    @Override
    public Start prepare() throws Exception {
        AppConfig config = AppConfig.load(locations);
        Path data = config.dataDirectory();
        Files.createDirectories(data);
        SessionManager sessions = SessionManager.open(data, policy, clock);
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
        return open(start.config().dataDirectory(), start.sessions().keyProvider(), start.config().packDirectory().orElse(null), clock);
    }

    /** Opens the store in {@code directory} with {@code keys} and the built-in packs only. */
    public static AppServices open(Path directory, KeyProvider keys) throws java.io.IOException {
        return open(directory, keys, null, Clock.systemUTC());
    }

    static AppServices open(Path directory, KeyProvider keys, Path packDirectory, Clock clock) throws java.io.IOException {
        Files.createDirectories(directory);
        PackRegistry packs = PackRegistry.load(packDirectory);
        List<String> packProblems = packs.problems().stream().map(PackValidationException::getMessage).toList();
        H2AssessmentRepository repository = H2AssessmentRepository.open(directory, keys);
        LocalSettings local = new LocalSettings(repository.database());
        AssessmentService service = new AssessmentService(repository, new GradingEngine(packs, GradingPolicy.builtInDefault()),
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
            repository.close();
        };
        return new AppServices(service, packs, settings(local), closer, sync, scheduler, packProblems);
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
        var endpoint = config.centralEndpoint()
                .orElseThrow(() -> new IllegalArgumentException("No central server is set up (central.endpoint)."));
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("No central server token yet: enter the one IT gave you in Settings.");
        }
        boolean http = "http".equalsIgnoreCase(endpoint.getScheme());
        SSLContext ssl = null;
        if (!http) {
            try {
                ssl = config.trustedCertificate().isPresent() ? SyncClient.trusting(config.trustedCertificate().get(), null)
                        : SSLContext.getDefault();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalArgumentException("This Java has no TLS: " + e.getMessage(), e);
            }
        } else if (!Boolean.getBoolean(DEV_INSECURE_HTTP)) {
            throw new IllegalArgumentException("The central server address uses plain http, which is allowed only for development"
                    + " (-D" + DEV_INSECURE_HTTP + "=true, this computer only).");
        }
        SyncClient.Settings base = http ? SyncClient.Settings.devHttp(endpoint, token.strip())
                : SyncClient.Settings.https(endpoint, token.strip(), ssl);
        return new SyncClient(base);
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
