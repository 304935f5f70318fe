package org.dashdesk.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import org.dashdesk.json.StrictJson;

/**
 * Reads and validates one pack file. Validation is strict because a pack reaches every laptop in
 * a force: a typo must be refused with the file and JSON path, not discovered at the scene.
 * The file's shape (which fields, of which kinds) is the records below, bound by
 * {@link StrictJson}; what the values mean is checked here. Checks that need the other packs
 * (branch targets, the pack a supplement belongs to, ids unique across packs) are done by
 * {@link PackRegistry}.
 */
public final class PackReader {

    /** A pack file as written. */
    record PackFile(String id, String title, String version, String source, String copyright, String language,
            String supplements, List<SectionFile> sections) {
    }

    record SectionFile(String id, String title, Boolean skipWhenNoChildren, List<QuestionFile> questions) {
    }

    record QuestionFile(String id, String number, String kind, String text, String prompt, WordingFile wording,
            String branchIfYes, List<String> gridRows, List<String> gridColumns) {
    }

    /** Where a question's wording came from: every question says. */
    record WordingFile(String status, String source) {
    }

    public InstrumentPack read(InputStream in, String origin) throws PackValidationException {
        PackFile file;
        try {
            JsonNode root = StrictJson.read(in.readAllBytes());
            if (root == null || !root.isObject()) {
                throw new PackValidationException(origin, "$", "must be a JSON object");
            }
            file = StrictJson.bind(root, PackFile.class);
        } catch (StrictJson.Malformed e) {
            throw new PackValidationException(origin, e.jsonPath(), switch (e.kind()) {
                case SYNTAX -> "not valid JSON (line " + e.line() + ", column " + e.column() + ")";
                case WRONG_TYPE -> e.expected() == StrictJson.Malformed.Expected.OBJECT ? "must be an object" : e.getMessage();
                default -> e.getMessage();
            });
        } catch (IOException e) {
            throw new PackValidationException(origin, "$", "cannot be read: " + e.getMessage());
        }
        Fields f = new Fields(origin);
        String id = f.required(file.id(), "$.id");
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new PackValidationException(origin, "$.id", "must be lower-case letters, digits, '.', '_' or '-'");
        }
        String title = f.required(file.title(), "$.title");
        String version = f.required(file.version(), "$.version");
        String source = f.required(file.source(), "$.source");
        String copyright = f.required(file.copyright(), "$.copyright");
        String language = f.required(file.language(), "$.language");
        String supplements = f.optional(file.supplements(), "$.supplements");

        if (file.sections() == null || file.sections().isEmpty()) {
            throw new PackValidationException(origin, "$.sections", "must be a non-empty array");
        }
        Set<String> sectionIds = new HashSet<>();
        Set<String> questionIds = new HashSet<>();
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < file.sections().size(); i++) {
            String path = "$.sections[" + i + "]";
            SectionFile s = f.object(file.sections().get(i), path);
            String sectionId = f.required(s.id(), path + ".id");
            if (!sectionIds.add(sectionId)) {
                throw new PackValidationException(origin, path + ".id", "duplicate section id '" + sectionId + "'");
            }
            String sectionTitle = f.required(s.title(), path + ".title");
            boolean skip = Boolean.TRUE.equals(s.skipWhenNoChildren());
            if (s.questions() == null || s.questions().isEmpty()) {
                throw new PackValidationException(origin, path + ".questions", "must be a non-empty array");
            }
            List<Question> questions = new ArrayList<>();
            for (int j = 0; j < s.questions().size(); j++) {
                Question q = question(s.questions().get(j), path + ".questions[" + j + "]", f);
                if (!questionIds.add(q.id())) {
                    throw new PackValidationException(origin, path + ".questions[" + j + "].id",
                            "duplicate question id '" + q.id() + "'");
                }
                questions.add(q);
            }
            sections.add(new Section(sectionId, sectionTitle, skip, questions));
        }
        return new InstrumentPack(id, title, version, source, copyright, language, supplements, sections, origin);
    }

    private static Question question(QuestionFile file, String path, Fields f) throws PackValidationException {
        QuestionFile q = f.object(file, path);
        String id = f.required(q.id(), path + ".id");
        if (!id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw f.error(path + ".id", "must start with a letter and hold only letters, digits, '_' or '-'");
        }
        String number = f.optional(q.number(), path + ".number");
        QuestionKind kind;
        try {
            kind = QuestionKind.fromJson(f.required(q.kind(), path + ".kind"));
        } catch (IllegalArgumentException e) {
            throw f.error(path + ".kind", e.getMessage());
        }
        String text = f.required(q.text(), path + ".text");
        String prompt = f.optional(q.prompt(), path + ".prompt");
        if (q.wording() == null) {
            throw f.error(path + ".wording", "missing: every question records where its wording came from");
        }
        WordingStatus status;
        try {
            status = WordingStatus.fromJson(f.required(q.wording().status(), path + ".wording.status"));
        } catch (IllegalArgumentException e) {
            throw f.error(path + ".wording.status", e.getMessage());
        }
        String wordingSource = f.required(q.wording().source(), path + ".wording.source");
        String branch = f.optional(q.branchIfYes(), path + ".branchIfYes");
        if (branch != null && !kind.hasChoice()) {
            throw f.error(path + ".branchIfYes", "only questions answered yes/no can branch");
        }
        List<String> rows = f.texts(q.gridRows(), path + ".gridRows");
        List<String> columns = f.texts(q.gridColumns(), path + ".gridColumns");
        if (kind == QuestionKind.FEAR_GRID && (rows.isEmpty() || columns.isEmpty())) {
            throw f.error(path, "a fear_grid needs gridRows and gridColumns");
        }
        return new Question(id, number, kind, text, prompt, status, wordingSource, branch, rows, columns);
    }

    /** The checks every text field of a pack shares, each naming the file and path. */
    private record Fields(String origin) {

        PackValidationException error(String path, String problem) {
            return new PackValidationException(origin, path, problem);
        }

        String required(String value, String path) throws PackValidationException {
            if (value == null) {
                throw error(path, "missing");
            }
            return optional(value, path);
        }

        String optional(String value, String path) throws PackValidationException {
            if (value != null && value.isBlank()) {
                throw error(path, "must not be blank");
            }
            return value;
        }

        <T> T object(T value, String path) throws PackValidationException {
            if (value == null) {
                throw error(path, "must be an object");
            }
            return value;
        }

        List<String> texts(List<String> values, String path) throws PackValidationException {
            if (values == null) {
                return List.of();
            }
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null || values.get(i).isBlank()) {
                    throw error(path + "[" + i + "]", "must be non-blank text");
                }
            }
            return List.copyOf(values);
        }
    }
}
