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
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Handler;
import java.util.logging.Logger;

import org.dashdesk.logging.Logs;
import org.dashdesk.logging.SafeLogFormatter;
import org.dashdesk.security.Role;
import org.dashdesk.security.UserAccount;
import org.dashdesk.server.ReferenceServer;
import org.dashdesk.server.ServerConfig;
import org.dashdesk.server.ServerPolicy;
import org.dashdesk.server.ServerTokens;

/**
 * {@code server …} runs the reference central server until stopped; {@code server token …}
 * issues a bearer token for a collar number and prints it once.
 */
final class ServerCommand implements Command {

    static final Set<String> VALUED = Set.of("--port", "--bind", "--data-dir", "--jdbc-url", "--jdbc-user",
            "--jdbc-password-file", "--keystore", "--keystore-password-file", "--threads", "--session-hours",
            "--sign-off-limit-hours", "--pack-dir", "--metrics-token-file");
    static final Set<String> FLAGS = Set.of("--dev-insecure-http", "--trust-forwarded-for");

    @Override
    public String name() {
        return "server";
    }

    @Override
    public String summary() {
        return "server --port 8443 --data-dir DIR --keystore F --keystore-password-file F [--jdbc-url URL]"
                + " [--dev-insecure-http] [--metrics-token-file F] [--trust-forwarded-for]   run the reference sync server;"
                + " server user add --data-dir DIR --username U --collar C --roles officer,supervisor --team T"
                + " [--display-name N] [--password-file F]   add a user (password on standard input or in the file);"
                + " server token --data-dir DIR --collar N [--role officer|supervisor] [--team T] [--valid-hours 12]"
                + "   issue a development token (expires; cannot approve, return or raise)";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        try {
            if (!args.isEmpty() && args.get(0).equals("token")) {
                return token(args.subList(1, args.size()), out);
            }
            if (args.size() >= 2 && args.get(0).equals("user") && args.get(1).equals("add")) {
                return addUser(args.subList(2, args.size()), in, out);
            }
            return serve(args, out, err);
        } catch (IllegalArgumentException e) {
            err.println("server: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("server: " + e.getMessage());
            return 1;
        }
    }

    private int token(List<String> args, PrintStream out) throws IOException {
        Set<String> valued = Set.of("--data-dir", "--jdbc-url", "--jdbc-user", "--jdbc-password-file", "--collar", "--role", "--team",
                "--valid-hours");
        Options o = Options.parse(args, valued, Set.of());
        String role = o.get("--role") == null ? "officer" : o.get("--role");
        if (!role.equals("officer") && !role.equals("supervisor")) {
            throw new IllegalArgumentException("--role must be officer or supervisor");
        }
        ServerConfig config = config(o, false);
        Duration validity = Duration.ofHours(o.integer("--valid-hours", (int) ServerTokens.DEFAULT_VALIDITY.toHours()));
        out.println(ServerTokens.issue(config, o.require("--collar"), role, o.get("--team"), validity));
        return 0;
    }

    private int addUser(List<String> args, InputStream in, PrintStream out) throws IOException {
        Set<String> valued = Set.of("--data-dir", "--jdbc-url", "--jdbc-user", "--jdbc-password-file", "--username", "--collar",
                "--roles", "--team", "--display-name", "--password-file", "--iterations");
        Options o = Options.parse(args, valued, Set.of());
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String r : o.require("--roles").split(",")) {
            try {
                roles.add(Role.valueOf(r.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--roles: unknown role '" + r.strip()
                        + "' (officer, imu, supervisor, cru, administrator)");
            }
        }
        String username = o.require("--username");
        UserAccount user = new UserAccount(username, o.get("--display-name") == null ? username : o.get("--display-name"),
                o.get("--collar"), roles, o.require("--team"));
        ServerConfig config = config(o, false);
        char[] password = LocalSignIn.readPassword(o.get("--password-file"), in);
        try {
            ServerPolicy policy = ServerPolicy.defaults();
            if (o.get("--iterations") != null) {
                policy = policy.withIterations(o.integer("--iterations", policy.iterations()));
            }
            ServerTokens.addUser(config, policy, user, password);
        } finally {
            Arrays.fill(password, '\0');
        }
        out.println("added user " + user.username() + " (" + String.join(",", roles.stream().map(r -> r.name().toLowerCase(Locale.ROOT))
                .toList()) + ", team " + user.team() + ")");
        return 0;
    }

    private int serve(List<String> args, PrintStream out, PrintStream err) throws IOException {
        installLogging(config(Options.parse(args, VALUED, FLAGS), false));
        ReferenceServer server = start(args, err);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "dashdesk-server-shutdown"));
        out.println("DASH Desk reference server, protocol v1, listening on " + server.uri());
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

    /** Starts the server the {@code server} command would run (refused force files reported on {@code err}). */
    static ReferenceServer start(List<String> args, PrintStream err) throws IOException {
        Options o = Options.parse(args, VALUED, FLAGS);
        ServerConfig config = config(o, true);
        ServerPolicy policy = ServerPolicy.defaults()
                .withSessionLifetime(Duration.ofHours(o.integer("--session-hours", 12)))
                .withSignOffLimit(Duration.ofHours(o.integer("--sign-off-limit-hours", 24)));
        // The force's packs and policies, as its laptops load them: the server regrades every upload
        // with the policy it names, so a force policy the server lacks would refuse every such upload.
        String packDir = o.get("--pack-dir");
        if (packDir != null && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(packDir))) {
            throw new IllegalArgumentException("--pack-dir: " + packDir + " is not a directory");
        }
        org.dashdesk.grading.PolicyRegistry loaded = org.dashdesk.grading.PolicyRegistry.load(
                packDir == null ? null : java.nio.file.Path.of(packDir));
        for (String problem : loaded.problems()) {
            err.println("refused: " + problem);
        }
        return ReferenceServer.start(config, loaded.packs(), List.copyOf(loaded.all()), java.time.Clock.systemUTC(), policy);
    }

    static ServerConfig config(Options o, boolean serving) throws IOException {
        String jdbcUrl = o.get("--jdbc-url");
        String dataDir = o.get("--data-dir");
        if (dataDir == null && jdbcUrl == null) {
            throw new IllegalArgumentException("--data-dir (or --jdbc-url) is required");
        }
        String jdbcPassword = o.get("--jdbc-password-file") == null ? null : secret(Path.of(o.get("--jdbc-password-file")));
        boolean dev = o.flag("--dev-insecure-http");
        Path keystore = o.get("--keystore") == null ? null : Path.of(o.get("--keystore"));
        char[] ksPassword = null;
        if (serving && !dev) {
            if (keystore == null) {
                throw new IllegalArgumentException("--keystore FILE (PKCS12) is required for HTTPS;"
                        + " use --dev-insecure-http only for development on loopback");
            }
            ksPassword = secret(Path.of(o.require("--keystore-password-file"))).toCharArray();
        }
        InetAddress bind = o.get("--bind") == null
                ? (dev ? InetAddress.getLoopbackAddress() : InetAddress.getByName("0.0.0.0"))
                : InetAddress.getByName(o.get("--bind"));
        ServerConfig.Http http = ServerConfig.Http.defaults().withTrustForwardedHeaders(o.flag("--trust-forwarded-for"))
                .withMetricsToken(o.get("--metrics-token-file") == null ? null : secret(Path.of(o.get("--metrics-token-file"))));
        return new ServerConfig(bind, o.integer("--port", 8443), dataDir == null ? null : Path.of(dataDir), jdbcUrl,
                o.get("--jdbc-user"), jdbcPassword, keystore, ksPassword, dev, o.integer("--threads", 16), http);
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
