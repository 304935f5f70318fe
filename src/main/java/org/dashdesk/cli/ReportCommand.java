package org.dashdesk.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import javax.net.ssl.SSLContext;

import org.dashdesk.assessment.AssessmentJson;
import org.dashdesk.report.Report;
import org.dashdesk.report.ReportCsv;
import org.dashdesk.report.ReportKind;
import org.dashdesk.report.ReportRequest;
import org.dashdesk.report.ReportText;
import org.dashdesk.sync.CommandLineSession;
import org.dashdesk.sync.NetworkException;
import org.dashdesk.sync.ReportClient;
import org.dashdesk.review.ReviewException;
import org.dashdesk.sync.SyncClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code report levels --server URL --username U …}: one of the central server's reports (issue
 * 13), printed as a table, CSV or JSON. The request is checked here first with the server's own
 * rules, so a wrong date or filter is named before anyone signs in; the server checks the role,
 * audits the run and answers. A session signed in here is signed out at the end.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Print one of the central server's reports (levels, sign-off, referrals, judgement, completeness, actions,"
                + " repeat-victims).")
final class ReportCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "REPORT", description = "levels, sign-off, referrals, judgement, completeness, actions or repeat-victims")
    String report;

    @Option(names = "--server", required = true, paramLabel = "URL", description = "the central server")
    URI server;

    @Option(names = "--username", paramLabel = "U", description = "sign in as this user (password on standard input or --password-file)")
    String username;

    @Option(names = "--password-file", paramLabel = "F", description = "the password's file instead of standard input")
    String passwordFile;

    @Option(names = "--token-file", paramLabel = "F", description = "a bearer token instead of signing in")
    Path tokenFile;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "first day (default: a year before --to)")
    String from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "last day (default: today)")
    String to;

    @Option(names = "--filter", paramLabel = "NAME=VALUE", description = "e.g. team=North, level=HIGH, channel=PHONE_IN (repeatable)")
    List<String> filters = new ArrayList<>();

    @Option(names = "--by", paramLabel = "A,B", description = "group rows by, e.g. month,team (levels and sign-off)")
    String by;

    @Option(names = "--suppress", description = "small-number suppression, for figures released outside the force")
    boolean suppress;

    @Option(names = "--format", paramLabel = "F", defaultValue = "table", description = "table (default), csv or json")
    String format;

    @Option(names = "--output", paramLabel = "FILE", description = "write to this file instead of standard output")
    Path output;

    @Option(names = "--trust-cert", paramLabel = "F", description = "trust this certificate (PEM) or trust store")
    Path trustCert;

    @Option(names = "--trust-store-password-file", paramLabel = "F", description = "the trust store's password file")
    Path trustStorePasswordFile;

    @Option(names = "--dev-insecure-http", description = "plain HTTP, for development on loopback only")
    boolean devInsecureHttp;

    private final Io io;

    ReportCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        PrintStream err = io.err();
        ReportKind kind = ReportKind.byPath(report).orElse(null);
        if (kind == null) {
            err.println("report: no report '" + report + "'; the reports are " + ReportKind.known());
            return 2;
        }
        if (!List.of("table", "csv", "json").contains(format)) {
            err.println("report: --format must be table, csv or json");
            return 2;
        }
        ReportRequest request;
        try {
            request = ReportRequest.parse(kind, query(), LocalDate.now(ZoneId.of("Europe/London")));
        } catch (ReportRequest.Invalid e) {
            err.println("report: " + option(e.parameter()) + ": " + e.getMessage());
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("report: " + e.getMessage());
            return 2;
        }
        CommandLineSession session;
        try {
            SSLContext ssl = null;
            if (trustCert != null) {
                char[] pw = trustStorePasswordFile == null ? null : Files.readString(trustStorePasswordFile).strip().toCharArray();
                ssl = SyncClient.trusting(trustCert, pw);
            }
            SyncClient.Settings base = devInsecureHttp ? SyncClient.Settings.devHttp(server, null)
                    : SyncClient.Settings.https(server, null, ssl);
            SyncClient.Settings transport = new SyncClient.Settings(server, null, ssl, devInsecureHttp, base.connectTimeout(),
                    base.requestTimeout());
            if (username != null) {
                char[] password = LocalSignIn.readPassword(passwordFile, io.in());
                try {
                    session = CommandLineSession.signIn(transport, username, password);
                } finally {
                    Arrays.fill(password, '\0');
                }
            } else if (tokenFile != null) {
                session = CommandLineSession.withToken(transport, Files.readString(tokenFile, StandardCharsets.UTF_8).strip());
            } else {
                err.println("report: give --username U to sign in, or --token-file F");
                return 2;
            }
        } catch (ReviewException e) {
            // A network failure (NetworkException) or a refused sign-in, worded by the session.
            err.println("report: " + e.getMessage());
            return 1;
        } catch (IOException | IllegalArgumentException e) {
            err.println("report: " + e.getMessage());
            return 2;
        }
        try (session) {
            long started = System.nanoTime();
            Report r = new ReportClient(session.settings()).run(request);
            String text = switch (format) {
                case "csv" -> ReportCsv.write(r.table());
                case "json" -> AssessmentJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n";
                default -> ReportText.format(r);
            };
            if (output != null) {
                Files.writeString(output, text, StandardCharsets.UTF_8);
                io.out().printf("report: %s written to %s (%d rows, %.1f s)%n", kind.path(), output, r.table().rows().size(),
                        (System.nanoTime() - started) / 1e9);
            } else {
                io.out().print(text);
            }
            return 0;
        } catch (NetworkException e) {
            err.println("report: " + e.getMessage());
            return 1;
        } catch (ReviewException e) {
            err.println("report: the server refused it: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            err.println("report: " + e.getMessage());
            return 2;
        }
    }

    /** The options as the server's query parameters, checked by the same rules. */
    private Map<String, List<String>> query() {
        Map<String, List<String>> q = new LinkedHashMap<>();
        if (from != null) {
            q.put("from", List.of(from));
        }
        if (to != null) {
            q.put("to", List.of(to));
        }
        if (by != null) {
            q.put("by", List.of(by));
        }
        if (suppress) {
            q.put("suppress", List.of("true"));
        }
        for (String f : filters) {
            int eq = f.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--filter must be NAME=VALUE, e.g. team=North");
            }
            q.computeIfAbsent(f.substring(0, eq).strip(), k -> new ArrayList<>()).add(f.substring(eq + 1));
        }
        return q;
    }

    private static String option(String parameter) {
        return List.of("from", "to", "by", "suppress").contains(parameter) ? "--" + parameter : "--filter " + parameter;
    }
}
