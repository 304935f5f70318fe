package org.dashdesk.document;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.dashdesk.assessment.Answer;
import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Dependant;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.Referral;
import org.dashdesk.assessment.ReferralDecision;
import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.ProfessionalJudgement;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.instrument.PackRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13, the MARAC referral as a document: made from a frozen revision, written with PDFBox,
 * and read back with PDFBox's text extraction, field by field. Synthetic data, with names in
 * Welsh and Polish spelling.
 */
class MaracReferralPdfTest {

    private static final PackRegistry PACKS = PackRegistry.builtIn();
    private static final GradingPolicy POLICY = GradingPolicy.builtInDefault();
    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final String VICTIM = "Siân Ŵyn Llŷr";
    private static final String ABUSER = "Łukasz Żółć-Brzęczyszczykiewicz";

    @TempDir
    Path dir;

    static Revision highRisk(String comment) {
        AssessmentContent c = new AssessmentContent("dash-2009", "2009", Channel.AT_SCENE, new Officer("4471", "PC Test Example"), null,
                new People(VICTIM, List.of(ABUSER), List.of(new Dependant("Child Synthetic", "6", "daughter")), true),
                new Incident(LocalDateTime.of(2026, 11, 23, 1, 50), "Flat 2, 10 Example Road", "Maidstone", "KNT-20261123-0117", 3, null),
                Map.of(), null, Map.of());
        for (int n = 1; n <= 27; n++) {
            c = c.withAnswer(Answer.choice("Q" + n, n <= 15 ? Choice.YES : Choice.NO));
        }
        c = c.withAnswer(new Answer("Q1", Choice.YES, comment, "neighbour (synthetic)", null, null, null, null));
        c = c.withJudgement(new ProfessionalJudgement(RiskLevel.HIGH, "Synthetic rationale: strangulation disclosed"));
        c = c.withReferral(new ReferralDecision(Referral.MARAC, true, null))
                .withReferral(new ReferralDecision(Referral.DVPN, false, "Suspect in custody (synthetic)"));
        GradingEngine engine = new GradingEngine(PACKS, POLICY);
        return Revision.freeze(UUID.fromString("0192e9a4-5b7c-7d1e-8f00-0000000000aa"), UUID.randomUUID(), null, 1, null,
                Instant.parse("2026-11-23T02:30:00Z"), "4471", c, engine.grade(c.gradingInput()));
    }

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void theVictimsAndAbusersDetailsArePrintedWhenRecorded() throws Exception {
        Revision r = highRisk("Cut to lip");
        var people = r.content().people().withVictimDetails(new org.dashdesk.assessment.PersonDetails(List.of("Siân Jones"),
                java.time.LocalDate.of(1990, 1, 1), null, null, "Flat 1, 2 Synthetic Road", "me14 1xx", "07700 900000", "after 6pm",
                "PNC-1")).withAbuserDetails(ABUSER, new org.dashdesk.assessment.PersonDetails(List.of(), null, 41, null, null, null, null,
                null, "PNC-9"));
        var c = r.content().withPeople(people);
        Revision withDetails = Revision.freeze(r.assessmentId(), UUID.randomUUID(), null, 1, null, r.createdAt(), "4471", c,
                new GradingEngine(PACKS, POLICY).grade(c.gradingInput()));
        String text = text(PdfWriter.render(MaracReferral.of(withDetails, PACKS, POLICY, "PS Synthetic", Instant.parse(
                "2026-11-24T09:00:00Z"), LONDON))).replaceAll("\\s+", " ");
        for (String expected : List.of("Date of birth 01/01/1990", "Address Flat 1, 2 Synthetic Road, ME14 1XX",
                "Safe contact 07700 900000 (after 6pm)", "Other names Siân Jones", "Force person id PNC-1", "Age about 41",
                "Force person id PNC-9")) {
            assertTrue(text.contains(expected), "the PDF says \"" + expected + "\"; it reads: " + text);
        }
    }

    @Test
    void everyFieldIsInThePdfAsTypedAndNothingPersonalIsInItsNameOrMetadata() throws Exception {
        Revision r = highRisk("Cut to lip 漢 bruising");
        assertTrue(MaracReferral.applies(r));
        CaseDocument referral = MaracReferral.of(r, PACKS, POLICY, "PS Synthetic Sergeant (collar 2001)",
                Instant.parse("2026-11-24T09:00:00Z"), LONDON);
        Path file = dir.resolve(referral.fileName());
        PdfWriter.write(referral, file);
        byte[] pdf = Files.readAllBytes(file);
        String text = text(pdf).replaceAll("\\s+", " ");

        for (String expected : List.of("MARAC referral from the police", "OFFICIAL-SENSITIVE", "Page 1 of",
                "Referring agency Police", "PC Test Example (collar 4471)", "Date of referral 24/11/2026",
                "PS Synthetic Sergeant (collar 2001)", "KNT-20261123-0117", "23/11/2026 01:50", "Flat 2, 10 Example Road", "Maidstone",
                VICTIM, "Date of birth Not recorded", "Safe contact Not recorded", "Address Not recorded", ABUSER,
                "Child Synthetic, 6, daughter", "Risk level High", "Professional judgement High: Synthetic rationale: strangulation disclosed",
                "Has the current incident resulted in injury?", "Cut to lip ? bruising", "Source: neighbour (synthetic)",
                "MARAC referral Made", "Not made: Suspect in custody (synthetic)", "kept by the central referral unit")) {
            assertTrue(text.contains(expected), "the PDF says \"" + expected + "\"; it reads: " + text);
        }
        assertTrue(text.contains(ABUSER.split(" ")[0]) && text.contains("Does " + ABUSER) || text.contains(ABUSER + " "),
                "the questions name the abuser as the officer read them out");
        assertTrue(text.contains(POLICY.criterionLabel(r.grading().criteria().get(0))), "criteria in the policy's words: " + text);
        assertFalse(text.contains("(....") || text.contains("(…"), "no placeholder left in a question");
        assertTrue(text.contains("Source:") && text.contains(PACKS.require("dash-2009").title()), "the pack's source line");

        assertEquals("MARAC-referral-0192e9a4-r1.pdf", referral.fileName(), "the file name carries no name or reference");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            String meta = String.valueOf(doc.getDocumentInformation().getTitle()) + doc.getDocumentInformation().getSubject()
                    + doc.getDocumentInformation().getKeywords() + doc.getDocumentInformation().getAuthor();
            assertFalse(meta.contains("Siân") || meta.contains("Łukasz") || meta.contains("KNT-"), meta);
        }
        try (var listing = Files.list(dir)) {
            assertEquals(List.of(file), listing.toList(), "written whole: no temporary file left beside it");
        }
    }

    @Test
    void aLongRecordFlowsOntoMorePagesAndMissingFieldsAreVisiblyBlank() throws Exception {
        Revision r = highRisk("A long synthetic comment. ".repeat(150));
        AssessmentContent bare = r.content().withPeople(new People(null, List.of(), List.of(), null, "Victim would not give it (synthetic)"));
        Revision unnamed = Revision.freeze(r.assessmentId(), UUID.randomUUID(), null, 1, null, r.createdAt(), "4471", bare, r.grading());
        byte[] pdf = PdfWriter.render(MaracReferral.of(unnamed, PACKS, POLICY, "4471", Instant.parse("2026-11-24T09:00:00Z"), LONDON));
        String text = text(pdf).replaceAll("\\s+", " ");
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            assertTrue(doc.getNumberOfPages() >= 2, "the comment runs onto a second page");
            assertTrue(text.contains("Page " + doc.getNumberOfPages() + " of " + doc.getNumberOfPages()));
        }
        assertTrue(text.contains("Name Not known: Victim would not give it (synthetic)"), text);
        assertTrue(text.contains("Person(s) causing harm Name Not recorded"), text);
    }

    @Test
    void aPurgedRevisionIsRefusedInWords() {
        Revision r = highRisk("x");
        Revision purged = new Revision(r.assessmentId(), r.revisionId(), null, 1, null, r.createdAt(), "4471", null, r.grading(), r.contentHash());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MaracReferral.of(purged, PACKS, POLICY, "4471", Instant.now(), LONDON));
        assertTrue(e.getMessage().contains("no longer on this laptop"), e.getMessage());
    }

    @Test
    void theDashSummaryHasEveryQuestionWithItsAnswerInWords() throws Exception {
        Revision r = highRisk("Cut to lip");
        AssessmentContent c = r.content().withAnswer(Answer.notAsked("Q27", "victim_declined"));
        Revision withGap = Revision.freeze(r.assessmentId(), UUID.randomUUID(), null, 1, null, r.createdAt(), "4471", c,
                new GradingEngine(PACKS, POLICY).grade(c.gradingInput()));
        CaseDocument summary = DashSummary.of(withGap, PACKS, POLICY, "PC Test Example (collar 4471)",
                Instant.parse("2026-11-24T09:00:00Z"), LONDON);
        assertEquals("DASH-summary-0192e9a4-r1.pdf", summary.fileName());
        String text = text(PdfWriter.render(summary)).replaceAll("\\s+", " ");
        for (String expected : List.of("DASH risk assessment summary", "Date printed 24/11/2026", VICTIM, ABUSER,
                "Has the current incident resulted in injury? Answer: Yes Comment: Cut to lip Source: neighbour (synthetic)",
                "Answer: No", "Not asked: " + POLICY.notAskedLabel("victim_declined"), "Risk level High", "MARAC referral Made")) {
            assertTrue(text.contains(expected), "the summary says \"" + expected + "\"; it reads: " + text);
        }
        for (int n = 1; n <= 27; n++) {
            assertTrue(text.contains("Q" + n + " "), "Q" + n + " is in the summary");
        }
    }
}
