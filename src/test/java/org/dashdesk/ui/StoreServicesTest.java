package org.dashdesk.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import org.dashdesk.config.ConfigLocations;
import org.dashdesk.security.Role;
import org.dashdesk.security.SecurityPolicy;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.ui.common.DeskBackend;
import org.dashdesk.ui.common.MutableClock;
import org.dashdesk.ui.common.OnlineSignIn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The laptop's sign-in numbers come from the deployed settings, not only from the built-in defaults. */
class StoreServicesTest {

    static final SecurityPolicy FAST = SecurityPolicy.defaults().withIterations(SecurityPolicy.MIN_ITERATIONS);

    @TempDir
    Path dir;

    @Test
    void theDeployedIdleMinutesLockTheSessionAndTheLockoutNumbersApply() throws Exception {
        Path it = dir.resolve("it").resolve("dashdesk.properties");
        Files.createDirectories(it.getParent());
        Files.writeString(it, "security.idle.minutes = 3\nsecurity.lockout.failures = 4\nlocked = security.idle.minutes\n");
        MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"), ZoneId.of("UTC"));
        StoreServices services = new StoreServices(new ConfigLocations(it, dir.resolve("data")), FAST, clock, OnlineSignIn.OFFLINE);

        DeskBackend.Start start = services.prepare();
        SessionManager sessions = start.sessions();
        assertEquals(Duration.ofMinutes(3), sessions.policy().idleTimeout());
        assertEquals(4, sessions.policy().maxFailures());
        assertEquals(FAST.iterations(), sessions.policy().iterations(), "what the settings do not name stays as given");

        sessions.enrolFirstUser(new UserAccount("pc4471", "PC Test Example", "4471", Set.of(Role.OFFICER), "North"),
                "synthetic pass phrase 1".toCharArray());
        assertFalse(sessions.lockIfIdle(clock.instant().plus(Duration.ofMinutes(2))), "two minutes idle: still open");
        assertTrue(sessions.lockIfIdle(clock.instant().plus(Duration.ofMinutes(3))), "three minutes idle: locked, not after ten");
    }

    @Test
    void withNothingDeployedTheGivenPolicyIsUsed() throws Exception {
        StoreServices services = new StoreServices(new ConfigLocations(dir.resolve("absent.properties"), dir.resolve("data")), FAST,
                new MutableClock(Instant.parse("2026-11-23T10:00:00Z"), ZoneId.of("UTC")), OnlineSignIn.OFFLINE);
        assertEquals(FAST, services.prepare().sessions().policy());
    }
}
