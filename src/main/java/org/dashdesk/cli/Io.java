package org.dashdesk.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** The streams a command reads and writes: the process's, or a test's. */
record Io(InputStream in, PrintStream out, PrintStream err) {
}
