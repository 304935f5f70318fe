package org.dashdesk.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads and validates one pack file. Validation is strict because a pack reaches every laptop in
 * a force: a typo must be refused with the file and JSON path, not discovered at the scene.
 * Checks that need the other packs (branch targets, the pack a supplement belongs to, ids unique
 * across packs) are done by {@link PackRegistry}.
 */
public final class PackReader {

    /** The fields each object of a pack may have; anything else is refused (a typo would be ignored). */
    static final List<String> PACK_FIELDS = List.of("id", "title", "version", "source", "copyright", "language",
            "supplements", "sections");
    static final List<String> SECTION_FIELDS = List.of("id", "title", "skipWhenNoChildren", "questions");
    static final List<String> QUESTION_FIELDS = List.of("id", "number", "kind", "text", "prompt", "wording", "branchIfYes",
            "gridRows", "gridColumns");
    static final List<String> WORDING_FIELDS = List.of("status", "source");

    public InstrumentPack read(InputStream in, String origin) throws PackValidationException {
        JsonNode root;
        try {
            root = StrictJson.read(in.readAllBytes());
        } catch (StrictJson.Malformed e) {
            throw new PackValidationException(origin, e.jsonPath(), e.kind() == StrictJson.Malformed.Kind.SYNTAX
                    ? "not valid JSON (line " + e.line() + ", column " + e.column() + ")"
                    : e.getMessage());
        } catch (IOException e) {
            throw new PackValidationException(origin, "$", "cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new PackValidationException(origin, "$", "must be a JSON object");
        }
        refuseUnknownFields(root, "$", PACK_FIELDS, origin);
        String id = text(root, "id", "$", origin, true);
        if (!id.matches("[a-z0-9][a-z0-9._-]*")) {
            throw new PackValidationException(origin, "$.id", "must be lower-case letters, digits, '.', '_' or '-'");
        }
        String title = text(root, "title", "$", origin, true);
        String version = text(root, "version", "$", origin, true);
        String source = text(root, "source", "$", origin, true);
        String copyright = text(root, "copyright", "$", origin, true);
        String language = text(root, "language", "$", origin, true);
        String supplements = text(root, "supplements", "$", origin, false);

        JsonNode sectionsNode = root.get("sections");
        if (sectionsNode == null || !sectionsNode.isArray() || sectionsNode.isEmpty()) {
            throw new PackValidationException(origin, "$.sections", "must be a non-empty array");
        }
        Set<String> sectionIds = new HashSet<>();
        Set<String> questionIds = new HashSet<>();
        List<Section> sections = new ArrayList<>();
        for (int i = 0; i < sectionsNode.size(); i++) {
            String path = "$.sections[" + i + "]";
            JsonNode s = sectionsNode.get(i);
            if (!s.isObject()) {
                throw new PackValidationException(origin, path, "must be an object");
            }
            refuseUnknownFields(s, path, SECTION_FIELDS, origin);
            String sectionId = text(s, "id", path, origin, true);
            if (!sectionIds.add(sectionId)) {
                throw new PackValidationException(origin, path + ".id", "duplicate section id '" + sectionId + "'");
            }
            String sectionTitle = text(s, "title", path, origin, true);
            JsonNode skipNode = s.get("skipWhenNoChildren");
            if (skipNode != null && !skipNode.isNull() && !skipNode.isBoolean()) {
                throw new PackValidationException(origin, path + ".skipWhenNoChildren", "must be true or false");
            }
            boolean skip = skipNode != null && skipNode.asBoolean(false);
            JsonNode qs = s.get("questions");
            if (qs == null || !qs.isArray() || qs.isEmpty()) {
                throw new PackValidationException(origin, path + ".questions", "must be a non-empty array");
            }
            List<Question> questions = new ArrayList<>();
            for (int j = 0; j < qs.size(); j++) {
                Question q = question(qs.get(j), path + ".questions[" + j + "]", origin);
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

    private Question question(JsonNode q, String path, String origin) throws PackValidationException {
        if (!q.isObject()) {
            throw new PackValidationException(origin, path, "must be an object");
        }
        refuseUnknownFields(q, path, QUESTION_FIELDS, origin);
        String id = text(q, "id", path, origin, true);
        if (!id.matches("[A-Za-z][A-Za-z0-9_-]*")) {
            throw new PackValidationException(origin, path + ".id", "must start with a letter and hold only letters, digits, '_' or '-'");
        }
        String number = text(q, "number", path, origin, false);
        String kindName = text(q, "kind", path, origin, true);
        QuestionKind kind;
        try {
            kind = QuestionKind.fromJson(kindName);
        } catch (IllegalArgumentException e) {
            throw new PackValidationException(origin, path + ".kind", e.getMessage());
        }
        String text = text(q, "text", path, origin, true);
        String prompt = text(q, "prompt", path, origin, false);
        JsonNode wording = q.get("wording");
        if (wording == null || !wording.isObject()) {
            throw new PackValidationException(origin, path + ".wording", "missing: every question records where its wording came from");
        }
        refuseUnknownFields(wording, path + ".wording", WORDING_FIELDS, origin);
        WordingStatus status;
        try {
            status = WordingStatus.fromJson(text(wording, "status", path + ".wording", origin, true));
        } catch (IllegalArgumentException e) {
            throw new PackValidationException(origin, path + ".wording.status", e.getMessage());
        }
        String wordingSource = text(wording, "source", path + ".wording", origin, true);
        String branch = text(q, "branchIfYes", path, origin, false);
        if (branch != null && !kind.hasChoice()) {
            throw new PackValidationException(origin, path + ".branchIfYes", "only questions answered yes/no can branch");
        }
        List<String> rows = strings(q.get("gridRows"), path + ".gridRows", origin);
        List<String> columns = strings(q.get("gridColumns"), path + ".gridColumns", origin);
        if (kind == QuestionKind.FEAR_GRID && (rows.isEmpty() || columns.isEmpty())) {
            throw new PackValidationException(origin, path, "a fear_grid needs gridRows and gridColumns");
        }
        return new Question(id, number, kind, text, prompt, status, wordingSource, branch, rows, columns);
    }

    private static void refuseUnknownFields(JsonNode object, String path, List<String> allowed, String origin)
            throws PackValidationException {
        var unknown = StrictJson.unknownField(object, allowed);
        if (unknown.isPresent()) {
            throw new PackValidationException(origin, path + "." + unknown.get(), StrictJson.unknownFieldProblem(unknown.get(), allowed));
        }
    }

    private static List<String> strings(JsonNode node, String path, String origin) throws PackValidationException {
        List<String> out = new ArrayList<>();
        if (node == null || node.isNull()) {
            return out;
        }
        if (!node.isArray()) {
            throw new PackValidationException(origin, path, "must be an array of text");
        }
        for (int i = 0; i < node.size(); i++) {
            JsonNode n = node.get(i);
            if (!n.isTextual() || n.asText().isBlank()) {
                throw new PackValidationException(origin, path + "[" + i + "]", "must be non-blank text");
            }
            out.add(n.asText());
        }
        return out;
    }

    private static String text(JsonNode node, String field, String path, String origin, boolean required)
            throws PackValidationException {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new PackValidationException(origin, path + "." + field, "missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new PackValidationException(origin, path + "." + field, "must be text");
        }
        if (value.asText().isBlank()) {
            throw new PackValidationException(origin, path + "." + field, "must not be blank");
        }
        return value.asText();
    }
}
