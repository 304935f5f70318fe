package org.dashdesk.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.instrument.PackValidationException;

/** {@code packs [--pack-dir DIR]}: lists the loaded packs with versions and sources, and refused files. */
final class PacksCommand implements Command {

    @Override
    public String name() {
        return "packs";
    }

    @Override
    public String summary() {
        return "packs [--pack-dir DIR]   list instrument packs with version, source and copyright";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        Path dir = null;
        if (args.size() == 2 && args.get(0).equals("--pack-dir")) {
            dir = Path.of(args.get(1));
        } else if (!args.isEmpty()) {
            err.println("packs: usage: packs [--pack-dir DIR]");
            return 2;
        }
        PackRegistry registry = PackRegistry.load(dir);
        for (InstrumentPack p : registry.all()) {
            out.printf("%-10s %-20s %3d questions  %s%n", p.id(), p.version(), p.questions().size(), p.title());
            out.println("           source:    " + p.source());
            out.println("           copyright: " + p.copyright());
            if (p.supplements() != null) {
                out.println("           supplements: " + p.supplements());
            }
            out.println("           from: " + p.origin());
        }
        for (PackValidationException problem : registry.problems()) {
            err.println("refused: " + problem.getMessage());
        }
        return registry.problems().isEmpty() ? 0 : 1;
    }
}
