package org.dashdesk.instrument;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * All packs available on this machine: the built-in ones, then a force's pack directory, whose
 * files add packs or override a built-in pack with the same id. A pack that fails validation is
 * refused and reported in {@link #problems()}; the others still load, so one bad file dropped by
 * IT never stops an officer from completing a DASH.
 */
public final class PackRegistry {

    /** Built-in packs, in the order they are shown. */
    static final List<String> BUILT_IN = List.of("dash-2009", "s-dash", "h-dash");
    private static final String RESOURCE_DIR = "/org/dashdesk/instrument/packs/";

    private final Map<String, InstrumentPack> packs;
    private final List<PackValidationException> problems;

    private PackRegistry(Map<String, InstrumentPack> packs, List<PackValidationException> problems) {
        this.packs = Collections.unmodifiableMap(packs);
        this.problems = List.copyOf(problems);
    }

    /** Built-in packs only. */
    public static PackRegistry builtIn() {
        return load(null);
    }

    /** Built-in packs plus the {@code *.json} files of {@code forceDirectory} (may be null or absent). */
    public static PackRegistry load(Path forceDirectory) {
        PackReader reader = new PackReader();
        Map<String, InstrumentPack> packs = new LinkedHashMap<>();
        List<PackValidationException> problems = new ArrayList<>();
        for (String id : BUILT_IN) {
            String resource = RESOURCE_DIR + id + ".json";
            try (InputStream in = PackRegistry.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("built-in pack missing from the jar: " + resource);
                }
                packs.put(id, reader.read(in, "built-in " + id + ".json"));
            } catch (PackValidationException e) {
                throw new IllegalStateException("built-in pack is invalid: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new IllegalStateException("built-in pack unreadable: " + resource, e);
            }
        }
        if (forceDirectory != null && Files.isDirectory(forceDirectory)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(forceDirectory, "*.json")) {
                dir.forEach(files::add);
            } catch (IOException e) {
                problems.add(new PackValidationException(forceDirectory.toString(), "$", "directory cannot be read: " + e.getMessage()));
            }
            Collections.sort(files);
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    InstrumentPack pack = reader.read(in, file.toString());
                    Map<String, InstrumentPack> candidate = new LinkedHashMap<>(packs);
                    candidate.put(pack.id(), pack);
                    checkAcrossPacks(candidate, pack);
                    packs.put(pack.id(), pack);
                } catch (PackValidationException e) {
                    problems.add(e);
                } catch (IOException e) {
                    problems.add(new PackValidationException(file.toString(), "$", "cannot be read: " + e.getMessage()));
                }
            }
        }
        return new PackRegistry(packs, problems);
    }

    /** Branch targets and supplemented packs must exist; question ids are unique across packs. */
    private static void checkAcrossPacks(Map<String, InstrumentPack> packs, InstrumentPack pack) throws PackValidationException {
        if (pack.supplements() != null) {
            InstrumentPack main = packs.get(pack.supplements());
            if (main == null) {
                throw new PackValidationException(pack.origin(), "$.supplements", "no pack with id '" + pack.supplements() + "'");
            }
            if (!main.isMain()) {
                throw new PackValidationException(pack.origin(), "$.supplements", "'" + pack.supplements() + "' is itself a supplement");
            }
        }
        Map<String, String> owner = new HashMap<>();
        for (InstrumentPack other : packs.values()) {
            if (!other.id().equals(pack.id())) {
                other.questions().forEach(q -> owner.put(q.id(), other.id()));
            }
        }
        for (int s = 0; s < pack.sections().size(); s++) {
            List<Question> qs = pack.sections().get(s).questions();
            for (int i = 0; i < qs.size(); i++) {
                Question q = qs.get(i);
                String path = "$.sections[" + s + "].questions[" + i + "]";
                if (q.branchIfYes() != null && !packs.containsKey(q.branchIfYes())) {
                    throw new PackValidationException(pack.origin(), path + ".branchIfYes", "no pack with id '" + q.branchIfYes() + "'");
                }
                if (owner.containsKey(q.id())) {
                    throw new PackValidationException(pack.origin(), path + ".id",
                            "question id '" + q.id() + "' is already used by pack '" + owner.get(q.id()) + "'");
                }
            }
        }
    }

    public Optional<InstrumentPack> find(String id) {
        return Optional.ofNullable(packs.get(id));
    }

    public InstrumentPack require(String id) {
        InstrumentPack pack = packs.get(id);
        if (pack == null) {
            throw new IllegalArgumentException("unknown pack '" + id + "'");
        }
        return pack;
    }

    public Collection<InstrumentPack> all() {
        return packs.values();
    }

    /**
     * The main pack followed by every pack it may lead to: its branch targets and the packs that
     * declare they supplement it. These together form one assessment's question set.
     */
    public List<InstrumentPack> assessmentPacks(String mainPackId) {
        InstrumentPack main = require(mainPackId);
        List<InstrumentPack> result = new ArrayList<>();
        result.add(main);
        for (Question q : main.questions()) {
            if (q.branchIfYes() != null) {
                InstrumentPack target = packs.get(q.branchIfYes());
                if (target != null && !result.contains(target)) {
                    result.add(target);
                }
            }
        }
        for (InstrumentPack p : packs.values()) {
            if (mainPackId.equals(p.supplements()) && !result.contains(p)) {
                result.add(p);
            }
        }
        return result;
    }

    /** Packs refused at load, each naming its file and JSON path. */
    public List<PackValidationException> problems() {
        return problems;
    }
}
