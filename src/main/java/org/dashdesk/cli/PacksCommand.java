package org.dashdesk.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.PolicyRegistry;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;

/**
 * {@code packs [--pack-dir DIR]}: lists the loaded packs with versions and sources, the grading
 * policies and which is in force, and every refused file (exit 1 when any was refused).
 */
final class PacksCommand implements Command {

    @Override
    public String name() {
        return "packs";
    }

    @Override
    public String summary() {
        return "packs [--pack-dir DIR]   list instrument packs (version, source, copyright) and grading policies";
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
        PolicyRegistry policies = PolicyRegistry.load(dir);
        PackRegistry registry = policies.packs();
        for (InstrumentPack p : registry.all()) {
            out.printf("%-10s %-20s %3d questions  %s%n", p.id(), p.version(), p.questions().size(), p.title());
            out.println("           source:    " + p.source());
            out.println("           copyright: " + p.copyright());
            if (p.supplements() != null) {
                out.println("           supplements: " + p.supplements());
            }
            out.println("           from: " + p.origin());
        }
        out.println("grading policies:");
        for (GradingPolicy p : policies.all()) {
            out.printf("%-20s %-10s grades %s%s%n", p.id(), p.version(), p.packId(), policies.isInForce(p.id()) ? "  (in force)" : "");
            out.println("           from: " + policies.origin(p.id()));
        }
        policies.problems().forEach(problem -> err.println("refused: " + problem));
        return policies.problems().isEmpty() ? 0 : 1;
    }
}
