package org.dashdesk.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.dashdesk.assessment.StoreException;
import org.dashdesk.evidence.ChainVerifier;
import org.dashdesk.security.SignInException;
import org.dashdesk.store.DataDirectories;
import org.dashdesk.store.H2AssessmentRepository;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code audit verify [--data-dir DIR]}: walks this laptop's audit trail (a hash chain, issue 14)
 * and prints "N rows, intact" or the first break with its row. Exit 0 intact, 1 broken or
 * unreadable, 2 bad input. Opening the encrypted store needs its user's password, as for import.
 */
@Command(name = "audit", mixinStandardHelpOptions = true, description = "This laptop's audit trail: 'audit verify'.")
final class AuditCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        throw new CommandLine.ParameterException(spec.commandLine(), "give a sub-command: verify");
    }

    static CommandLine commandLine(Io io) {
        return new CommandLine(new AuditCommand()).addSubcommand(new CommandLine(new Verify(io)));
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Check the audit trail's hash chain; exit 0 intact, 1 broken.")
    static final class Verify implements Callable<Integer> {

        @Option(names = "--data-dir", paramLabel = "DIR", description = "the laptop's data folder (default: the app's)")
        Path dataDir;

        @Option(names = "--username", paramLabel = "U", description = "who opens the store (password on standard input)")
        String username;

        @Option(names = "--password-file", paramLabel = "F", description = "the password's file instead of standard input")
        String passwordFile;

        private final Io io;

        Verify(Io io) {
            this.io = io;
        }

        @Override
        public Integer call() {
            Path dir = dataDir == null ? DataDirectories.resolve() : dataDir;
            LocalSignIn local;
            try {
                local = LocalSignIn.open(dir, username, passwordFile, io.in());
            } catch (IllegalArgumentException | IOException e) {
                io.err().println("audit: " + e.getMessage());
                return 2;
            } catch (SignInException e) {
                io.err().println("audit: " + e.getMessage());
                return 1;
            }
            local.clear();
            long started = System.nanoTime();
            try (H2AssessmentRepository repository = H2AssessmentRepository.open(dir, local.keys())) {
                ChainVerifier.Result result = repository.verifyAudit();
                io.out().println("audit: " + result.words() + " (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
                return result.intact() ? 0 : 1;
            } catch (StoreException e) {
                io.err().println("audit: " + e.getMessage());
                return 1;
            }
        }
    }
}
