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
import org.dashdesk.instrument.PackRegistry;

/** {@code grade FILE|-}: grades one answer sheet and prints the result as JSON. */
final class GradeCommand implements Command {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public String name() {
        return "grade";
    }

    @Override
    public String summary() {
        return "grade FILE|-   grade an answer sheet (JSON) and print the result as JSON";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        if (args.size() != 1) {
            err.println("grade: usage: grade FILE (or - for standard input)");
            return 2;
        }
        byte[] bytes;
        try {
            bytes = args.get(0).equals("-") ? in.readAllBytes() : Files.readAllBytes(Path.of(args.get(0)));
        } catch (NoSuchFileException e) {
            err.println("grade: " + args.get(0) + ": no such file");
            return 2;
        } catch (IOException e) {
            err.println("grade: " + args.get(0) + ": cannot be read: " + e.getMessage());
            return 2;
        }
        try {
            // Strict: trailing content and repeated keys are refused, not silently read past.
            JsonNode root = AnswerSheets.read(bytes);
            GradingInput input = AnswerSheets.parse(root);
            GradingEngine engine = new GradingEngine(PackRegistry.builtIn(), GradingPolicy.builtInDefault());
            GradingResult result = engine.grade(input);
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
