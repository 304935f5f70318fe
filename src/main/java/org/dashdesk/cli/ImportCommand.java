package org.dashdesk.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.dashdesk.assessment.Assessment;
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

/**
 * {@code import FILE [--data-dir DIR]}: loads answer sheets, one JSON object per line, as submitted
 * assessments (each queued for sync). Each bad line is reported by number and skipped; the good
 * ones are loaded. Exit code 0 when every line loaded, 2 when some were refused.
 */
final class ImportCommand implements Command {

    /** The pack an imported line is assessed with, as on the laptops. */
    private static final String MAIN_PACK = "dash-2009";

    @Override
    public String name() {
        return "import";
    }

    @Override
    public String summary() {
        return "import FILE [--data-dir DIR] [--pack-dir DIR] [--username U [--password-file F]]   load answer sheets (one JSON object per line) as submitted assessments";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.get(0).startsWith("--")) {
            err.println("import: usage: import FILE [--data-dir DIR] [--pack-dir DIR] [--username U [--password-file F]]");
            return 2;
        }
        Path file = Path.of(args.get(0));
        Options o;
        try {
            o = Options.parse(args.subList(1, args.size()), Set.of("--data-dir", "--pack-dir", "--username", "--password-file"), Set.of());
        } catch (IllegalArgumentException e) {
            err.println("import: " + e.getMessage());
            return 2;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            err.println("import: " + file + ": no such file");
            return 2;
        } catch (IOException e) {
            err.println("import: " + file + ": cannot be read: " + e.getMessage());
            return 2;
        }
        Path dataDir = o.get("--data-dir") == null ? DataDirectories.resolve() : Path.of(o.get("--data-dir"));
        // The force's packs and the policy in force for the main pack, as the laptops load them.
        PolicyRegistry registry = PolicyRegistry.load(o.get("--pack-dir") == null ? null : Path.of(o.get("--pack-dir")));
        registry.problems().forEach(p -> err.println("import: warning: refused " + p));
        PackRegistry packs = registry.packs();
        GradingEngine engine = new GradingEngine(packs, registry.inForce(MAIN_PACK));
        InstrumentPack main = packs.require(MAIN_PACK);
        int loaded = 0;
        int refused = 0;
        int blank = 0;
        LocalSignIn local;
        try {
            local = LocalSignIn.open(dataDir, o.get("--username"), o.get("--password-file"), in);
        } catch (IllegalArgumentException | IOException e) {
            err.println("import: " + e.getMessage());
            return 2;
        } catch (SignInException e) {
            err.println("import: " + e.getMessage());
            return 1;
        }
        local.clear();
        try (H2AssessmentRepository repository = H2AssessmentRepository.open(dataDir, local.keys())) {
            AssessmentService service = new AssessmentService(repository, engine, main, Clock.systemUTC());
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i);
                String where = file.getFileName() + ":" + (i + 1);
                if (line.isBlank()) {
                    blank++;
                    continue;
                }
                ImportLine parsed;
                try {
                    JsonNode root = AnswerSheets.read(line.getBytes(StandardCharsets.UTF_8));
                    parsed = ImportLine.parse(root, main);
                    // Grade before storing anything: a line that cannot be submitted leaves no draft behind.
                    engine.grade(parsed.content().gradingInput());
                } catch (GradingException e) {
                    // "$" (the whole line) says nothing the line number does not; a field is worth naming.
                    err.println("import: " + where + ": " + ("$".equals(e.field()) ? e.problem() : e.getMessage()));
                    refused++;
                    continue;
                }
                UUID id = store(service, parsed);
                loaded++;
                out.println(where + ": loaded as assessment " + id);
            }
        } catch (StoreException e) {
            err.println("import: " + e.getMessage());
            out.println("loaded " + loaded + " before the failure; those are kept");
            return 1;
        }
        out.println("loaded " + loaded + ", refused " + refused + (blank > 0 ? ", blank lines skipped " + blank : "")
                + "; loaded assessments are queued to sync");
        return refused == 0 ? 0 : 2;
    }

    /** A draft with the complete content in one commit, then the ordinary submit (grade, freeze, queue). */
    private static UUID store(AssessmentService service, ImportLine line) {
        Assessment draft = service.repository().createDraft(line.content(), line.collarNumber());
        service.submit(draft.id(), line.collarNumber(), null);
        return draft.id();
    }
}
