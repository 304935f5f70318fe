package org.dashdesk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Random;
import java.util.concurrent.Callable;

import javax.net.ssl.SSLContext;

import org.dashdesk.assessment.StoreException;
import org.dashdesk.review.ReviewException;
import org.dashdesk.security.SignInException;
import org.dashdesk.store.DataDirectories;
import org.dashdesk.store.H2AssessmentRepository;
import org.dashdesk.store.LocalSettings;
import org.dashdesk.sync.CommandLineSession;
import org.dashdesk.sync.CycleReport;
import org.dashdesk.store.OutboxStore;
import org.dashdesk.sync.SyncClient;
import org.dashdesk.sync.SyncService;
import org.dashdesk.sync.SyncSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code sync --server URL …}: one push/pull cycle with the central server, then the counts.
 * Exit code 0 when the cycle met no problem, 1 when something is still waiting for a reason.
 */
@Command(name = "sync", mixinStandardHelpOptions = true,
        description = "Run one sync cycle with the central server; exit 1 when something is still waiting for a reason.")
final class SyncCommand implements Callable<Integer> {

    static final String TOKEN_ENV = "DASHDESK_TOKEN";

    @Option(names = "--server", required = true, paramLabel = "URL", description = "the central server")
    URI server;

    @Option(names = "--token-file", paramLabel = "F", description = "a bearer token (from 'server token') instead of signing in")
    Path tokenFile;

    @Option(names = "--trust-cert", paramLabel = "F", description = "trust this certificate (PEM) or trust store")
    Path trustCert;

    @Option(names = "--trust-store-password-file", paramLabel = "F", description = "the trust store's password file")
    Path trustStorePasswordFile;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the laptop's data folder (default: the app's)")
    Path dataDir;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "4", description = "assessments in flight at once (default 4)")
    int parallel;

    @Option(names = "--username", paramLabel = "U", description = "who opens the store and signs in to the server")
    String username;

    @Option(names = "--password-file", paramLabel = "F", description = "the password's file instead of standard input")
    String passwordFile;

    @Option(names = "--dev-insecure-http", description = "plain HTTP, for development on loopback only")
    boolean devInsecureHttp;

    @Option(names = "--receipt-key", paramLabel = "KEY",
            description = "the server's receipt key ('server receipt-key show'); default the one pinned before, else the server's first")
    String receiptKey;

    private final Io io;

    SyncCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        PrintStream out = io.out();
        PrintStream err = io.err();
        CommandLineSession session;
        LocalSignIn local;
        Path dir = dataDir == null ? DataDirectories.resolve() : dataDir;
        try {
            SSLContext ssl = null;
            if (trustCert != null) {
                char[] pw = trustStorePasswordFile == null ? null : Files.readString(trustStorePasswordFile).strip().toCharArray();
                ssl = SyncClient.trusting(trustCert, pw);
            }
            boolean dev = devInsecureHttp;
            local = LocalSignIn.open(dir, username, passwordFile, io.in());
            SyncClient.Settings base = dev ? SyncClient.Settings.devHttp(server, null) : SyncClient.Settings.https(server, null, ssl);
            SyncClient.Settings transport = new SyncClient.Settings(server, null, ssl, dev, base.connectTimeout(), base.requestTimeout());
            if (tokenFile == null && System.getenv(TOKEN_ENV) == null && local.username() != null) {
                // The server is the source of truth for the account: sign in there with the same password.
                // Network failures are retried and worded as such; the session is revoked when the
                // command ends, also after an error (issue 16), so a run leaves no live token behind.
                try {
                    session = CommandLineSession.signIn(transport, local.username(), local.password());
                } catch (ReviewException e) {
                    err.println("sync: " + e.getMessage());
                    return 1;
                }
            } else {
                // A token given by file or environment belongs to whoever issued it: left alone.
                session = CommandLineSession.withToken(transport, token());
            }
            local.clear();
        } catch (SignInException e) {
            err.println("sync: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("sync: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("sync: " + e.getMessage());
            return 2;
        }
        try (session; H2AssessmentRepository repository = H2AssessmentRepository.open(dir, local.keys());
                SyncService sync = session.prepare(new SyncService(new OutboxStore(repository.database()), repository,
                        new LocalSettings(repository.database()), session.client(), Clock.systemUTC(), new Random(), parallel))) {
            if (receiptKey != null) {
                try {
                    sync.pinReceiptKey(receiptKey);
                } catch (IllegalArgumentException e) {
                    err.println("sync: --receipt-key: " + e.getMessage());
                    return 2;
                }
            }
            long start = System.nanoTime();
            CycleReport r = sync.runCycle(true);
            double seconds = (System.nanoTime() - start) / 1e9;
            SyncSnapshot s = sync.snapshot();
            out.printf("sent %d, refused %d, retrying %d, held back %d, central changes applied %d (%.1f s)%n", r.sent(),
                    r.quarantined(), r.retrying(), r.heldBack(), r.applied(), seconds);
            out.println(s.summary());
            r.problems().forEach(p -> out.println("problem: " + p));
            return r.problems().isEmpty() ? 0 : 1;
        } catch (StoreException e) {
            err.println("sync: " + e.getMessage());
            return 1;
        }
    }

    private String token() throws IOException {
        if (tokenFile != null) {
            if (!Files.isReadable(tokenFile)) {
                throw new IllegalArgumentException(tokenFile + ": cannot be read");
            }
            return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        }
        String env = System.getenv(TOKEN_ENV);
        if (env == null || env.isBlank()) {
            throw new IllegalArgumentException("no token: give --username U to sign in, --token-file F (from 'server token') or set "
                    + TOKEN_ENV);
        }
        return env.strip();
    }
}
