package org.dashdesk.instrument;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PackRegistryTest {

    @TempDir
    Path dir;

    @Test
    void builtInPacksHaveStableIdsAndSources() {
        PackRegistry r = PackRegistry.builtIn();
        assertTrue(r.problems().isEmpty());
        InstrumentPack dash = r.require("dash-2009");
        List<String> ids = dash.questions().stream().map(Question::id).toList();
        assertEquals(IntStream.rangeClosed(1, 27).mapToObj(i -> "Q" + i).toList(), ids.subList(0, 27));
        assertEquals(IntStream.rangeClosed(1, 11).mapToObj(i -> "S" + i).toList(),
                r.require("s-dash").questions().stream().map(Question::id).toList());
        assertEquals(IntStream.rangeClosed(1, 10).mapToObj(i -> "H" + i).toList(),
                r.require("h-dash").questions().stream().map(Question::id).toList());
        for (InstrumentPack p : r.all()) {
            assertFalse(p.copyright().isBlank());
            assertFalse(p.source().isBlank());
            for (Question q : p.questions()) {
                assertFalse(q.wordingSource().isBlank(), q.id());
            }
        }
        assertEquals(WordingStatus.VERIFIED, dash.question("Q11").orElseThrow().wordingStatus());
        assertEquals(WordingStatus.UNVERIFIED_CANDIDATE, dash.question("Q12").orElseThrow().wordingStatus());
        assertEquals("h-dash", dash.question("Q4").orElseThrow().branchIfYes());
        assertEquals("s-dash", dash.question("Q8").orElseThrow().branchIfYes());
        assertEquals(QuestionKind.FEAR_GRID, dash.question("Q3").orElseThrow().kind());
        assertTrue(dash.sections().get(1).skipWhenNoChildren());
        assertEquals(List.of("dash-2009", "h-dash", "s-dash"), r.assessmentPacks("dash-2009").stream().map(InstrumentPack::id).toList());
    }

    @Test
    void everyQuestionKindIsCarried() {
        var kinds = PackRegistry.builtIn().require("dash-2009").questions().stream().map(Question::kind).distinct().toList();
        assertTrue(kinds.containsAll(List.of(QuestionKind.values())), kinds.toString());
    }

    @Test
    void abuserNameFillsThePlaceholderWithoutChangingTheText() {
        InstrumentPack dash = PackRegistry.builtIn().require("dash-2009");
        Question q11 = dash.question("Q11").orElseThrow();
        assertEquals("Has Sam Example ever hurt the children/dependants?", q11.textFor("Sam Example"));
        Question q4 = dash.question("Q4").orElseThrow();
        assertTrue(q4.textFor("Sam Example").contains("does Sam Example try to stop you"), q4.textFor("Sam Example"));
        assertTrue(q11.text().contains("(…..)"));
        // Issue 11: with no name the question still reads as a question, never "(…..)".
        assertEquals("Has the person who harmed you ever hurt the children/dependants?", q11.textFor(" "));
    }

    private Path write(String name, String json) throws IOException {
        return Files.writeString(dir.resolve(name), json, StandardCharsets.UTF_8);
    }

    static String pack(String id, String questionsJson) {
        return """
                {"id":"%s","title":"Force supplementary","version":"1","source":"Test force policy","copyright":"Crown copyright (synthetic)",
                 "language":"en-GB","supplements":"dash-2009",
                 "sections":[{"id":"force","title":"Force questions","questions":[%s]}]}
                """.formatted(id, questionsJson);
    }

    static final String GOOD_Q = """
            {"id":"K1","number":"1","kind":"yes_no","text":"Has (…) access to firearms?","wording":{"status":"application","source":"synthetic"}}""";

    @Test
    void forcePackIsAddedAndJoinsTheAssessment() throws IOException {
        write("kent.json", pack("kent-supp", GOOD_Q));
        PackRegistry r = PackRegistry.load(dir);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertTrue(r.assessmentPacks("dash-2009").stream().anyMatch(p -> p.id().equals("kent-supp")));
    }

    @Test
    void forcePackOverridesBuiltInWithSameId() throws IOException {
        String sdash = pack("s-dash", GOOD_Q.replace("K1", "S1"));
        write("s-dash.json", sdash);
        PackRegistry r = PackRegistry.load(dir);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals(1, r.require("s-dash").questions().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON|{\"id\":|$|not valid JSON",
            "duplicate ids|DUP|$.sections[0].questions[1].id|duplicate question id 'K1'",
            "unknown kind|KIND|$.sections[0].questions[0].kind|unknown question kind 'slider'",
            "missing text|NOTEXT|$.sections[0].questions[0].text|missing",
            "blank text|BLANKTEXT|$.sections[0].questions[0].text|must not be blank",
            "branch to nowhere|BRANCH|$.sections[0].questions[0].branchIfYes|no pack with id 'x-dash'",
            "id used by another pack|CLASH|$.sections[0].questions[0].id|already used by pack 'dash-2009'",
            "missing wording|NOWORDING|$.sections[0].questions[0].wording|missing",
            "supplements nothing|SUPP|$.supplements|no pack with id 'nothing'",
            "grid without rows|GRID|$.sections[0].questions[0]|needs gridRows",
            "misspelt branch field|BRANCHTYPO|$.sections[0].questions[0].branchIfyes|unknown field (did you mean 'branchIfYes'?)",
            "unknown pack field|PACKFIELD|$.licence|unknown field; allowed here: id, title",
            "misspelt section field|SECTIONFIELD|$.sections[0].skipWhenNoChilden|did you mean 'skipWhenNoChildren'",
            "misspelt wording field|WORDINGFIELD|$.sections[0].questions[0].wording.sorce|did you mean 'source'",
            "skip flag not boolean|SKIPTEXT|$.sections[0].skipWhenNoChildren|must be true or false",
            "trailing garbage|TRAILING|$|unexpected content after the end of the JSON value",
            "extra closing brace|BRACE|$|unexpected content after the end of the JSON value",
            "repeated key|DUPKEY|$.sections[0].questions[0].kind|duplicate key 'kind'",
            "text written as a number|NUMBERTEXT|$.sections[0].questions[0].number|must be text",
            "questions not an array|QUESTIONSOBJECT|$.sections[0].questions|must be an array",
            "a question that is text|QUESTIONTEXT|$.sections[0].questions[0]|must be an object",
            "grid rows with a number|GRIDNUMBER|$.sections[0].questions[0].gridRows[1]|must be text"})
    void badPackIsRefusedNamingFileAndPathWhileOthersStillLoad(String name, String variant, String path, String problem)
            throws IOException {
        String json = switch (variant) {
            case "DUP" -> pack("bad", GOOD_Q + "," + GOOD_Q);
            case "KIND" -> pack("bad", GOOD_Q.replace("yes_no", "slider"));
            case "NOTEXT" -> pack("bad", GOOD_Q.replace("\"text\":\"Has (…) access to firearms?\",", ""));
            case "BLANKTEXT" -> pack("bad", GOOD_Q.replace("Has (…) access to firearms?", " "));
            case "BRANCH" -> pack("bad", GOOD_Q.replace("\"kind\"", "\"branchIfYes\":\"x-dash\",\"kind\""));
            case "CLASH" -> pack("bad", GOOD_Q.replace("K1", "Q5"));
            case "NOWORDING" -> pack("bad", GOOD_Q.replace(",\"wording\":{\"status\":\"application\",\"source\":\"synthetic\"}", ""));
            case "SUPP" -> pack("bad", GOOD_Q).replace("\"supplements\":\"dash-2009\"", "\"supplements\":\"nothing\"");
            case "GRID" -> pack("bad", GOOD_Q.replace("yes_no", "fear_grid"));
            case "BRANCHTYPO" -> pack("bad", GOOD_Q.replace("\"kind\"", "\"branchIfyes\":\"s-dash\",\"kind\""));
            case "PACKFIELD" -> pack("bad", GOOD_Q).replace("\"language\"", "\"licence\":\"OGL\",\"language\"");
            case "SECTIONFIELD" -> pack("bad", GOOD_Q).replace("\"title\":\"Force questions\"",
                    "\"title\":\"Force questions\",\"skipWhenNoChilden\":true");
            case "WORDINGFIELD" -> pack("bad", GOOD_Q.replace("\"source\":\"synthetic\"", "\"sorce\":\"synthetic\""));
            case "SKIPTEXT" -> pack("bad", GOOD_Q).replace("\"title\":\"Force questions\"",
                    "\"title\":\"Force questions\",\"skipWhenNoChildren\":\"yes\"");
            case "TRAILING" -> pack("bad", GOOD_Q).strip() + " garbage";
            case "BRACE" -> pack("bad", GOOD_Q).strip() + "}";
            case "DUPKEY" -> pack("bad", GOOD_Q.replace("\"kind\":\"yes_no\"", "\"kind\":\"yes_no\",\"kind\":\"free_text\""));
            case "NUMBERTEXT" -> pack("bad", GOOD_Q.replace("\"number\":\"1\"", "\"number\":1"));
            case "QUESTIONSOBJECT" -> pack("bad", GOOD_Q).replace("\"questions\":[" + GOOD_Q + "]", "\"questions\":" + GOOD_Q);
            case "QUESTIONTEXT" -> pack("bad", "\"K1\"");
            case "GRIDNUMBER" -> pack("bad", GOOD_Q.replace("yes_no", "fear_grid")
                    .replace("\"kind\"", "\"gridRows\":[\"a\",2],\"gridColumns\":[\"b\"],\"kind\""));
            default -> variant;
        };
        Path file = write("bad.json", json);
        write("good.json", pack("good-supp", GOOD_Q.replace("K1", "G1")));
        PackRegistry r = PackRegistry.load(dir);
        assertEquals(1, r.problems().size(), r.problems().toString());
        PackValidationException p = r.problems().get(0);
        assertEquals(file.toString(), p.origin());
        assertEquals(path, p.jsonPath());
        assertTrue(p.getMessage().contains(problem), p.getMessage());
        assertTrue(r.find("dash-2009").isPresent());
        assertTrue(r.find("good-supp").isPresent());
        assertFalse(r.find("bad").isPresent());
    }

    /** A main pack (it supplements nothing) with one yes/no question. */
    static String mainPack(String id, String questionsJson) {
        return pack(id, questionsJson).replace("\"supplements\":\"dash-2009\",", "");
    }

    @Test
    void crossReferencesResolveWhateverTheFileOrder() throws IOException {
        // The supplement's file sorts before its main pack's, and the main pack branches to a pack in a later file.
        write("a-supplement.json", pack("force-supp", GOOD_Q.replace("K1", "F2")).replace("\"supplements\":\"dash-2009\"",
                "\"supplements\":\"force-main\""));
        write("m-main.json", mainPack("force-main", GOOD_Q.replace("K1", "F1").replace("\"kind\"", "\"branchIfYes\":\"z-branch\",\"kind\"")));
        write("z-branch.json", mainPack("z-branch", GOOD_Q.replace("K1", "F3")));
        PackRegistry r = PackRegistry.load(dir);
        assertTrue(r.problems().isEmpty(), r.problems().toString());
        assertEquals(List.of("force-main", "z-branch", "force-supp"),
                r.assessmentPacks("force-main").stream().map(InstrumentPack::id).toList());
    }

    @Test
    void secondFileWithTheSamePackIdIsRefusedNamingBothFiles() throws IOException {
        Path first = write("a-kent.json", pack("kent-supp", GOOD_Q));
        Path second = write("b-kent.json", pack("kent-supp", GOOD_Q.replace("K1", "K2")));
        PackRegistry r = PackRegistry.load(dir);
        assertEquals(1, r.problems().size(), r.problems().toString());
        PackValidationException p = r.problems().get(0);
        assertEquals(second.toString(), p.origin());
        assertEquals("$.id", p.jsonPath());
        assertTrue(p.getMessage().contains(first.toString()), p.getMessage());
        assertEquals("K1", r.require("kent-supp").questions().get(0).id(), "the first file's pack stays");
    }

    @Test
    void packThatReliedOnARefusedPackIsRefusedToo() throws IOException {
        write("a-supplement.json", pack("force-supp", GOOD_Q.replace("K1", "F2")).replace("\"supplements\":\"dash-2009\"",
                "\"supplements\":\"force-main\""));
        // The main pack reuses Q5, so it is refused; its supplement then has nothing to supplement.
        write("m-main.json", mainPack("force-main", GOOD_Q.replace("K1", "Q5")));
        PackRegistry r = PackRegistry.load(dir);
        assertEquals(List.of("m-main.json", "a-supplement.json"),
                r.problems().stream().map(p -> Path.of(p.origin()).getFileName().toString()).toList(), r.problems().toString());
        assertEquals("$.supplements", r.problems().get(1).jsonPath());
        assertFalse(r.find("force-main").isPresent());
        assertFalse(r.find("force-supp").isPresent());
    }

    @Test
    void extraCheckRefusesAnOverrideAndTheBuiltInPackStays() throws IOException {
        Path file = write("s-dash.json", pack("s-dash", GOOD_Q.replace("K1", "S1")));
        ForcePackCheck keepS2 = (pack, builtIn) -> {
            if (builtIn != null && pack.question("S2").isEmpty()) {
                throw new PackValidationException(pack.origin(), "$.sections", "lacks S2");
            }
        };
        PackRegistry r = PackRegistry.load(dir, keepS2);
        assertEquals(1, r.problems().size());
        assertEquals(file.toString(), r.problems().get(0).origin());
        assertEquals(11, r.require("s-dash").questions().size(), "the built-in s-dash is back");
    }
}
