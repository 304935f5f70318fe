package org.dashdesk.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Dispatches {@code java -jar dashdesk.jar COMMAND …} to one picocli command class per command.
 * picocli parses the typed options and writes the help; usage errors are one line on stderr and
 * exit 2; a command's own exit code is 0 success, 1 failure at run time, 2 bad input.
 */
public final class Cli {

    /** The root: lists the commands. No command at all starts the desktop app (see {@code Launcher}). */
    @Command(name = "java -jar dashdesk.jar", mixinStandardHelpOptions = true, version = "DASH Desk",
            description = "DASH Desk headless commands (no command: start the desktop app).",
            subcommands = CommandLine.HelpCommand.class)
    static final class Root implements java.util.concurrent.Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** No command: the list of commands, as {@code --help}. */
        @Override
        public Integer call() {
            spec.commandLine().usage(spec.commandLine().getOut());
            return 0;
        }
    }

    private final Io io;

    public Cli(InputStream in, PrintStream out, PrintStream err) {
        this.io = new Io(in, out, err);
    }

    /** The command line with every command registered, writing to this Cli's streams. */
    CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Root());
        cl.addSubcommand(new CommandLine(new GradeCommand(io)));
        cl.addSubcommand(new CommandLine(new PacksCommand(io)));
        cl.addSubcommand(ServerCommand.commandLine(io));
        cl.addSubcommand(new CommandLine(new SetupCommand(io)));
        cl.addSubcommand(new CommandLine(new ImportCommand(io)));
        cl.addSubcommand(new CommandLine(new SyncCommand(io)));
        cl.addSubcommand(new CommandLine(new ReportCommand(io)));
        cl.addSubcommand(AuditCommand.commandLine(io));
        configure(cl, io);
        return cl;
    }

    /** Streams, one-line usage errors (exit 2) and one-line run-time failures (exit 1). */
    static CommandLine configure(CommandLine cl, Io io) {
        cl.setOut(new PrintWriter(io.out(), true));
        cl.setErr(new PrintWriter(io.err(), true));
        cl.setParameterExceptionHandler((e, args) -> {
            io.err().println(qualifiedName(e.getCommandLine()) + ": " + e.getMessage()
                    + " (see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            // A last resort so an operator sees one line, not a stack trace; no answer data is printed.
            io.err().println(qualifiedName(commandLine) + ": failed: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()));
            return 1;
        });
        return cl;
    }

    /** "import", "server token": the command as typed, without the jar. */
    private static String qualifiedName(CommandLine cl) {
        String q = cl.getCommandSpec().qualifiedName(" ");
        String root = "java -jar dashdesk.jar";
        return q.startsWith(root + " ") ? q.substring(root.length() + 1) : q.equals(root) ? "dashdesk" : q;
    }

    public int run(List<String> args) {
        return commandLine().execute(args.toArray(String[]::new));
    }
}
