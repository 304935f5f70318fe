package org.dashdesk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.dashdesk.grading.AnswerSheets;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingException;
import org.dashdesk.grading.GradingInput;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.grading.PolicyRegistry;

/**
 * {@code grade FILE|- [--pack-dir DIR] [--policy ID]}: grades one answer sheet and prints the
 * result as JSON. With {@code --pack-dir} the force's packs and policies load as on its laptops;
 * without {@code --policy} the policy in force for the sheet's pack grades it.
 */
final class GradeCommand implements Command {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String USAGE = "grade: usage: grade FILE|- [--pack-dir DIR] [--policy ID]";

    @Override
    public String name() {
        return "grade";
    }

    @Override
    public String summary() {
        return "grade FILE|- [--pack-dir DIR] [--policy ID]   grade an answer sheet (JSON) and print the result as JSON";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        String file = null;
        String packDir = null;
        String policyId = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if ((a.equals("--pack-dir") || a.equals("--policy")) && i + 1 < args.size()) {
                if (a.equals("--pack-dir")) {
                    packDir = args.get(++i);
                } else {
                    policyId = args.get(++i);
                }
            } else if (a.startsWith("--") || file != null) {
                err.println(USAGE);
                return 2;
            } else {
                file = a;
            }
        }
        if (file == null) {
            err.println(USAGE);
            return 2;
        }
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
