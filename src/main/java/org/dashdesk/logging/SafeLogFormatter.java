package org.dashdesk.logging;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.UUID;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Formats log records so that nothing an officer typed can reach a log file:
 * <ul>
 * <li>parameters ({@code {0}}) are shown only when they are numbers, booleans, enum constants,
 * UUIDs, times, durations or classes; any other value, text above all, prints as
 * {@code [redacted text]} — log ids, counts and states, never content;</li>
 * <li>exceptions print as their types and stack frames, never their messages (which often quote
 * input, SQL values or file content);</li>
 * <li>the message text itself is scrubbed of things that look like e-mail addresses, bearer
 * tokens and long secrets, for a mistake made by string concatenation.</li>
 * </ul>
 */
public final class SafeLogFormatter extends Formatter {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)}");
    private static final Pattern EMAIL = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|token|password|secret)(\\s*[:=]?\\s*)\\S+");
    private static final Pattern LONG_SECRET = Pattern.compile("[A-Za-z0-9+/_=-]{24,}");
    private static final Pattern UUID_TEXT = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Override
    public String format(LogRecord record) {
        StringBuilder line = new StringBuilder(160)
                .append(Instant.ofEpochMilli(record.getMillis()))
                .append(' ').append(record.getLevel().getName())
                .append(' ').append(shortName(record.getLoggerName()))
                .append(": ").append(scrub(fill(record.getMessage(), record.getParameters())))
                .append(System.lineSeparator());
        Throwable thrown = record.getThrown();
        String prefix = "  ";
        while (thrown != null) {
            line.append(prefix).append(thrown.getClass().getName()).append(System.lineSeparator());
            for (StackTraceElement frame : thrown.getStackTrace()) {
                line.append("    at ").append(frame).append(System.lineSeparator());
            }
            thrown = thrown.getCause();
            prefix = "  caused by ";
        }
        return line.toString();
    }

    private static String shortName(String logger) {
        if (logger == null) {
            return "-";
        }
        return logger.startsWith("org.dashdesk.") ? logger.substring("org.dashdesk.".length()) : logger;
    }

    private static String fill(String template, Object[] parameters) {
        if (template == null) {
            return "";
        }
        if (parameters == null || parameters.length == 0) {
            return template;
        }
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            int index = Integer.parseInt(m.group(1));
            String shown = index < parameters.length ? render(parameters[index]) : m.group();
            m.appendReplacement(out, Matcher.quoteReplacement(shown));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Only values that cannot carry free text are shown. */
    static String render(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof UUID
                || value instanceof TemporalAccessor || value instanceof Duration) {
            return value.toString();
        }
        if (value instanceof Enum<?> constant) {
            return constant.name();
        }
        if (value instanceof Class<?> type) {
            return type.getName();
        }
        return value instanceof CharSequence ? "[redacted text]" : "[redacted " + value.getClass().getSimpleName() + "]";
    }

    static String scrub(String text) {
        String out = EMAIL.matcher(text).replaceAll("[redacted e-mail]");
        out = BEARER.matcher(out).replaceAll("$1$2[redacted]");
        Matcher m = LONG_SECRET.matcher(out);
        StringBuilder result = new StringBuilder();
        while (m.find()) {
            String candidate = m.group();
            boolean looksSecret = candidate.chars().anyMatch(Character::isDigit) && candidate.chars().anyMatch(Character::isLetter)
                    && !UUID_TEXT.matcher(candidate).matches();
            m.appendReplacement(result, Matcher.quoteReplacement(looksSecret ? "[redacted]" : candidate));
        }
        m.appendTail(result);
        return result.toString();
    }
}
