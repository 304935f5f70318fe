package org.dashdesk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Random;
import java.util.Set;

import javax.net.ssl.SSLContext;

import org.dashdesk.assessment.StoreException;
import org.dashdesk.review.ReviewException;
import org.dashdesk.security.SignInException;
import org.dashdesk.store.DataDirectories;
import org.dashdesk.store.H2AssessmentRepository;
import org.dashdesk.store.LocalSettings;
import org.dashdesk.sync.CommandLineSession;
import org.dashdesk.sync.CycleReport;
import org.dashdesk.sync.OutboxStore;
import org.dashdesk.sync.SyncClient;
import org.dashdesk.sync.SyncService;
import org.dashdesk.sync.SyncSnapshot;

/**
 * {@code sync --server URL …}: one push/pull cycle with the central server, then the counts.
 * Exit code 0 when the cycle met no problem, 1 when something is still waiting for a reason.
 */
final class SyncCommand implements Command {

    static final String TOKEN_ENV = "DASHDESK_TOKEN";

    @Override
    public String name() {
        return "sync";
    }

    @Override
    public String summary() {
        return "sync --server URL [--token-file F | --username U [--password-file F]] [--trust-cert F] [--dev-insecure-http]"
                + " [--data-dir DIR]   run one sync cycle";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Options o;
        CommandLineSession session;
        LocalSignIn local;
        try {
            o = Options.parse(args, Set.of("--server", "--token-file", "--trust-cert", "--trust-store-password-file",
                    "--data-dir", "--parallel", "--username", "--password-file"), Set.of("--dev-insecure-http"));
            URI server = URI.create(o.require("--server"));
            SSLContext ssl = null;
            if (o.get("--trust-cert") != null) {
                char[] pw = o.get("--trust-store-password-file") == null ? null
                        : Files.readString(Path.of(o.get("--trust-store-password-file"))).strip().toCharArray();
                ssl = SyncClient.trusting(Path.of(o.get("--trust-cert")), pw);
            }
            boolean dev = o.flag("--dev-insecure-http");
            Path dir = o.get("--data-dir") == null ? DataDirectories.resolve() : Path.of(o.get("--data-dir"));
            local = LocalSignIn.open(dir, o.get("--username"), o.get("--password-file"), in);
            SyncClient.Settings base = dev ? SyncClient.Settings.devHttp(server, null) : SyncClient.Settings.https(server, null, ssl);
            SyncClient.Settings transport = new SyncClient.Settings(server, null, ssl, dev, base.connectTimeout(), base.requestTimeout());
            if (o.get("--token-file") == null && System.getenv(TOKEN_ENV) == null && local.username() != null) {
                // The server is the source of truth for the account: sign in there with the same password.
                // Network failures are retried and worded as such; the token is revoked when the command ends.
                try {
                    session = CommandLineSession.signIn(transport, local.username(), local.password());
                } catch (ReviewException e) {
                    err.println("sync: " + e.getMessage());
                    return 1;
                }
            } else {
                session = CommandLineSession.withToken(transport, token(o));
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
        Path dataDir = o.get("--data-dir") == null ? DataDirectories.resolve() : Path.of(o.get("--data-dir"));
        try (session; H2AssessmentRepository repository = H2AssessmentRepository.open(dataDir, local.keys());
                SyncService sync = session.prepare(new SyncService(new OutboxStore(repository.database()), repository,
                        new LocalSettings(repository.database()), session.client(), Clock.systemUTC(), new Random(), o.integer("--parallel", 4)))) {
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

    private static String token(Options o) throws IOException {
        if (o.get("--token-file") != null) {
            Path f = Path.of(o.get("--token-file"));
            if (!Files.isReadable(f)) {
                throw new IllegalArgumentException(f + ": cannot be read");
            }
            return Files.readString(f, StandardCharsets.UTF_8).strip();
        }
        String env = System.getenv(TOKEN_ENV);
        if (env == null || env.isBlank()) {
            throw new IllegalArgumentException("no token: give --username U to sign in, --token-file F (from 'server token') or set "
                    + TOKEN_ENV);
        }
        return env.strip();
    }
}
