package org.dashdesk.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;

/** One headless sub-command. Exit codes: 0 success, 1 failure at run time, 2 bad input or usage. */
public interface Command {

    String name();

    /** One line for the usage listing. */
    String summary();

    int run(List<String> args, InputStream in, PrintStream out, PrintStream err);
}
