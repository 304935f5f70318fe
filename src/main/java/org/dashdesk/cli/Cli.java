package org.dashdesk.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Dispatches {@code java -jar dashdesk.jar COMMAND …} to its {@link Command}. */
public final class Cli {

    private final InputStream in;
    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, Command> commands = new LinkedHashMap<>();

    public Cli(InputStream in, PrintStream out, PrintStream err) {
        this.in = in;
        this.out = out;
        this.err = err;
        register(new GradeCommand());
        register(new PacksCommand());
        register(new ServerCommand());
        register(new ImportCommand());
        register(new SyncCommand());
    }

    private void register(Command c) {
        commands.put(c.name(), c);
    }

    public int run(List<String> args) {
        if (args.isEmpty() || args.get(0).equals("help") || args.get(0).equals("--help") || args.get(0).equals("-h")) {
            usage(out);
            return 0;
        }
        Command c = commands.get(args.get(0));
        if (c == null) {
            err.println("unknown command '" + args.get(0) + "'");
            usage(err);
            return 2;
        }
        try {
            return c.run(args.subList(1, args.size()), in, out, err);
        } catch (RuntimeException e) {
            // A last resort so an operator sees one line, not a stack trace; no answer data is printed.
            err.println(c.name() + ": failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return 1;
        }
    }

    private void usage(PrintStream s) {
        s.println("usage: java -jar dashdesk.jar [COMMAND [ARGS]]");
        s.println("  (no command)  start the desktop app");
        commands.values().forEach(c -> s.printf("  %-12s  %s%n", c.name(), c.summary()));
    }
}
