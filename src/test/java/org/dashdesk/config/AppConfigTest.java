package org.dashdesk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dashdesk.security.SecurityPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppConfigTest {

    @TempDir
    Path temp;
    private ConfigLocations locations;

    @BeforeEach
    void setUp() {
        locations = new ConfigLocations(temp.resolve("it").resolve("dashdesk.properties"), temp.resolve("data"));
    }

    private void writeIt(String text) throws IOException {
        Files.createDirectories(locations.itFile().getParent());
        Files.writeString(locations.itFile(), text, StandardCharsets.UTF_8);
    }

    private void writeUser(String text) throws IOException {
        Files.createDirectories(locations.baseDataDirectory());
        Files.writeString(locations.userFile(), text, StandardCharsets.UTF_8);
    }

    private String abs(String name) {
        return temp.resolve(name).toAbsolutePath().toString();
    }

    @Test
    void withNoFilesEverythingIsUnsetAndTheDataDirectoryIsTheDefault() {
        AppConfig config = AppConfig.load(locations);
        assertEquals(Optional.empty(), config.centralEndpoint());
        assertEquals(Optional.empty(), config.trustedCertificate());
        assertEquals(locations.baseDataDirectory(), config.dataDirectory());
        assertFalse(config.userFilePresent());
        assertEquals(List.of(), config.problems());
    }

    @Test
    void userValuesWinOverItDefaultsButNotOverLockedKeys() throws IOException {
        writeIt("""
                # deployed by IT
                central.endpoint = https://dash.force.example:8443
                central.certificate = %s
                packs.directory = %s
                locked = central.endpoint, central.certificate
                """.formatted(abs("central.pem"), abs("it-packs")));
        writeUser("""
                central.endpoint = https://elsewhere.example
                packs.directory = %s
                """.formatted(abs("my-packs")));
        AppConfig config = AppConfig.load(locations);

        assertEquals(Optional.of(URI.create("https://dash.force.example:8443")), config.centralEndpoint());
        assertTrue(config.isLocked(ConfigKey.CENTRAL_ENDPOINT));
        assertEquals(AppConfig.Source.IT, config.setting(ConfigKey.CENTRAL_ENDPOINT).source());
        assertEquals(Optional.of(Path.of(abs("central.pem"))), config.trustedCertificate());
        assertEquals(Optional.of(Path.of(abs("my-packs"))), config.packDirectory());
        assertEquals(AppConfig.Source.USER, config.setting(ConfigKey.PACK_DIRECTORY).source());
        assertFalse(config.isLocked(ConfigKey.PACK_DIRECTORY));
        assertEquals(1, config.problems().size(), config.problems().toString());
        String problem = config.problems().get(0);
        assertTrue(problem.contains(locations.userFile().toString()) && problem.contains("central.endpoint") && problem.contains("locked"),
                problem);
    }

    @Test
    void badLinesAreNamedByFileAndLineAndTheRestStillCounts() throws IOException {
        writeIt("""
                central.endpoint = https://dash.force.example
                this line has no equals sign
                colour = blue
                packs.directory = relative/packs
                data.directory = %s
                locked = central.endpoint, wifi.password
                """.formatted(abs("store")));
        AppConfig config = AppConfig.load(locations);

        assertEquals(Optional.of(URI.create("https://dash.force.example")), config.centralEndpoint());
        assertEquals(Path.of(abs("store")), config.dataDirectory());
        assertEquals(Optional.empty(), config.packDirectory(), "a relative path is refused, not guessed at");
        assertTrue(config.isLocked(ConfigKey.CENTRAL_ENDPOINT));
        String file = locations.itFile().toString();
        List<String> problems = config.problems();
        assertEquals(4, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(file + " line 2: expected 'key = value'"), problems.get(0));
        assertTrue(problems.get(1).startsWith(file + " line 3: unknown key 'colour'"), problems.get(1));
        assertTrue(problems.get(2).startsWith(file + " line 4: packs.directory must be a full path"), problems.get(2));
        assertTrue(problems.get(3).startsWith(file + " line 6: cannot lock unknown key 'wifi.password'"), problems.get(3));
    }

    @Test
    void plainHttpIsRefusedExceptOnThisMachine() throws IOException {
        writeUser("central.endpoint = http://dash.force.example\n");
        AppConfig remote = AppConfig.load(locations);
        assertEquals(Optional.empty(), remote.centralEndpoint());
        assertTrue(remote.problems().get(0).contains("line 1: central.endpoint must use https"), remote.problems().toString());

        writeUser("central.endpoint = http://127.0.0.1:8080\n");
        assertEquals(Optional.of(URI.create("http://127.0.0.1:8080")), AppConfig.load(locations).centralEndpoint());

        // Names that merely start like a loopback address are somebody else's computer.
        for (String host : List.of("127.evil.example", "127.0.0.1.evil.example", "127.0.0.256", "1.2.3.4", "[::2]",
                "localhost.evil.example")) {
            assertTrue(SettingRules.check(ConfigKey.CENTRAL_ENDPOINT, "http://" + host + ":8080") != null, host);
        }
        for (String host : List.of("127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "[::1]", "[0:0:0:0:0:0:0:1]",
                "[::ffff:127.0.0.1]")) {
            assertEquals(null, SettingRules.check(ConfigKey.CENTRAL_ENDPOINT, "http://" + host + ":8080"), host);
        }
        assertEquals(null, SettingRules.check(ConfigKey.CENTRAL_ENDPOINT, "https://127.evil.example:8443"), "https may go anywhere");
    }

    @Test
    void usersCannotLockAndAFileThatIsNotTextIsIgnoredAsAWhole() throws IOException {
        writeUser("locked = central.endpoint\n");
        assertTrue(AppConfig.load(locations).problems().get(0).contains("'locked' only counts in the file IT deploys"));

        Files.createDirectories(locations.itFile().getParent());
        Files.write(locations.itFile(), new byte[] {(byte) 0xC3, (byte) 0x28, '=', '\n'});
        List<String> problems = AppConfig.load(locations).problems();
        assertTrue(problems.contains(locations.itFile() + ": not UTF-8 text; the whole file is ignored"), problems.toString());
    }

    @Test
    void savingWritesTheUserFileAndKeepsLockedKeysOut() throws IOException {
        writeIt("central.endpoint = https://dash.force.example\nlocked = central.endpoint\n");
        AppConfig config = AppConfig.load(locations);

        AppConfig saved = config.saveUserSettings(Map.of(
                ConfigKey.CENTRAL_ENDPOINT, "https://dash.force.example",
                ConfigKey.CENTRAL_CERTIFICATE, abs("central.pem"),
                ConfigKey.PACK_DIRECTORY, ""));

        assertTrue(saved.userFilePresent());
        assertEquals(Optional.of(Path.of(abs("central.pem"))), saved.trustedCertificate());
        assertEquals(Optional.empty(), saved.packDirectory());
        String text = Files.readString(locations.userFile());
        assertFalse(text.contains("central.endpoint"), text);
        assertEquals(List.of(), saved.problems());

        assertThrows(LockedSettingException.class,
                () -> saved.saveUserSettings(Map.of(ConfigKey.CENTRAL_ENDPOINT, "https://elsewhere.example")));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> saved.saveUserSettings(Map.of(ConfigKey.DATA_DIRECTORY, "not/absolute")));
        assertTrue(bad.getMessage().startsWith("data.directory must be a full path"), bad.getMessage());
        assertEquals(text, Files.readString(locations.userFile()), "a refused save changes nothing");
    }

    @Test
    void theIdleLockAndLockoutComeFromTheFilesAndITCanLockThem() throws IOException {
        SecurityPolicy base = SecurityPolicy.defaults();
        assertEquals(base, AppConfig.load(locations).securityPolicy(base), "nothing set: the defaults");

        writeIt("""
                security.idle.minutes = 5
                security.lockout.failures = 4
                security.lockout.minutes = 30
                locked = security.idle.minutes
                """);
        writeUser("""
                security.idle.minutes = 60
                security.lockout.minutes = 20
                """);
        AppConfig config = AppConfig.load(locations);
        SecurityPolicy p = config.securityPolicy(base);
        assertEquals(Duration.ofMinutes(5), p.idleTimeout(), "IT locked it: the user's 60 does not count");
        assertEquals(4, p.maxFailures());
        assertEquals(Duration.ofMinutes(20), p.lockoutPeriod(), "not locked: the user's value wins over IT's default");
        assertEquals(base.iterations(), p.iterations());
        assertTrue(config.isLocked(ConfigKey.SECURITY_IDLE_MINUTES));
        assertEquals(1, config.problems().size(), config.problems().toString());
        assertTrue(config.problems().get(0).contains("security.idle.minutes is locked"), config.problems().get(0));
    }

    @Test
    void aBadSecurityNumberIsReportedByFileAndLineAndTheDefaultIsUsed() throws IOException {
        writeIt("""
                security.idle.minutes = 0
                security.lockout.failures = many
                security.lockout.minutes = 100000
                """);
        AppConfig config = AppConfig.load(locations);
        SecurityPolicy base = SecurityPolicy.defaults();
        assertEquals(base, config.securityPolicy(base));
        String file = locations.itFile().toString();
        List<String> problems = config.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith(file + " line 1: security.idle.minutes must be from 1 to 240 minutes, not 0"),
                problems.get(0));
        assertTrue(problems.get(1).startsWith(file + " line 2: security.lockout.failures must be a whole number"), problems.get(1));
        assertTrue(problems.get(2).startsWith(file + " line 3: security.lockout.minutes must be from 1 to 1440"), problems.get(2));
        assertTrue(problems.stream().allMatch(p -> p.endsWith("line ignored")), problems.toString());

        writeUser("security.idle.minutes = 241\n");
        assertTrue(AppConfig.load(locations).problems().stream().anyMatch(p -> p.startsWith(locations.userFile() + " line 1: "
                + "security.idle.minutes must be from 1 to 240")));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> AppConfig.load(locations).saveUserSettings(Map.of(ConfigKey.SECURITY_IDLE_MINUTES, "-5")));
        assertTrue(refused.getMessage().startsWith("security.idle.minutes must be from 1 to 240"), refused.getMessage());
    }

    @Test
    void lockingTheFirstRunSettingsStillMeansNothingIsLeftForTheUserToSet() throws IOException {
        // The security numbers are not asked at first run, so an IT file that locks what is asked skips it as before.
        writeIt("central.endpoint = https://dash.force.example\nlocked = central.endpoint, central.certificate, packs.directory,"
                + " data.directory\n");
        assertTrue(AppConfig.load(locations).everythingLocked());
        writeIt("central.endpoint = https://dash.force.example\nlocked = central.endpoint\n");
        assertFalse(AppConfig.load(locations).everythingLocked());
    }

    @Test
    void itFileLocationFollowsThePropertyThenTheOperatingSystem() {
        assertEquals(Path.of("/srv/x.properties"), ConfigLocations.itFile("/srv/x.properties", Map.of(), "Linux"));
        assertEquals(Path.of("/etc/dashdesk/dashdesk.properties"), ConfigLocations.itFile(null, Map.of(), "Linux"));
        assertEquals(Path.of("/Library/Application Support/DashDesk/dashdesk.properties"),
                ConfigLocations.itFile("", Map.of(), "Mac OS X"));
        assertEquals(Path.of("D:\\Data", "DashDesk", "dashdesk.properties"),
                ConfigLocations.itFile(null, Map.of("PROGRAMDATA", "D:\\Data"), "Windows 11"));
    }

    @Test
    void theForcesTextLimitsAndCollarFormatComeFromTheFilesAndBadOnesAreReported() throws IOException {
        AppConfig defaults = AppConfig.load(locations);
        assertEquals(org.dashdesk.assessment.TextLimits.DEFAULT, defaults.textLimits());
        assertEquals(org.dashdesk.assessment.CollarNumbers.DEFAULT, defaults.collarNumbers());
        writeIt("""
                limits.name.characters = 120
                limits.text.characters = 2000
                collar.pattern = [0-9]{4,6}
                """);
        AppConfig config = AppConfig.load(locations);
        assertEquals(new org.dashdesk.assessment.TextLimits(120, 2000), config.textLimits());
        assertEquals("[0-9]{4,6}", config.collarNumbers().pattern());
        assertEquals(List.of(), config.problems());

        writeIt("""
                limits.name.characters = 5
                limits.text.characters = lots
                collar.pattern = [0-9
                """);
        config = AppConfig.load(locations);
        assertEquals(org.dashdesk.assessment.TextLimits.DEFAULT, config.textLimits(), "a bad limit falls back to the default");
        assertEquals(org.dashdesk.assessment.CollarNumbers.DEFAULT, config.collarNumbers());
        List<String> problems = config.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("line 1: limits.name.characters must be from 20 to 1000 characters"), problems.get(0));
        assertTrue(problems.get(1).contains("line 2: limits.text.characters must be a whole number"), problems.get(1));
        assertTrue(problems.get(2).contains("line 3: collar.pattern is not a regular expression"), problems.get(2));
    }
}
