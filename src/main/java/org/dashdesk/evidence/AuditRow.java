package org.dashdesk.evidence;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One audit row as the chain sees it. {@link #rowHash} is the SHA-256 of every other field,
 * including the hash of the previous row of the same assessment ({@link #assessmentPrev}) and of
 * the previous row of the whole log ({@link #logPrev}): editing a row changes its hash, and
 * deleting, reordering or inserting one breaks the link the next row holds. The first row of an
 * assessment, and of the log, links to the empty string.
 *
 * @param role empty on the laptop (its audit has no role column)
 */
public record AuditRow(long seq, UUID assessmentId, Instant at, String actor, String role, String what, String assessmentPrev,
        String logPrev, String rowHash) {

    /** Version tag of the canonical form: a future change of form gets a new tag, never a silent change. */
    static final String FORM = "dashdesk-audit/1";

    /** Timestamps are chained at millisecond precision: both databases give that back exactly. */
    public static Instant chainTime(Instant at) {
        return at.truncatedTo(ChronoUnit.MILLIS);
    }

    /** The hash this row should carry, computed from its content and links. */
    public String expectedHash() {
        return hash(seq, assessmentId, at, actor, role, what, assessmentPrev, logPrev);
    }

    /** A new row, linked and hashed. */
    public static AuditRow link(long seq, UUID assessmentId, Instant at, String actor, String role, String what,
            String assessmentPrev, String logPrev) {
        Instant t = chainTime(at);
        String ap = assessmentPrev == null ? "" : assessmentPrev;
        String lp = logPrev == null ? "" : logPrev;
        return new AuditRow(seq, assessmentId, t, actor, role == null ? "" : role, what, ap, lp,
                hash(seq, assessmentId, t, actor, role, what, ap, lp));
    }

    /**
     * Links rows written before there was a chain, in their order ({@code seq}): what the laptop's
     * and the server's migrations do once, each writing the result with its own SQL.
     */
    public static List<AuditRow> chainInOrder(List<AuditRow> unchained) {
        Map<UUID, String> heads = new HashMap<>();
        List<AuditRow> linked = new ArrayList<>(unchained.size());
        String last = "";
        for (AuditRow r : unchained) {
            AuditRow row = link(r.seq(), r.assessmentId(), r.at(), r.actor(), r.role(), r.what(),
                    heads.getOrDefault(r.assessmentId(), ""), last);
            linked.add(row);
            last = row.rowHash();
            heads.put(r.assessmentId(), last);
        }
        return linked;
    }

    /**
     * SHA-256 over a length-prefixed form of the fields, so no choice of text can make two
     * different rows hash alike ("a|b" + "c" against "a" + "b|c").
     */
    public static String hash(long seq, UUID assessmentId, Instant at, String actor, String role, String what,
            String assessmentPrev, String logPrev) {
        StringBuilder form = new StringBuilder(256).append(FORM).append('\n');
        field(form, Long.toString(seq));
        field(form, assessmentId == null ? "" : assessmentId.toString());
        field(form, at == null ? "" : Long.toString(chainTime(at).toEpochMilli()));
        field(form, actor);
        field(form, role);
        field(form, what);
        field(form, assessmentPrev);
        field(form, logPrev);
        return sha256(form.toString());
    }

    private static void field(StringBuilder form, String value) {
        String v = value == null ? "" : value;
        form.append(v.length()).append(':').append(v).append('\n');
    }

    static String sha256(String text) {
        return HexFormat.of().formatHex(digest().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
    }
}
