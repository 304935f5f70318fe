package org.dashdesk.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.dashdesk.server.ReferenceServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command line the README shows, parsed out of README.md, with its placeholders replaced
 * by temporary files and folders, run in-process in the order IT would: set up a laptop, grade,
 * list packs, add a server user, issue a token, start the server (HTTPS, its own keystore), import
 * and sync. Each must exit 0; so an example that drifts from the real options fails here.
 */
class ReadmeCommandLinesTest {

    private static final Pattern COMMAND = Pattern.compile("`java -jar target/dashdesk\\.jar ([^`]+)`");
    private static final String PASSWORD = "synthetic desk phrase";

    @TempDir
    Path dir;

    /** The README's command lines, by command ("server user add" before "server"), optional parts dropped. */
    static Map<String, List<String>> readmeCommands() throws Exception {
        String readme = Files.readString(Path.of("README.md"), StandardCharsets.UTF_8);
        Map<String, List<String>> out = new LinkedHashMap<>();
        Matcher m = COMMAND.matcher(readme);
        while (m.find()) {
            String line = m.group(1).replace("\\|", "|");
            String previous;
            do {
                previous = line;
                line = line.replaceAll("\\[[^\\[\\]]*]", "");
            } while (!line.equals(previous));
            List<String> words = List.of(line.trim().split("\\s+"));
            String key = words.get(0).equals("server") && words.size() > 1 && !words.get(1).startsWith("--")
                    ? words.get(1).equals("user") ? "server user " + words.get(2) : "server " + words.get(1)
                    : words.get(0);
            out.put(key, words);
        }
        return out;
    }

    /** The words with each placeholder replaced from {@code values}; the other words as written. */
    private static List<String> fill(List<String> words, Map<String, String> values) {
        List<String> out = new ArrayList<>();
        for (String w : words) {
            out.add(values.getOrDefault(w, w));
        }
        return out;
    }

    private static CliTest.Run run(String stdin, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = new Cli(new java.io.ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
        return new CliTest.Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyReadmeCommandLineRuns() throws Exception {
        Map<String, List<String>> commands = readmeCommands();
        assertEquals(List.of("grade", "packs", "setup", "import", "sync", "report", "server", "server user add", "server user password",
                "server user disable", "audit", "server audit", "server receipt-key", "server token"),
                List.copyOf(commands.keySet()), "the commands the README shows");

        Path desk = dir.resolve("desk");
        Path srv = dir.resolve("srv");
        Path pw = Files.writeString(dir.resolve("password"), PASSWORD + "\n");
        Path sheet = Files.writeString(dir.resolve("sheet.json"), CliTest.SHEET);
        Path sheets = Files.write(dir.resolve("sheets.jsonl"), List.of(
                "{\"pack\":\"dash-2009\",\"collarNumber\":\"1234\",\"answers\":{\"Q1\":\"yes\",\"Q2\":\"no\"},\"incidentDate\":\"2026-11-20\"}",
                "{\"pack\":\"dash-2009\",\"collarNumber\":\"1234\",\"answers\":{\"Q1\":\"no\"}}"), StandardCharsets.UTF_8);
        Path keystore = makeKeystore(dir);
        Path ksPassword = Files.writeString(dir.resolve("ks-password"), "changeit\n");

        Map<String, String> values = new LinkedHashMap<>();
        values.put("U", "pc1234");
        values.put("N", "PC-Synthetic");
        values.put("C", "1234");
        values.put("T", "North");
        values.put("8443", "0");

        // The laptop: set up headlessly, then grade and packs need nothing else.
        CliTest.Run setup = run("", withDesk(fill(commands.get("setup"), with(values, "DIR", desk.toString())), desk, pw));
        assertEquals(0, setup.code(), setup.err());
        CliTest.Run grade = run("", fill(commands.get("grade"), with(values, "FILE", sheet.toString())));
        assertEquals(0, grade.code(), grade.err());
        CliTest.Run packs = run("", fill(commands.get("packs"), values));
        assertEquals(0, packs.code(), packs.err());

        // The central server: a user (password on stdin), a token, then the server itself over HTTPS.
        Map<String, String> server = with(values, "DIR", srv.toString());
        CliTest.Run user = run(PASSWORD + "\n", fill(commands.get("server user add"), server));
        assertEquals(0, user.code(), user.err());
        CliTest.Run password = run("another synthetic phrase\n", fill(commands.get("server user password"), server));
        assertEquals(0, password.code(), password.err());
        CliTest.Run back = run(PASSWORD + "\n", fill(commands.get("server user password"), server));
        assertEquals(0, back.code(), back.err());
        CliTest.Run analyst = run(PASSWORD + "\n", List.of("server", "user", "add", "--data-dir", srv.toString(), "--username", "an1",
                "--display-name", "Synthetic Analyst", "--collar", "9100", "--roles", "analyst", "--team", "Performance"));
        assertEquals(0, analyst.code(), analyst.err());
        CliTest.Run token = run("", fill(commands.get("server token"), server));
        assertEquals(0, token.code(), token.err());
        assertTrue(token.out().strip().length() > 20, "a token is printed");
        Map<String, String> serving = with(server, "KS.p12", keystore.toString());
        serving.put("F", ksPassword.toString());
        List<String> serverLine = fill(commands.get("server"), serving);
        try (ReferenceServer running = ServerCommand.start(serverLine.subList(1, serverLine.size()), System.err)) {
            // The laptop again: import the sheets, then sync them to the server, signing in as the user added above.
            CliTest.Run imported = run("", withDesk(fill(commands.get("import"), with(values, "FILE", sheets.toString())), desk, pw));
            assertEquals(0, imported.code(), imported.err());
            assertTrue(imported.out().contains("loaded 2, refused 0"), imported.out());
            Map<String, String> sync = with(values, "URL", "https://127.0.0.1:" + running.uri().toString().replaceAll(".*:(\\d+)/?$", "$1"));
            sync.put("CERT.pem", dir.resolve("server.pem").toString());
            List<String> syncLine = new ArrayList<>(fill(commands.get("sync"), sync));
            syncLine.addAll(List.of("--username", "pc1234"));
            CliTest.Run synced = run("", withDesk(syncLine, desk, pw));
            assertEquals(0, synced.code(), synced.out() + synced.err());
            assertTrue(synced.out().startsWith("sent 2, refused 0"), synced.out());
            assertEquals(2, running.revisionCount());
            // Issue 13: an analyst prints the levels report from the same server.
            Map<String, String> report = with(sync, "U", "an1");
            report.put("T", "North");
            CliTest.Run levels = run(PASSWORD + "\n", fill(commands.get("report"), report));
            assertEquals(0, levels.code(), levels.out() + levels.err());
            assertTrue(levels.out().startsWith("Assessments by level"), levels.out());
        }
        // Issue 14: the evidence commands, on what the run above wrote.
        CliTest.Run deskAudit = run("", withDesk(fill(commands.get("audit"), values), desk, pw));
        assertEquals(0, deskAudit.code(), deskAudit.out() + deskAudit.err());
        assertTrue(deskAudit.out().matches("(?s)audit: \\d+ rows, intact.*"), deskAudit.out());
        CliTest.Run serverAudit = run("", fill(commands.get("server audit"), server));
        assertEquals(0, serverAudit.code(), serverAudit.out() + serverAudit.err());
        assertTrue(serverAudit.out().contains("rows, intact"), serverAudit.out());
        CliTest.Run key = run("", fill(commands.get("server receipt-key"), server));
        assertEquals(0, key.code(), key.err());
        assertTrue(key.out().contains("central.receipt.key = "), key.out());
        CliTest.Run disable = run("", fill(commands.get("server user disable"), server));
        assertEquals(0, disable.code(), disable.err());
        assertTrue(disable.out().contains("disabled user pc1234"), disable.out());
    }

    @Test
    void everyCommandHasGeneratedHelpAndOneLineUsageErrors() throws Exception {
        for (String command : readmeCommands().keySet()) {
            List<String> words = new ArrayList<>(List.of(command.split(" ")));
            words.add("--help");
            CliTest.Run help = run("", words);
            assertEquals(0, help.code(), command + ": " + help.err());
            assertTrue(help.out().contains("Usage:") && help.out().contains("--help"), command + ": " + help.out());
            words.set(words.size() - 1, "--no-such-option");
            CliTest.Run wrong = run("", words);
            assertEquals(2, wrong.code(), command);
            assertEquals(1, wrong.err().strip().lines().count(), command + ": " + wrong.err());
        }
        CliTest.Run typo = run("", List.of("packs", "--pack-dri", "x"));
        assertEquals(2, typo.code());
        assertTrue(typo.err().startsWith("packs: Unknown options: '--pack-dri', 'x'"), typo.err());
        CliTest.Run unknown = run("", List.of("frobnicate"));
        assertEquals(2, unknown.code());
        assertEquals(1, unknown.err().strip().lines().count(), unknown.err());
        CliTest.Run notANumber = run("", List.of("sync", "--server", "http://127.0.0.1:1", "--parallel", "many"));
        assertEquals(2, notANumber.code());
        assertTrue(notANumber.err().contains("--parallel"), notANumber.err());
    }

    /** A PKCS12 keystore and its certificate (server.pem) made with the JDK's keytool, as IT would. */
    private static Path makeKeystore(Path dir) throws Exception {
        keytool(dir, "-genkeypair", "-alias", "server", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", "server.p12",
                "-storepass", "changeit", "-keypass", "changeit");
        keytool(dir, "-exportcert", "-rfc", "-alias", "server", "-keystore", "server.p12", "-storepass", "changeit", "-file",
                "server.pem");
        return dir.resolve("server.p12");
    }

    private static void keytool(Path dir, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
    }

    private static Map<String, String> with(Map<String, String> values, String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return copy;
    }

    /** The laptop's folder and password file, which the README leaves as optional (defaults: the app's folder, stdin). */
    private static List<String> withDesk(List<String> words, Path desk, Path pw) {
        List<String> out = new ArrayList<>(words);
        if (!out.contains("--data-dir")) {
            out.addAll(List.of("--data-dir", desk.toString()));
        }
        out.addAll(List.of("--password-file", pw.toString()));
        return out;
    }
}
