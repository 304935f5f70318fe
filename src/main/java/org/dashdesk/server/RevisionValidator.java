package org.dashdesk.server;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.dashdesk.assessment.Revision;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingException;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.GradingResult;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.protocol.Protocol;
import org.dashdesk.protocol.RevisionUpload;

/**
 * Decides whether an uploaded revision is one the server can stand behind: well formed, its hash
 * matching its content, written against a pack version the server knows, and graded exactly as
 * the server grades it under the policy it names. Pure: no storage, no clock.
 */
final class RevisionValidator {

    /** Why an upload was refused: the JSON path at fault and a sentence without content data. */
    record Refusal(String field, String reason) {
    }

    private final PackRegistry packs;
    private final Map<String, GradingEngine> enginesByPolicy;
    private final Map<String, GradingPolicy> policies;

    RevisionValidator(PackRegistry packs, List<GradingPolicy> policies) {
        this.packs = packs;
        this.enginesByPolicy = policies.stream().collect(Collectors.toMap(p -> key(p.id(), p.version()),
                p -> new GradingEngine(packs, p), (a, b) -> a));
        this.policies = policies.stream().collect(Collectors.toMap(p -> key(p.id(), p.version()), p -> p, (a, b) -> a));
    }

    PackRegistry packs() {
        return packs;
    }

    /** The grading policy a revision was graded under, when this server holds it. */
    Optional<GradingPolicy> policy(String id, String version) {
        return Optional.ofNullable(policies.get(key(id, version)));
    }

    private static String key(String id, String version) {
        return id + "@" + version;
    }

    Optional<Refusal> check(UUID pathAssessment, UUID pathRevision, RevisionUpload upload) {
        if (upload.protocol() != Protocol.VERSION) {
            return refuse("protocol", "protocol " + upload.protocol() + " is not supported; this server speaks " + Protocol.VERSION);
        }
        if (upload.deviceId() == null || upload.deviceId().isBlank()) {
            return refuse("deviceId", "missing");
        }
        if (upload.deviceSeq() <= 0) {
            return refuse("deviceSeq", "must be 1 or more");
        }
        Revision r = upload.revision();
        if (r == null) {
            return refuse("revision", "missing");
        }
        if (!pathAssessment.equals(r.assessmentId())) {
            return refuse("revision.assessmentId", "does not match the assessment id in the address");
        }
        if (!pathRevision.equals(r.revisionId())) {
            return refuse("revision.revisionId", "does not match the revision id in the address");
        }
        if (r.revisionNumber() < 1) {
            return refuse("revision.revisionNumber", "must be 1 or more");
        }
        if ((r.revisionNumber() == 1) != (r.baseRevisionId() == null)) {
            return refuse("revision.baseRevisionId", "revision 1 has no base revision and every later revision has one");
        }
        if (r.createdAt() == null) {
            return refuse("revision.createdAt", "missing");
        }
        if (r.createdBy() == null || r.createdBy().isBlank()) {
            return refuse("revision.createdBy", "missing");
        }
        if (r.content() == null) {
            return refuse("revision.content", "missing");
        }
        if (r.grading() == null) {
            return refuse("revision.grading", "missing");
        }
        if (r.contentHash() == null || !r.verify()) {
            return refuse("revision.contentHash", "does not match the revision's content (hash mismatch)");
        }
        Optional<Refusal> people = people(r);
        if (people.isPresent()) {
            return people;
        }
        String packId = r.content().packId();
        Optional<InstrumentPack> pack = packId == null ? Optional.empty() : packs.find(packId);
        if (pack.isEmpty()) {
            return refuse("revision.content.packId", "unknown pack '" + packId + "'");
        }
        if (!pack.get().version().equals(r.content().packVersion())) {
            return refuse("revision.content.packVersion", "unknown pack version '" + r.content().packVersion() + "' of '"
                    + packId + "'; this server has version " + pack.get().version());
        }
        GradingResult claimed = r.grading();
        GradingEngine engine = enginesByPolicy.get(key(claimed.policyId(), claimed.policyVersion()));
        if (engine == null) {
            return refuse("revision.grading.policyVersion", "unknown grading policy '" + claimed.policyId() + "' version '"
                    + claimed.policyVersion() + "'");
        }
        GradingResult recomputed;
        try {
            recomputed = engine.grade(r.content().gradingInput());
        } catch (GradingException e) {
            return refuse("revision.content", "cannot be graded: " + e.getMessage());
        }
        if (!recomputed.equals(claimed)) {
            return refuse("revision.grading", "the server grades this revision differently: " + difference(claimed, recomputed));
        }
        return Optional.empty();
    }

    /**
     * The details that link assessments (issue 12): a date of birth after the revision was made,
     * an age out of range, a postcode that is not one, details for an abuser not named. The
     * field is named; the value never is.
     */
    private static Optional<Refusal> people(Revision r) {
        org.dashdesk.assessment.People p = r.content().people();
        java.time.LocalDate made = r.createdAt().atOffset(java.time.ZoneOffset.UTC).toLocalDate().plusDays(1);
        if (p.victimDetails() != null) {
            for (org.dashdesk.assessment.PersonDetails.Problem problem : p.victimDetails().problems(made)) {
                return refuse("revision.content.people.victimDetails." + problem.field(), problem.message());
            }
        }
        for (java.util.Map.Entry<String, org.dashdesk.assessment.PersonDetails> e : p.abuserDetails().entrySet()) {
            if (!p.abuserNames().contains(e.getKey())) {
                return refuse("revision.content.people.abuserDetails", "details are given for a person not named as an abuser");
            }
            for (org.dashdesk.assessment.PersonDetails.Problem problem : e.getValue().problems(made)) {
                return refuse("revision.content.people.abuserDetails[" + p.abuserNames().indexOf(e.getKey()) + "]." + problem.field(),
                        problem.message());
            }
        }
        for (int i = 0; i < p.dependants().size(); i++) {
            Optional<String> problem = p.dependants().get(i).problem(made);
            if (problem.isPresent()) {
                return refuse("revision.content.people.dependants[" + i + "].ageOrDateOfBirth", problem.get());
            }
        }
        return Optional.empty();
    }

    /** The engine of a policy this server grades with, by id and version. */
    Optional<GradingEngine> engine(String policyId, String policyVersion) {
        return Optional.ofNullable(enginesByPolicy.get(key(policyId, policyVersion)));
    }

    /** Names what differs, using only levels, counts and criteria codes (no answers). */
    private static String difference(GradingResult claimed, GradingResult server) {
        if (claimed.level() != server.level()) {
            return "level " + claimed.level().jsonName() + " sent, " + server.level().jsonName() + " computed";
        }
        if (claimed.computedLevel() != server.computedLevel()) {
            return "computed level " + claimed.computedLevel().jsonName() + " sent, " + server.computedLevel().jsonName() + " computed";
        }
        if (claimed.yesCount() != server.yesCount()) {
            return "yes count " + claimed.yesCount() + " sent, " + server.yesCount() + " computed";
        }
        if (!claimed.criteria().equals(server.criteria())) {
            return "criteria " + claimed.criteria() + " sent, " + server.criteria() + " computed";
        }
        if (claimed.maracReferral() != server.maracReferral()) {
            return "MARAC referral " + claimed.maracReferral() + " sent, " + server.maracReferral() + " computed";
        }
        return "the explanation (reasons, pack scores or unanswered questions) differs";
    }

    private static Optional<Refusal> refuse(String field, String reason) {
        return Optional.of(new Refusal(field, reason));
    }

}
