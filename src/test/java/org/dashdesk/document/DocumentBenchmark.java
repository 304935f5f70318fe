package org.dashdesk.document;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's figure for the MARAC referral PDF: time to make a full referral (every factor answered,
 * a comment on each Yes, Welsh and Polish names, children, referrals) and its size, beside the
 * time to make a one-line PDF with the same embedded fonts in the same run (the floor: PDFBox and
 * font subsetting). Run: {@code mvn -B -Pbench test -Dtest=DocumentBenchmark}.
 */
@Tag("benchmark")
class DocumentBenchmark {

    @Test
    void fullReferralAgainstAOneLineDocument() throws Exception {
        Revision r = MaracReferralPdfTest.highRisk("A synthetic comment of ordinary length about what was disclosed. ".repeat(4));
        PackRegistry packs = PackRegistry.builtIn();
        GradingPolicy policy = GradingPolicy.builtInDefault();
        CaseDocument oneLine = new CaseDocument("One line", List.of(new DocumentSection("Only", List.of(DocumentSection.Line.paragraph(
                "Siân Ŵyn Llŷr")))), List.of(), "x.pdf");
        for (int i = 0; i < 10; i++) {
            PdfWriter.render(MaracReferral.of(r, packs, policy, "PC Test", Instant.now(), ZoneId.of("Europe/London")));
            PdfWriter.render(oneLine);
        }
        List<Double> full = new ArrayList<>();
        List<Double> floor = new ArrayList<>();
        int size = 0;
        for (int i = 0; i < 40; i++) {
            long t0 = System.nanoTime();
            byte[] pdf = PdfWriter.render(MaracReferral.of(r, packs, policy, "PC Test", Instant.now(), ZoneId.of("Europe/London")));
            full.add((System.nanoTime() - t0) / 1e6);
            size = pdf.length;
            long t1 = System.nanoTime();
            PdfWriter.render(oneLine);
            floor.add((System.nanoTime() - t1) / 1e6);
        }
        Collections.sort(full);
        Collections.sort(floor);
        System.out.printf("DocumentBenchmark: full MARAC referral p50 %.0f ms, p99 %.0f ms, %d KB; one-line PDF p50 %.0f ms"
                + " (ratio %.1f×)%n", full.get(20), full.get(39), size / 1024, floor.get(20), full.get(20) / floor.get(20));
    }
}
