package org.dashdesk.ui.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Set;

import org.dashdesk.config.ConfigLocations;
import org.dashdesk.security.Role;
import org.dashdesk.security.SecurityPolicy;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.ui.StoreServices;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.MutableClock;
import org.dashdesk.ui.common.OnlineSignIn;
import org.dashdesk.ui.common.QueuedTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sign-out shows the sign-in screen before the store has closed, and a sign-in made while it is
 * still closing waits for it, saying so, and then opens the same store (issue 17). The executor
 * holds every task until the test runs it, so "still closing" is a state the test can look at.
 */
class SignOutBehindTheScreenTest {

    private static final String PASSWORD = "synthetic pass phrase 1";
    private static final SecurityPolicy POLICY = SecurityPolicy.defaults().withIterations(SecurityPolicy.MIN_ITERATIONS);

    @TempDir
    Path dir;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T10:00:00Z"), ZoneId.of("UTC"));
    private final QueuedTaskExecutor executor = new QueuedTaskExecutor();
    private ShellViewModel vm;

    @AfterEach
    void close() {
        if (vm != null) {
            executor.runAll();
            vm.shutdown();
        }
    }

    private void signIn() {
        vm.signIn().usernameProperty().set("pc4471");
        vm.signIn().passwordProperty().set(PASSWORD);
        vm.signIn().signIn();
    }

    @Test
    void theSignInScreenComesFirstAndTheNextSignInWaitsForTheCloseSayingSo() throws Exception {
        ConfigLocations locations = new ConfigLocations(dir.resolve("absent-it.properties"), dir);
        Files.writeString(locations.userFile(), "# test\n");
        SessionManager s = SessionManager.open(dir, POLICY, clock);
        s.enrolFirstUser(new UserAccount("pc4471", "PC Test Example", "4471", Set.of(Role.OFFICER), "North"), PASSWORD.toCharArray());
        s.signOut();
        vm = new ShellViewModel(executor, clock, new Appearance(), new StoreServices(locations, POLICY, clock, OnlineSignIn.OFFLINE),
                Runnable::run);
        vm.start();
        executor.runAll();
        signIn();
        executor.runAll();
        assertEquals(ShellViewModel.Screen.HOME, vm.screenProperty().get());
        assertNotNull(vm.servicesProperty().get());

        vm.signOut();
        assertEquals(ShellViewModel.Screen.SIGN_IN, vm.screenProperty().get(), "the sign-in screen at once");
        assertNull(vm.servicesProperty().get(), "nothing of the session is left on screen");
        assertNull(vm.userProperty().get());
        assertTrue(executor.pending() > 0, "while the store is still closing behind it");

        signIn();
        assertEquals("Finishing with the last session's data, then signing you in…", vm.signIn().messageProperty().get(),
                "a sign-in during the close waits, and says so");
        assertEquals(ShellViewModel.Screen.SIGN_IN, vm.screenProperty().get());
        executor.runAll();
        assertEquals(ShellViewModel.Screen.HOME, vm.screenProperty().get(), "then opens the store the close let go of: "
                + vm.signIn().messageProperty().get());
        assertNull(vm.errorProperty().get());
        assertEquals("Opening…", vm.openingProperty().get());
    }
}
