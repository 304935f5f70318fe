package org.dashdesk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.time.Clock;
import java.util.logging.Handler;
import java.util.logging.Logger;

import org.dashdesk.grading.PolicyRegistry;
import org.dashdesk.logging.Logs;
import org.dashdesk.logging.SafeLogFormatter;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.dashdesk.server.ServerEvidence;
import org.dashdesk.server.ServerPolicy;
import org.dashdesk.server.ServerTokens;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code server …} runs the reference central server until stopped; {@code server user add …}
 * adds an account; {@code server token …} issues a bearer token for a collar number and prints it once.
 */
@Command(name = "server", mixinStandardHelpOptions = true,
        description = "Run the reference sync server (until stopped); 'server user add' adds a user; 'server token' issues a"
                + " development token (expires; cannot approve, return or raise).")
final class ServerCommand implements Callable<Integer> {

    /** Where the server keeps its data: a folder (H2) or a JDBC URL (PostgreSQL). */
    static final class Store {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "the server's data folder (H2)")
        String dataDir;

        @Option(names = "--jdbc-url", paramLabel = "URL", description = "a PostgreSQL database instead of --data-dir")
        String jdbcUrl;

        @Option(names = "--jdbc-user", paramLabel = "USER", description = "the database user")
        String jdbcUser;

        @Option(names = "--jdbc-password-file", paramLabel = "F", description = "the database password's file")
        String jdbcPasswordFile;

        @Option(names = "--evidence-dir", paramLabel = "DIR",
                description = "receipt-signing keys and audit checkpoints (default DATA-DIR/evidence; required with --jdbc-url)")
        String evidenceDir;
    }

    @Mixin
    Store store = new Store();

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8443", description = "default 8443; 0 picks a free port")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", description = "default all addresses (loopback with --dev-insecure-http)")
    String bind;

    @Option(names = "--keystore", paramLabel = "F", description = "the HTTPS key and certificate (PKCS12)")
    Path keystore;

    @Option(names = "--keystore-password-file", paramLabel = "F", description = "the keystore's password file")
    String keystorePasswordFile;

    @Option(names = "--threads", paramLabel = "N", defaultValue = "16", description = "request threads (default 16)")
    int threads;

    @Option(names = "--session-hours", paramLabel = "H", defaultValue = "12", description = "sign-in lifetime (default 12)")
    int sessionHours;

    @Option(names = "--sign-off-limit-hours", paramLabel = "H", defaultValue = "24", description = "sign-off time limit (default 24)")
    int signOffLimitHours;

    @Option(names = "--pack-dir", paramLabel = "DIR", description = "the force's packs and policies, to regrade uploads")
    String packDir;

    @Option(names = "--dev-insecure-http", description = "plain HTTP on loopback, for development only")
    boolean devInsecureHttp;

    @Option(names = "--metrics-token-file", paramLabel = "F",
            description = "a token that lets callers other than loopback read /metrics (decision 0133)")
    String metricsTokenFile;

    @Option(names = "--trust-forwarded-for",
            description = "take the caller's address from X-Forwarded-For (only behind a balancer that replaces it)")
    boolean trustForwardedFor;

    private final Io io;

    ServerCommand(Io io) {
        this.io = io;
    }

    /** {@code server} with its {@code token} and {@code user add} sub-commands. */
    static CommandLine commandLine(Io io) {
        CommandLine server = new CommandLine(new ServerCommand(io));
        server.addSubcommand(new CommandLine(new Token(io)));
        server.addSubcommand(new CommandLine(new User()).addSubcommand(new CommandLine(new AddUser(io)))
                .addSubcommand(new CommandLine(new SetPassword(io)))
                .addSubcommand("disable", ChangeUser.commandLine(io, ServerTokens.AccountChange.DISABLE,
                        "Disable a user; every token of theirs stops working."))
                .addSubcommand("enable", ChangeUser.commandLine(io, ServerTokens.AccountChange.ENABLE,
                        "Enable a disabled user again (they sign in afresh)."))
                .addSubcommand("delete", ChangeUser.commandLine(io, ServerTokens.AccountChange.DELETE,
                        "Delete a user; every token of theirs stops working.")));
        server.addSubcommand(new CommandLine(new Audit()).addSubcommand(new CommandLine(new AuditVerify(io))));
        server.addSubcommand(new CommandLine(new ReceiptKeyCommand()).addSubcommand(new CommandLine(new ReceiptKeyShow(io)))
                .addSubcommand(new CommandLine(new ReceiptKeyRotate(io))));
        return server;
    }

    @Override
    public Integer call() {
        return reported(io, () -> serve(io.out(), io.err()));
    }

    /** A sub-command's work; its bad input throws IllegalArgumentException, its I/O IOException. */
    private interface Work {
        int run() throws IOException;
    }

    /** Runs the work; bad input is exit 2 and an I/O failure exit 1, each one line on stderr. */
    private static int reported(Io io, Work work) {
        try {
            return work.run();
        } catch (IllegalArgumentException e) {
            io.err().println("server: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            io.err().println("server: " + e.getMessage());
            return 1;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true, description = "The central audit log: 'server audit verify'.")
    static final class Audit implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "give a sub-command: verify");
        }
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the audit log's hash chain and its signed checkpoints; exit 0 intact, 1 broken.")
    static final class AuditVerify implements Callable<Integer> {
        @Mixin
        Store store = new Store();

        private final Io io;

        AuditVerify(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            return reported(io, () -> ServerEvidence.verify(config(store, null, false), io.out()));
        }
    }

    @Command(name = "receipt-key", mixinStandardHelpOptions = true,
            description = "The key the server signs receipts and audit checkpoints with: 'show' or 'rotate'.")
    static final class ReceiptKeyCommand implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "give a sub-command: show or rotate");
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the current receipt key and its fingerprint.")
    static final class ReceiptKeyShow implements Callable<Integer> {
        @Mixin
        Store store = new Store();

        private final Io io;

        ReceiptKeyShow(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            return reported(io, () -> {
                io.out().println(ServerEvidence.describeKey(evidenceDir(store)));
                return 0;
            });
        }
    }

    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = "Make a new receipt key, endorsed by the current one (desks accept it without a visit).")
    static final class ReceiptKeyRotate implements Callable<Integer> {
        @Mixin
        Store store = new Store();

        private final Io io;

        ReceiptKeyRotate(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            return reported(io, () -> {
                io.out().println(ServerEvidence.rotateKey(evidenceDir(store), Clock.systemUTC()));
                return 0;
            });
        }
    }

    private static Path evidenceDir(Store store) {
        if (store.evidenceDir != null) {
            return Path.of(store.evidenceDir);
        }
        if (store.dataDir != null) {
            return Path.of(store.dataDir).resolve("evidence");
        }
        throw new IllegalArgumentException("--evidence-dir (or --data-dir) is required");
    }

    @Command(name = "token", mixinStandardHelpOptions = true,
            description = "Issue a development token for a collar number and print it once (expires; cannot approve, return or raise).")
    static final class Token implements Callable<Integer> {
        @Mixin
        Store store = new Store();

        @Option(names = "--collar", required = true, paramLabel = "N", description = "the officer's collar number")
        String collar;

        @Option(names = "--role", paramLabel = "officer|supervisor", defaultValue = "officer", description = "default officer")
        String role;

        @Option(names = "--team", paramLabel = "T", description = "the team")
        String team;

        @Option(names = "--valid-hours", paramLabel = "H", description = "how long it works (default 12)")
        Integer validHours;

        private final Io io;

        Token(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            return reported(io, () -> {
                if (!role.equals("officer") && !role.equals("supervisor")) {
                    throw new IllegalArgumentException("--role must be officer or supervisor");
                }
                ServerConfig config = config(store, null, false);
                Duration validity = Duration.ofHours(validHours == null ? ServerTokens.DEFAULT_VALIDITY.toHours() : validHours);
                io.out().println(ServerTokens.issue(config, collar, role, team, validity));
                return 0;
            });
        }
    }

    @Command(name = "user", mixinStandardHelpOptions = true, description = "Manage the server's user accounts.")
    static final class User implements Callable<Integer> {
        @picocli.CommandLine.Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            throw new CommandLine.ParameterException(spec.commandLine(), "give a sub-command: add, password, disable, enable or delete");
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add a user (password on standard input or in --password-file).")
    static final class AddUser implements Callable<Integer> {
        @Mixin
        Store store = new Store();

        @Option(names = "--username", required = true, paramLabel = "U", description = "the sign-in name")
        String username;

        @Option(names = "--collar", paramLabel = "C", description = "the collar number")
        String collar;

        @Option(names = "--roles", required = true, paramLabel = "R,R", description = "officer, imu, supervisor, cru, administrator")
        String roles;

        @Option(names = "--team", required = true, paramLabel = "T", description = "the team")
        String team;

        @Option(names = "--display-name", paramLabel = "N", description = "the name shown (default the username)")
        String displayName;

        @Option(names = "--password-file", paramLabel = "F", description = "the password's file instead of standard input")
        String passwordFile;

        @Option(names = "--iterations", paramLabel = "N", description = "password hashing rounds (tests only)")
        Integer iterations;

        private final Io io;

        AddUser(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            return reported(io, () -> {
                Set<Role> chosen = Roles.parse(roles);
                UserAccount user = new UserAccount(username, displayName == null ? username : displayName, collar, chosen, team);
                ServerConfig config = config(store, null, false);
                char[] password = LocalSignIn.readPassword(passwordFile, io.in());
                try {
                    ServerPolicy policy = ServerPolicy.defaults();
                    if (iterations != null) {
                        policy = policy.withIterations(iterations);
                    }
                    ServerTokens.addUser(config, policy, user, password);
                } finally {
                    Arrays.fill(password, '\0');
                }
                io.out().println("added user " + user.username() + " (" + Roles.words(chosen) + ", team " + user.team() + ")");
                return 0;
            });
        }
    }

    /** {@code server user delete|disable|enable --username U}: the account's tokens stop working at once. */
    @Command(mixinStandardHelpOptions = true)
    static final class ChangeUser implements Callable<Integer> {
        @Mixin
        Store store = new Store();

        @Option(names = "--username", required = true, paramLabel = "U", description = "the sign-in name")
        String username;

        private final Io io;
        private final ServerTokens.AccountChange change;

        ChangeUser(Io io, ServerTokens.AccountChange change) {
            this.io = io;
            this.change = change;
        }

        static CommandLine commandLine(Io io, ServerTokens.AccountChange change, String description) {
            CommandLine line = new CommandLine(new ChangeUser(io, change));
            line.getCommandSpec().usageMessage().description(description);
            return line;
        }

        @Override
        public Integer call() {
            return reported(io, () -> {
                ServerTokens.change(config(store, null, false), username, change);
                io.out().println(switch (change) {
                    case DELETE -> "deleted user " + username + "; their tokens are revoked";
                    case DISABLE -> "disabled user " + username + "; their tokens are revoked";
                    case ENABLE -> "enabled user " + username;
                });
                return 0;
            });
        }
    }

    /** {@code server user password --username U}: a new password; every token of the account is revoked. */
    @Command(name = "password", mixinStandardHelpOptions = true,
            description = "Set a user's password (on standard input or in --password-file); their tokens stop working.")
    static final class SetPassword implements Callable<Integer> {
        @Mixin
        Store store = new Store();

        @Option(names = "--username", required = true, paramLabel = "U", description = "the sign-in name")
        String username;

        @Option(names = "--password-file", paramLabel = "F", description = "the password's file instead of standard input")
        String passwordFile;

        private final Io io;

        SetPassword(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            return reported(io, () -> {
                char[] password = LocalSignIn.readPassword(passwordFile, io.in());
                try {
                    ServerTokens.changePassword(config(store, null, false), ServerPolicy.defaults(), username, password);
                } finally {
                    Arrays.fill(password, '\0');
                }
                io.out().println("changed the password of " + username + "; their tokens are revoked");
                return 0;
            });
        }
    }

    private int serve(PrintStream out, PrintStream err) throws IOException {
        installLogging(config(store, this, false));
        ReferenceServer server = start(err);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "dashdesk-server-shutdown"));
        out.println("DASH Desk reference server, protocol v1, listening on " + server.uri());
        out.println("Receipts are signed with " + server.receiptKeyWords());
        out.flush();
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /**
     * Every server log line, Jetty's and Javalin's too (through slf4j-jdk14), goes through the
     * redacting formatter (decision 0134): into {@code DATA-DIR/logs} when there is a data folder,
     * else to the console only.
     *
     * @return the installed logging, or null when only the console's formatter was replaced
     */
    static Logs installLogging(ServerConfig config) {
        if (config.dataDir() != null) {
            return Logs.configure(config.dataDir());
        }
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            handler.setFormatter(new SafeLogFormatter());
        }
        return null;
    }

    /** The configuration the {@code server} command would use for these arguments (no keystore needed). */
    static ServerConfig config(List<String> args) throws IOException {
        ServerCommand c = new ServerCommand(new Io(InputStream.nullInputStream(), System.err, System.err));
        new CommandLine(c).parseArgs(args.toArray(String[]::new));
        return config(c.store, c, false);
    }

    /** Starts the server the {@code server} command would run (refused force files reported on {@code err}). */
    static ReferenceServer start(List<String> args, PrintStream err) throws IOException {
        ServerCommand c = new ServerCommand(new Io(InputStream.nullInputStream(), err, err));
        new CommandLine(c).parseArgs(args.toArray(String[]::new));
        return c.start(err);
    }

    private ReferenceServer start(PrintStream err) throws IOException {
        ServerConfig config = config(store, this, true);
        ServerPolicy policy = ServerPolicy.defaults()
                .withSessionLifetime(Duration.ofHours(sessionHours))
                .withSignOffLimit(Duration.ofHours(signOffLimitHours));
        // The force's packs and policies, as its laptops load them: the server regrades every upload
        // with the policy it names, so a force policy the server lacks would refuse every such upload.
        if (packDir != null && !Files.isDirectory(Path.of(packDir))) {
            throw new IllegalArgumentException("--pack-dir: " + packDir + " is not a directory");
        }
        PolicyRegistry loaded = PolicyRegistry.load(packDir == null ? null : Path.of(packDir));
        for (String problem : loaded.problems()) {
            err.println("refused: " + problem);
        }
        return ReferenceServer.start(config, loaded.packs(), List.copyOf(loaded.all()), Clock.systemUTC(), policy);
    }

    /** The server's configuration; {@code serving} is null for the token and user commands (no HTTP). */
    private static ServerConfig config(Store store, ServerCommand serving, boolean requireHttps) throws IOException {
        String jdbcUrl = store.jdbcUrl;
        String dataDir = store.dataDir;
        if (dataDir == null && jdbcUrl == null) {
            throw new IllegalArgumentException("--data-dir (or --jdbc-url) is required");
        }
        String jdbcPassword = store.jdbcPasswordFile == null ? null : secret(Path.of(store.jdbcPasswordFile));
        boolean dev = serving != null && serving.devInsecureHttp;
        Path keystore = serving == null ? null : serving.keystore;
        char[] ksPassword = null;
        if (requireHttps && !dev) {
            if (keystore == null) {
                throw new IllegalArgumentException("--keystore FILE (PKCS12) is required for HTTPS;"
                        + " use --dev-insecure-http only for development on loopback");
            }
            if (serving.keystorePasswordFile == null) {
                throw new IllegalArgumentException("--keystore-password-file is required");
            }
            ksPassword = secret(Path.of(serving.keystorePasswordFile)).toCharArray();
        }
        String bind = serving == null ? null : serving.bind;
        InetAddress address = bind == null
                ? (dev ? InetAddress.getLoopbackAddress() : InetAddress.getByName("0.0.0.0"))
                : InetAddress.getByName(bind);
        ServerConfig.Http http = ServerConfig.Http.defaults();
        if (serving != null) {
            http = http.withTrustForwardedHeaders(serving.trustForwardedFor)
                    .withMetricsToken(serving.metricsTokenFile == null ? null : secret(Path.of(serving.metricsTokenFile)));
        }
        return new ServerConfig(address, serving == null ? 8443 : serving.port, dataDir == null ? null : Path.of(dataDir), jdbcUrl,
                store.jdbcUser, jdbcPassword, keystore, ksPassword, dev, serving == null ? 16 : serving.threads, http,
                store.evidenceDir == null ? null : Path.of(store.evidenceDir));
    }

    /** A secret from a file (first line), so it never appears in the process list. */
    private static String secret(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException(file + ": cannot be read");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline).strip();
    }
}
