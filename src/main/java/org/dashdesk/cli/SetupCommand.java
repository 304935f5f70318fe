package org.dashdesk.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;

import org.dashdesk.assessment.StoreException;
import org.dashdesk.security.Role;
import org.dashdesk.security.SessionManager;
import org.dashdesk.security.UserAccount;
import org.dashdesk.store.DataDirectories;
import org.dashdesk.store.H2AssessmentRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code setup --username U --display-name N --collar C --roles R,R [--team T] [--data-dir DIR]
 * [--password-file F]}: sets a laptop up headlessly, for IT provisioning by script (issue 16).
 * Exactly the app's path: {@link SessionManager#enrolFirstUser} (same password checks, same key
 * wrapping, an old plain key file moved into the keyring), then the encrypted store is created
 * with that key, so {@code import} and {@code sync} work on the folder at once. Refuses, exit 1,
 * when someone is already enrolled: adding people is a signed-in user's job in the app.
 */
@Command(name = "setup", mixinStandardHelpOptions = true,
        description = "Set up this laptop headlessly: enrol the first person (password on standard input or in --password-file).")
final class SetupCommand implements Callable<Integer> {

    @Option(names = "--username", required = true, paramLabel = "U", description = "the sign-in name")
    String username;

    @Option(names = "--display-name", required = true, paramLabel = "N", description = "the name shown")
    String displayName;

    @Option(names = "--collar", required = true, paramLabel = "C", description = "the collar number")
    String collar;

    @Option(names = "--roles", required = true, paramLabel = "R,R", description = "officer, imu, supervisor, cru, administrator")
    String roles;

    @Option(names = "--team", paramLabel = "T", description = "the team (as on the central server)")
    String team;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the laptop's data folder (default: the app's)")
    Path dataDir;

    @Option(names = "--password-file", paramLabel = "F", description = "the password's file instead of standard input")
    String passwordFile;

    private final Io io;

    SetupCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        Path dir = dataDir == null ? DataDirectories.resolve() : dataDir;
        UserAccount account;
        char[] password;
        try {
            Set<Role> chosen = Roles.parse(roles);
            account = new UserAccount(username, displayName, collar, chosen, team);
            password = LocalSignIn.readPassword(passwordFile, io.in());
        } catch (IllegalArgumentException | IOException e) {
            io.err().println("setup: " + e.getMessage());
            return 2;
        }
        try {
            SessionManager sessions = SessionManager.open(dir);
            if (sessions.hasEnrolledUsers()) {
                io.err().println("setup: this laptop is already set up (" + sessions.keyringFile() + " has enrolled users);"
                        + " a signed-in user adds further people in the app");
                return 1;
            }
            boolean migrating = sessions.willMigrateKeyFile();
            sessions.enrolFirstUser(account, password);
            // Create (or, after a key move, open) the store with the enrolled person's key, as the app does on first sign-in.
            try (H2AssessmentRepository repository = H2AssessmentRepository.open(dir, sessions.keyProvider())) {
                repository.database().deviceId();
            } finally {
                sessions.signOut();
            }
            io.out().println("set up " + dir + " for " + account.username() + " (" + Roles.words(account.roles()) + ")"
                    + (migrating ? "; the old key file was moved into the keyring" : ""));
            return 0;
        } catch (IllegalArgumentException e) {
            io.err().println("setup: " + e.getMessage());
            return 2;
        } catch (IllegalStateException | StoreException e) {
            io.err().println("setup: " + e.getMessage());
            return 1;
        } finally {
            Arrays.fill(password, '\0');
        }
    }
}
