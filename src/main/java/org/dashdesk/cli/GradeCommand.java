package org.dashdesk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.dashdesk.grading.AnswerSheets;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingException;
import org.dashdesk.grading.GradingInput;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.grading.PolicyRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code grade FILE|- [--pack-dir DIR] [--policy ID]}: grades one answer sheet and prints the
 * result as JSON. With {@code --pack-dir} the force's packs and policies load as on its laptops;
 * without {@code --policy} the policy in force for the sheet's pack grades it.
 */
@Command(name = "grade", mixinStandardHelpOptions = true,
        description = "Grade an answer sheet (JSON) and print the result as JSON.")
final class GradeCommand implements Callable<Integer> {

    private static final ObjectMapper MAPPER = org.dashdesk.json.JsonMappers.pretty();

    @Parameters(index = "0", paramLabel = "FILE|-", description = "the answer sheet, or - for standard input")
    String file;

    @Option(names = "--pack-dir", paramLabel = "DIR", description = "the force's packs and policies, as on its laptops")
    String packDir;

    @Option(names = "--policy", paramLabel = "ID", description = "grade with this policy instead of the one in force")
    String policyId;

    private final Io io;

    GradeCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        InputStream in = io.in();
        PrintStream out = io.out();
        PrintStream err = io.err();
        byte[] bytes;
        try {
            bytes = file.equals("-") ? in.readAllBytes() : Files.readAllBytes(Path.of(file));
        } catch (NoSuchFileException e) {
            err.println("grade: " + file + ": no such file");
            return 2;
        } catch (IOException e) {
            err.println("grade: " + file + ": cannot be read: " + e.getMessage());
            return 2;
        }
        if (packDir != null && !Files.isDirectory(Path.of(packDir))) {
            err.println("grade: --pack-dir: " + packDir + " is not a directory");
            return 2;
        }
        PolicyRegistry registry = PolicyRegistry.load(packDir == null ? null : Path.of(packDir));
        GradingPolicy chosen = null;
        if (policyId != null) {
            chosen = registry.find(policyId).orElse(null);
            if (chosen == null) {
                err.println("grade: --policy: no loaded policy '" + policyId + "' (loaded: "
                        + String.join(", ", registry.all().stream().map(GradingPolicy::id).toList()) + ")");
                registry.problems().forEach(p -> err.println("grade: refused: " + p));
                return 2;
            }
        }
        try {
            // Strict: trailing content and repeated keys are refused, not silently read past.
            JsonNode root = AnswerSheets.read(bytes);
            GradingInput input = AnswerSheets.parse(root);
            GradingPolicy policy = chosen != null ? chosen : registry.inForce(input.packId());
            GradingResult result = new GradingEngine(registry.packs(), policy).grade(input);
            // Laptops grade with whatever loaded, so an analyst does too; but is told what was refused.
            registry.problems().forEach(p -> err.println("grade: warning: refused " + p));
            out.println(MAPPER.writeValueAsString(AnswerSheets.toJson(result)));
            return 0;
        } catch (GradingException e) {
            err.println("grade: " + e.getMessage());
            return 2;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
