package org.dashdesk.evidence;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Walks an audit log in sequence order and finds the first place where it is not what was
 * written: a row whose content no longer matches its hash (edited), a row whose link does not
 * name the row before it (a row deleted, moved or slipped in), or an anchor — the store's own
 * head record, or a signed checkpoint kept outside the database — that names a row the log no
 * longer has (the tail cut off). Streaming: memory grows with the number of assessments, not rows.
 */
public final class ChainVerifier {

    /** Where the log must pass: row {@code seq} with hash {@code hash}, as recorded by {@code source}. */
    public record Anchor(long seq, String hash, String source) {
    }

    /** The first problem found: the row it is at (or the anchor's row when the row is missing) and what is wrong. */
    public record Break(long seq, UUID assessmentId, String problem) {
    }

    /** What the walk found. */
    public record Result(long rows, long lastSeq, String head, Optional<Break> firstBreak) {

        public boolean intact() {
            return firstBreak.isEmpty();
        }

        /** One line for a person: "N rows, intact" or the first break. */
        public String words() {
            if (firstBreak.isEmpty()) {
                return rows + (rows == 1 ? " row, intact" : " rows, intact");
            }
            Break b = firstBreak.get();
            return "BROKEN at row " + b.seq() + (b.assessmentId() == null ? "" : " (assessment " + b.assessmentId() + ")") + ": "
                    + b.problem() + " (" + rows + " rows read)";
        }
    }

    private final Map<UUID, String> lastByAssessment = new HashMap<>();
    private final List<Anchor> anchors = new ArrayList<>();
    private final Map<Long, Anchor> anchorBySeq = new HashMap<>();
    private final List<Long> anchorsSeen = new ArrayList<>();
    private String logHead = "";
    private long rows;
    private long lastSeq;
    private Break firstBreak;

    public ChainVerifier(List<Anchor> anchors) {
        for (Anchor a : anchors) {
            this.anchors.add(a);
            anchorBySeq.put(a.seq(), a);
        }
    }

    public ChainVerifier() {
        this(List.of());
    }

    /** The next row, in ascending {@code seq} order. */
    public void accept(AuditRow row) {
        rows++;
        if (firstBreak == null) {
            check(row);
        }
        // Keep following the chain as written, so the next row is judged against what is there.
        logHead = row.rowHash() == null ? "" : row.rowHash();
        if (row.assessmentId() != null) {
            lastByAssessment.put(row.assessmentId(), logHead);
        }
        lastSeq = row.seq();
    }

    private void check(AuditRow row) {
        if (row.seq() <= lastSeq) {
            firstBreak = new Break(row.seq(), row.assessmentId(), "rows are out of order (row " + row.seq() + " comes after row " + lastSeq + ")");
            return;
        }
        if (row.rowHash() == null || row.rowHash().isBlank()) {
            firstBreak = new Break(row.seq(), row.assessmentId(), "the row has no chain hash: it was added outside DASH Desk");
            return;
        }
        if (!row.rowHash().equals(row.expectedHash())) {
            firstBreak = new Break(row.seq(), row.assessmentId(), "the row was changed after it was written (its content no longer matches its hash)");
            return;
        }
        if (!logHead.equals(nullToEmpty(row.logPrev()))) {
            firstBreak = new Break(row.seq(), row.assessmentId(), rows == 1 && !nullToEmpty(row.logPrev()).isEmpty()
                    ? "the rows before it are missing (it links to a row the log no longer has)"
                    : "the row before it in the log is missing, was moved, or a row was slipped in (the links do not match)");
            return;
        }
        String previousOfAssessment = lastByAssessment.getOrDefault(row.assessmentId(), "");
        if (!previousOfAssessment.equals(nullToEmpty(row.assessmentPrev()))) {
            firstBreak = new Break(row.seq(), row.assessmentId(),
                    "this assessment's previous audit row is missing or was moved (the assessment's links do not match)");
            return;
        }
        Anchor anchor = anchorBySeq.get(row.seq());
        if (anchor != null) {
            anchorsSeen.add(row.seq());
            if (!anchor.hash().equals(row.rowHash())) {
                firstBreak = new Break(row.seq(), row.assessmentId(), "the row differs from the one recorded by " + anchor.source());
            }
        }
    }

    /** The verdict once every row has been given. */
    public Result finish() {
        if (firstBreak == null) {
            for (Anchor a : anchors) {
                if (!anchorsSeen.contains(a.seq())) {
                    firstBreak = new Break(a.seq(), null, a.seq() > lastSeq
                            ? "the log ends at row " + lastSeq + " but " + a.source() + " records row " + a.seq() + ": rows were cut from the end"
                            : "row " + a.seq() + " recorded by " + a.source() + " is missing");
                    break;
                }
            }
        }
        return new Result(rows, lastSeq, logHead, Optional.ofNullable(firstBreak));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
