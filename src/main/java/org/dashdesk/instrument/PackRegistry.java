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
        return load(forceDirectory, ForcePackCheck.NONE);
    }

    /**
     * As {@link #load(Path)}, with a further condition every force pack must meet. It lets a layer
     * above (the grading policies) refuse an override that would break it, while the pack layer
     * stays unaware of grading.
     *
     * <p>Every force file is parsed first and only then are cross-references checked, each pack
     * against the whole set, so the result never depends on the order of the files' names: a
     * supplement in {@code a.json} to a main pack in {@code z.json} loads. A pack refused at that
     * stage is dropped (the built-in of the same id comes back) and the rest are checked again, since
     * a pack may have relied on the one refused.
     */
    public static PackRegistry load(Path forceDirectory, ForcePackCheck extraCheck) {
        PackReader reader = new PackReader();
        Map<String, InstrumentPack> builtIns = new LinkedHashMap<>();
        List<PackValidationException> problems = new ArrayList<>();
        for (String id : BUILT_IN) {
            String resource = RESOURCE_DIR + id + ".json";
            try (InputStream in = PackRegistry.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("built-in pack missing from the jar: " + resource);
                }
                builtIns.put(id, reader.read(in, "built-in " + id + ".json"));
            } catch (PackValidationException e) {
                throw new IllegalStateException("built-in pack is invalid: " + e.getMessage(), e);
            } catch (IOException e) {
                throw new IllegalStateException("built-in pack unreadable: " + resource, e);
            }
        }
        List<InstrumentPack> forcePacks = new ArrayList<>();
        if (forceDirectory != null && Files.isDirectory(forceDirectory)) {
            List<Path> files = new ArrayList<>();
            try (DirectoryStream<Path> dir = Files.newDirectoryStream(forceDirectory, "*.json")) {
                dir.forEach(files::add);
            } catch (IOException e) {
                problems.add(new PackValidationException(forceDirectory.toString(), "$", "directory cannot be read: " + e.getMessage()));
            }
            Collections.sort(files);
            Map<String, InstrumentPack> byId = new HashMap<>();
            for (Path file : files) {
                try (InputStream in = Files.newInputStream(file)) {
                    InstrumentPack pack = reader.read(in, file.toString());
                    InstrumentPack first = byId.putIfAbsent(pack.id(), pack);
                    if (first != null) {
                        // Neither file is obviously the right one; refusing the second (by name) keeps
                        // the choice stable and tells IT both places to look.
                        throw new PackValidationException(file.toString(), "$.id", "pack id '" + pack.id()
                                + "' is already given by " + first.origin() + "; each pack id may come from one file only");
                    }
                    forcePacks.add(pack);
                } catch (PackValidationException e) {
                    problems.add(e);
                } catch (IOException e) {
                    problems.add(new PackValidationException(file.toString(), "$", "cannot be read: " + e.getMessage()));
                }
            }
        }
        Map<String, InstrumentPack> packs = new LinkedHashMap<>();
        while (true) {
            packs.clear();
            packs.putAll(builtIns);
            forcePacks.forEach(p -> packs.put(p.id(), p));
            List<InstrumentPack> refused = new ArrayList<>();
            for (InstrumentPack pack : forcePacks) {
                try {
                    checkAcrossPacks(packs, pack);
                    extraCheck.check(pack, builtIns.get(pack.id()));
                } catch (PackValidationException e) {
                    problems.add(e);
                    refused.add(pack);
                }
            }
            if (refused.isEmpty()) {
                break;
            }
            forcePacks.removeAll(refused);
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
