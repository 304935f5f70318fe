package org.dashdesk.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.dashdesk.assessment.AssessmentState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsTest {

    /** Synthetic: no real person. */
    private static final String VICTIM_NAME = "Imogen Synthetica-Testperson";
    private static final String ANSWER = "He said he would hurt the dog";
    private static final String TOKEN = "eyJhbGciOiJIUzI1NiJ9.c3ViMTIzNDU2Nzg5MA.Xk3mP9qLr2sT8vW1yZ0aB4cD";

    @TempDir
    Path data;
    private Logs logs;

    @AfterEach
    void restore() {
        if (logs != null) {
            logs.restore();
        }
    }

    private String logText() throws IOException {
        logs.fileHandler().flush();
        try (Stream<Path> files = Files.list(data.resolve("logs"))) {
            StringBuilder all = new StringBuilder();
            for (Path file : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
                all.append(Files.readString(file, StandardCharsets.UTF_8));
            }
            return all.toString();
        }
    }

    @Test
    void theFileRotatesInTheDataDirectoryThroughTheSafeFormatter() {
        logs = Logs.configure(data);
        assertNotNull(logs.fileHandler(), "the log file opens");
        assertTrue(logs.fileHandler().getFormatter() instanceof SafeLogFormatter);
        assertEquals("UTF-8", logs.fileHandler().getEncoding());
        assertTrue(Arrays.stream(Logger.getLogger("").getHandlers()).allMatch(h -> h.getFormatter() instanceof SafeLogFormatter),
                "every root handler uses the safe formatter");
        assertTrue(Files.exists(data.resolve("logs").resolve("dashdesk-0.log")));
    }

    @Test
    void filesRotateAtTheLimitAndKeepTheGivenCount() throws IOException {
        logs = Logs.configure(data, 2_000, 3);
        Logger log = Logger.getLogger("org.dashdesk.test.rotation");
        for (int i = 0; i < 200; i++) {
            log.log(Level.INFO, "autosave {0} of draft {1}", new Object[] {i, UUID.randomUUID()});
        }
        logs.fileHandler().flush();
        try (Stream<Path> files = Files.list(data.resolve("logs"))) {
            List<String> names = files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".log")).sorted().toList();
            assertEquals(List.of("dashdesk-0.log", "dashdesk-1.log", "dashdesk-2.log"), names);
        }
    }

    @Test
    void anAssessmentEventLogsIdsCountsAndStatesButNoNameAnswerOrToken() throws IOException {
        logs = Logs.configure(data);
        Logger log = Logger.getLogger("org.dashdesk.assessment.events");
        UUID assessment = UUID.randomUUID();
        // As careless code might write it: the name and answer passed as parameters...
        log.log(Level.INFO, "assessment {0} submitted: state {1}, {2} answers, victim {3}, answer {4}",
                new Object[] {assessment, AssessmentState.SUBMITTED, 27, VICTIM_NAME, ANSWER});
        // ...a token and an e-mail glued into the message...
        log.info("sync signed in with bearer " + TOKEN + " for officer pc.synthetic@force.example");
        // ...and an exception whose message quotes the input.
        log.log(Level.WARNING, "saving answer failed", new IllegalStateException("cannot store '" + ANSWER + "' for " + VICTIM_NAME,
                new IOException("disk full while writing " + VICTIM_NAME)));

        String text = logText();
        assertTrue(text.contains(assessment.toString()), text);
        assertTrue(text.contains("state SUBMITTED, 27 answers"), text);
        assertTrue(text.contains("java.lang.IllegalStateException") && text.contains("caused by java.io.IOException"), text);
        for (String secret : List.of("Imogen", "Synthetica", "hurt the dog", "eyJhbGci", "Xk3mP9qLr2sT8vW1yZ0aB4cD", "pc.synthetic",
                "force.example")) {
            assertFalse(text.contains(secret), "log contains '" + secret + "':\n" + text);
        }
    }

    @Test
    void harmlessValuesAreShownAsTheyAre() {
        assertEquals("42", SafeLogFormatter.render(42));
        assertEquals("SUBMITTED", SafeLogFormatter.render(AssessmentState.SUBMITTED));
        assertEquals("java.io.IOException", SafeLogFormatter.render(IOException.class));
        assertEquals("[redacted text]", SafeLogFormatter.render("Imogen"));
        String id = "draft 123e4567-e89b-12d3-a456-426614174000 saved";
        assertEquals(id, SafeLogFormatter.scrub(id));
    }
}
