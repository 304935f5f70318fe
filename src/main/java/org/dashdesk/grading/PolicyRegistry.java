package org.dashdesk.grading;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.dashdesk.instrument.ForcePackCheck;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.instrument.PackValidationException;
import org.dashdesk.json.StrictJson;

/**
 * The packs and grading policies of this installation, loaded together because each is checked
 * against the other (decision 0004). A force's pack directory may hold, besides its pack files:
 * <pre>
 * policies/*.json        grading policies (same format as the built-in dash-2009-default.json)
 * policies/in-force.json {"dash-2009": "kent-2026"}: which policy grades each main pack
 * </pre>
 * A bad file is refused with its file and JSON path and everything else still loads, so an
 * officer can always grade: without a valid choice in {@code in-force.json} the built-in policy of
 * the pack is in force. A force pack that overrides a built-in pack but lacks questions a built-in
 * policy counts is refused and the built-in pack stays, since the built-in policy must keep working.
 */
public final class PolicyRegistry {

    /** The sub-folder of the pack directory that holds policy files. */
    public static final String POLICY_FOLDER = "policies";
    /** The file in {@link #POLICY_FOLDER} that names the policy in force for each main pack; not a policy. */
    public static final String IN_FORCE_FILE = "in-force.json";

    /** Built-in policies, in the order they are listed. */
    static final List<String> BUILT_IN = List.of(GradingPolicy.DEFAULT_ID);

    private final PackRegistry packs;
    /** Policy id → policy, built-in first, then force files in name order. */
    private final Map<String, GradingPolicy> policies;
    private final Map<String, String> origins;
    /** Main pack id → id of the policy in force for it. */
    private final Map<String, String> inForce;
    private final List<PolicyValidationException> problems;

    private PolicyRegistry(PackRegistry packs, Map<String, GradingPolicy> policies, Map<String, String> origins,
            Map<String, String> inForce, List<PolicyValidationException> problems) {
        this.packs = packs;
        this.policies = Collections.unmodifiableMap(policies);
        this.origins = Collections.unmodifiableMap(origins);
        this.inForce = Collections.unmodifiableMap(inForce);
        this.problems = List.copyOf(problems);
    }

    /** Built-in packs and policies only. */
    public static PolicyRegistry builtIn() {
        return load(null);
    }

    /** Built-in packs and policies plus a force's pack directory (may be null or absent). */
    public static PolicyRegistry load(Path packDirectory) {
        Map<String, GradingPolicy> policies = new LinkedHashMap<>();
        Map<String, String> origins = new LinkedHashMap<>();
        for (String id : BUILT_IN) {
            policies.put(id, GradingPolicy.builtIn(id));
            origins.put(id, "built-in " + id + ".json");
        }
        List<GradingPolicy> builtIns = List.copyOf(policies.values());
        PackRegistry packs = PackRegistry.load(packDirectory, keepsWhatBuiltInPoliciesCount(builtIns));
        for (GradingPolicy p : builtIns) {
            try {
                p.checkAgainst(packs, origins.get(p.id()));
            } catch (PolicyValidationException e) {
                throw new IllegalStateException("built-in policy does not fit the built-in packs: " + e.getMessage(), e);
            }
        }
        List<PolicyValidationException> problems = new ArrayList<>();
        Path folder = packDirectory == null ? null : packDirectory.resolve(POLICY_FOLDER);
        if (folder != null && Files.isDirectory(folder)) {
            for (Path file : policyFiles(folder, problems)) {
                try (InputStream in = Files.newInputStream(file)) {
                    GradingPolicy policy = GradingPolicy.read(in, file.toString());
                    if (policies.containsKey(policy.id())) {
                        // Revisions record only id and version: two files with one id could not be told apart later.
                        throw new PolicyValidationException(file.toString(), "$.id", "policy id '" + policy.id()
                                + "' is already given by " + origins.get(policy.id()) + "; a force policy needs an id of its own");
                    }
                    policy.checkAgainst(packs, file.toString());
                    policies.put(policy.id(), policy);
                    origins.put(policy.id(), file.toString());
                } catch (PolicyValidationException e) {
                    problems.add(e);
                } catch (IOException e) {
                    problems.add(new PolicyValidationException(file.toString(), "$", "cannot be read: " + e.getMessage()));
                }
            }
        }
        Map<String, String> inForce = new LinkedHashMap<>();
        for (GradingPolicy p : builtIns) {
            inForce.putIfAbsent(p.packId(), p.id());
        }
        if (folder != null && Files.isRegularFile(folder.resolve(IN_FORCE_FILE))) {
            readInForce(folder.resolve(IN_FORCE_FILE), packs, policies, inForce, problems);
        }
        return new PolicyRegistry(packs, policies, origins, inForce, problems);
    }

    private static List<Path> policyFiles(Path folder, List<PolicyValidationException> problems) {
        List<Path> files = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(folder, "*.json")) {
            dir.forEach(f -> {
                if (!f.getFileName().toString().equals(IN_FORCE_FILE)) {
                    files.add(f);
                }
            });
        } catch (IOException e) {
            problems.add(new PolicyValidationException(folder.toString(), "$", "directory cannot be read: " + e.getMessage()));
        }
        Collections.sort(files);
        return files;
    }

    /** Entries that are wrong are refused one by one; the pack keeps its built-in policy. */
    private static void readInForce(Path file, PackRegistry packs, Map<String, GradingPolicy> policies,
            Map<String, String> inForce, List<PolicyValidationException> problems) {
        JsonNode root;
        try {
            root = StrictJson.read(Files.readAllBytes(file));
        } catch (StrictJson.Malformed e) {
            problems.add(new PolicyValidationException(file.toString(), e.jsonPath(), e.getMessage()));
            return;
        } catch (IOException e) {
            problems.add(new PolicyValidationException(file.toString(), "$", "cannot be read: " + e.getMessage()));
            return;
        }
        if (root == null || !root.isObject()) {
            problems.add(new PolicyValidationException(file.toString(), "$",
                    "must be a JSON object of main pack id → policy id, e.g. {\"dash-2009\": \"kent-2026\"}"));
            return;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String path = "$." + e.getKey();
            Optional<InstrumentPack> pack = packs.find(e.getKey());
            GradingPolicy policy = e.getValue().isTextual() ? policies.get(e.getValue().asText()) : null;
            String problem;
            if (pack.isEmpty() || !pack.get().isMain()) {
                problem = "no main pack with id '" + e.getKey() + "'";
            } else if (!e.getValue().isTextual()) {
                problem = "must be a policy id as text";
            } else if (policy == null) {
                problem = "no loaded policy with id '" + e.getValue().asText() + "' (a policy file that was refused is not loaded)";
            } else if (!policy.packId().equals(e.getKey())) {
                problem = "policy '" + policy.id() + "' grades pack '" + policy.packId() + "', not '" + e.getKey() + "'";
            } else {
                inForce.put(e.getKey(), policy.id());
                continue;
            }
            String fallback = inForce.get(e.getKey());
            problems.add(new PolicyValidationException(file.toString(), path, problem
                    + (fallback == null ? "" : "; policy '" + fallback + "' stays in force")));
        }
    }

    /**
     * Refuses a force override of a built-in pack that lacks (or no longer asks as yes/no) a
     * question a built-in policy reads: that policy could not count it, and every grading under it
     * would silently be lower.
     */
    static ForcePackCheck keepsWhatBuiltInPoliciesCount(List<GradingPolicy> builtIns) {
        return (pack, builtIn) -> {
            if (builtIn == null) {
                return;
            }
            for (GradingPolicy policy : builtIns) {
                if (policy.packId().equals(builtIn.id()) && !pack.isMain()) {
                    throw new PackValidationException(pack.origin(), "$.supplements", "an override of '" + builtIn.id()
                            + "' must stay a main pack: the built-in grading policy '" + policy.id() + "' grades it");
                }
                List<String> missing = policy.questionsNamed().stream()
                        .filter(id -> builtIn.question(id).isPresent())
                        .filter(id -> pack.question(id).map(q -> !q.kind().hasChoice()).orElse(true))
                        .toList();
                if (!missing.isEmpty()) {
                    throw new PackValidationException(pack.origin(), "$.sections", "lacks " + String.join(", ", missing)
                            + " as yes/no question" + (missing.size() == 1 ? "" : "s") + ", which the built-in grading policy '"
                            + policy.id() + "' counts; an override of '" + builtIn.id() + "' must keep every question that policy counts");
                }
            }
        };
    }

    /** The packs, loaded with the check above. */
    public PackRegistry packs() {
        return packs;
    }

    /** Every loaded policy, built-in first. */
    public Collection<GradingPolicy> all() {
        return policies.values();
    }

    public Optional<GradingPolicy> find(String id) {
        return Optional.ofNullable(policies.get(id));
    }

    /** The file a policy was loaded from, for listings. */
    public String origin(String policyId) {
        return origins.get(policyId);
    }

    /**
     * The policy that grades {@code packId}: the one {@code in-force.json} names, else the pack's
     * built-in policy.
     *
     * @throws GradingException naming {@code pack} when the pack is unknown or no policy grades it
     */
    public GradingPolicy inForce(String packId) {
        if (packId == null || packId.isBlank()) {
            throw new GradingException("pack", "missing");
        }
        if (packs.find(packId).isEmpty()) {
            throw new GradingException("pack", "unknown pack '" + packId + "'");
        }
        String id = inForce.get(packId);
        if (id == null) {
            throw new GradingException("pack", "no grading policy is in force for pack '" + packId + "'; name one in "
                    + POLICY_FOLDER + "/" + IN_FORCE_FILE);
        }
        return policies.get(id);
    }

    /** Whether {@code policyId} is the one in force for its pack (for listings). */
    public boolean isInForce(String policyId) {
        return inForce.containsValue(policyId);
    }

    /** Policy files and in-force entries refused at load, each naming its file and JSON path. */
    public List<PolicyValidationException> policyProblems() {
        return problems;
    }

    /** Everything refused at load, packs then policies, as messages naming file and JSON path. */
    public List<String> problems() {
        return Stream.concat(packs.problems().stream().map(PackValidationException::getMessage),
                problems.stream().map(PolicyValidationException::getMessage)).toList();
    }
}
