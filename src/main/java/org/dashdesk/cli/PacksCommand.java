package org.dashdesk.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.grading.PolicyRegistry;
import org.dashdesk.instrument.InstrumentPack;
import org.dashdesk.instrument.PackRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code packs [--pack-dir DIR]}: lists the loaded packs with versions and sources, the grading
 * policies and which is in force, and every refused file (exit 1 when any was refused).
 */
@Command(name = "packs", mixinStandardHelpOptions = true,
        description = "List instrument packs (version, source, copyright) and grading policies; exit 1 when a file was refused.")
final class PacksCommand implements Callable<Integer> {

    @Option(names = "--pack-dir", paramLabel = "DIR", description = "the force's packs and policies")
    Path dir;

    private final Io io;

    PacksCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() {
        PrintStream out = io.out();
        PrintStream err = io.err();
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
