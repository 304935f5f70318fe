package org.dashdesk.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.assessment.StoreException;
import org.dashdesk.grading.AnswerSheets;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingException;
import org.dashdesk.grading.PolicyRegistry;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.security.SignInException;
import org.dashdesk.store.DataDirectories;
import org.dashdesk.store.H2AssessmentRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code import FILE [--data-dir DIR]}: loads answer sheets, one JSON object per line, as submitted
 * assessments (each queued for sync). Each bad line is reported by number and skipped; the good
 * ones are loaded. Exit code 0 when every line loaded, 2 when some were refused.
 *
 * <p>Streams: the file is read line by line and good lines are stored in batches of
 * {@link #BATCH} per commit (one forced write to disk per batch, not per line), so memory stays
 * flat whatever the file's size; progress goes to stderr every {@link #PROGRESS_NANOS few seconds}.
 * A store failure keeps every batch committed before it.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = "Load answer sheets (one JSON object per line) as submitted assessments, queued to sync.")
final class ImportCommand implements Callable<Integer> {

    /** The pack an imported line is assessed with, as on the laptops. */
    private static final String MAIN_PACK = "dash-2009";
    static final int BATCH = Integer.getInteger("dashdesk.import.batch", 100);
    private static final long PROGRESS_NANOS = 3_000_000_000L;

    @Parameters(index = "0", paramLabel = "FILE", description = "answer sheets, one JSON object per line")
    Path file;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "the laptop's data folder (default: the app's)")
    Path dataDir;

    @Option(names = "--pack-dir", paramLabel = "DIR", description = "the force's packs and policies")
    Path packDir;

    @Option(names = "--username", paramLabel = "U", description = "who opens the store (password on standard input)")
    String username;

    @Option(names = "--password-file", paramLabel = "F", description = "the password's file instead of standard input")
    String passwordFile;

    private final Io io;

    ImportCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        PrintStream out = io.out();
        PrintStream err = io.err();
        if (!Files.exists(file)) {
            err.println("import: " + file + ": no such file");
            return 2;
        }
        if (!Files.isReadable(file) || Files.isDirectory(file)) {
            err.println("import: " + file + ": cannot be read");
            return 2;
        }
        Path dir = dataDir == null ? DataDirectories.resolve() : dataDir;
        // The force's packs and the policy in force for the main pack, as the laptops load them.
        PolicyRegistry registry = PolicyRegistry.load(packDir);
        registry.problems().forEach(p -> err.println("import: warning: refused " + p));
        PackRegistry packs = registry.packs();
        GradingEngine engine = new GradingEngine(packs, registry.inForce(MAIN_PACK));
        InstrumentPack main = packs.require(MAIN_PACK);
        LocalSignIn local;
        try {
            local = LocalSignIn.open(dir, username, passwordFile, io.in());
        } catch (IllegalArgumentException | IOException e) {
            err.println("import: " + e.getMessage());
            return 2;
        } catch (SignInException e) {
            err.println("import: " + e.getMessage());
            return 1;
        }
        local.clear();
        Counts n = new Counts();
        long started = System.nanoTime();
        long lastProgress = started;
        try (H2AssessmentRepository repository = H2AssessmentRepository.open(dir, local.keys());
                BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            AssessmentService service = new AssessmentService(repository, engine, main, Clock.systemUTC());
            List<Parsed> batch = new ArrayList<>(BATCH);
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    n.blank++;
                    continue;
                }
                String where = file.getFileName() + ":" + number;
                try {
                    JsonNode root = AnswerSheets.read(line.getBytes(StandardCharsets.UTF_8));
                    ImportLine parsed = ImportLine.parse(root, main);
                    // Grade before storing anything: a line that cannot be submitted leaves no draft behind.
                    engine.grade(parsed.content().gradingInput());
                    // A pasted page in a name or comment is refused whole, as on screen (issue 11).
                    List<String> tooLong = service.textLimits().problems(parsed.content());
                    if (!tooLong.isEmpty()) {
                        err.println("import: " + where + ": text too long: " + String.join("; ", tooLong));
                        n.refused++;
                    } else {
                        batch.add(new Parsed(where, parsed));
                    }
                } catch (GradingException e) {
                    // "$" (the whole line) says nothing the line number does not; a field is worth naming.
                    err.println("import: " + where + ": " + ("$".equals(e.field()) ? e.problem() : e.getMessage()));
                    n.refused++;
                }
                if (batch.size() >= BATCH) {
                    store(repository, service, batch, n, out);
                }
                long now = System.nanoTime();
                if (now - lastProgress >= PROGRESS_NANOS) {
                    lastProgress = now;
                    err.printf("import: %d lines read, %d loaded, %d refused (%.0f lines/s)%n", number, n.loaded, n.refused,
                            number / ((now - started) / 1e9));
                }
            }
            store(repository, service, batch, n, out);
        } catch (StoreException e) {
            err.println("import: " + e.getMessage());
            out.println("loaded " + n.loaded + " before the failure; those are kept");
            return 1;
        } catch (IOException e) {
            err.println("import: " + file + ": cannot be read: " + e.getMessage());
            out.println("loaded " + n.loaded + " before the failure; those are kept");
            return 1;
        }
        out.println("loaded " + n.loaded + ", refused " + n.refused + (n.blank > 0 ? ", blank lines skipped " + n.blank : "")
                + "; loaded assessments are queued to sync");
        return n.refused == 0 ? 0 : 2;
    }

    private static final class Counts {
        int loaded;
        int refused;
        int blank;
    }

    private record Parsed(String where, ImportLine line) {
    }

    /** One commit for the batch; its lines are reported only once it is committed. */
    private static void store(H2AssessmentRepository repository, AssessmentService service, List<Parsed> batch, Counts n,
            PrintStream out) {
        if (batch.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(batch.size());
        repository.inOneCommit(() -> {
            ids.clear();
            for (Parsed p : batch) {
                ids.add(store(service, p.line()));
            }
        });
        for (int i = 0; i < batch.size(); i++) {
            out.println(batch.get(i).where() + ": loaded as assessment " + ids.get(i));
        }
        n.loaded += batch.size();
        batch.clear();
    }

    /** A draft with the complete content, then the ordinary submit (grade, freeze, queue). */
    private static UUID store(AssessmentService service, ImportLine line) {
        return service.submitNew(line.content(), line.collarNumber()).assessmentId();
    }
}
