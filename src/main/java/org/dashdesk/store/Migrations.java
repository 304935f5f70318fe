package org.dashdesk.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny migration runner (see decision 0010): numbered SQL resources applied in order, each
 * recorded in {@code schema_version}. A database newer than this code is refused, never touched.
 */
final class Migrations {

    static final String RESOURCE_DIR = "/org/dashdesk/store/migrations/";

    /** Every migration, in order. A test checks this matches the resources on disk. */
    static final List<String> SCRIPTS = List.of("V1__initial.sql", "V2__return_notes.sql", "V3__audit_sequence_cache.sql",
            "V4__audit_chain.sql", "V5__retention.sql", "V6__list_columns.sql", "V7__answer_rows_are_a_drafts.sql",
            "V8__retention_due.sql", "V9__list_index_in_list_order.sql",
            "V10__history_flags.sql");

    private static final Pattern NAME = Pattern.compile("V(\\d+)__([A-Za-z0-9_]+)\\.sql");

    record Script(int version, String description, String resource) {
    }

    private Migrations() {
    }

    static List<Script> scripts() {
        List<Script> out = new ArrayList<>();
        for (String name : SCRIPTS) {
            Matcher m = NAME.matcher(name);
            if (!m.matches()) {
                throw new IllegalStateException("migration name " + name + " is not V<number>__<description>.sql");
            }
            int version = Integer.parseInt(m.group(1));
            if (version != out.size() + 1) {
                throw new IllegalStateException("migration " + name + " is out of sequence: expected V" + (out.size() + 1));
            }
            out.add(new Script(version, m.group(2).replace('_', ' '), RESOURCE_DIR + name));
        }
        return out;
    }

    static int latestVersion() {
        return SCRIPTS.size();
    }

    /** Applies what is missing; returns the schema version afterwards. */
    static int migrate(Connection c, String fileForMessages) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INT PRIMARY KEY, description VARCHAR(200) NOT NULL, "
                    + "applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        }
        int current = currentVersion(c);
        refuseNewer(current, fileForMessages);
        for (Script script : scripts()) {
            if (script.version() <= current) {
                continue;
            }
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                try (Statement s = c.createStatement()) {
                    for (String sql : statements(read(script.resource()))) {
                        s.execute(sql);
                    }
                }
                if (script.version() == 4) {
                    // The one step SQL cannot do: hash the rows written before the chain, in order.
                    AuditChain.chainExisting(c);
                }
                if (script.version() == 6) {
                    // The list columns of rows written before them, from each row's content.
                    ListColumns.fillExisting(c);
                }
                try (PreparedStatement p = c.prepareStatement("INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
                    p.setInt(1, script.version());
                    p.setString(2, script.description());
                    p.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
                    p.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(auto);
            }
        }
        return currentVersion(c);
    }

    /** Refuses a database written by a newer DASH Desk; safe on a read-only connection. */
    static void refuseNewer(Connection c, String fileForMessages) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'SCHEMA_VERSION'")) {
            r.next();
            if (r.getInt(1) == 0) {
                return;
            }
        }
        refuseNewer(currentVersion(c), fileForMessages);
    }

    private static void refuseNewer(int current, String fileForMessages) {
        if (current > latestVersion()) {
            throw new org.dashdesk.assessment.StoreException("The database " + fileForMessages + " was written by a newer DASH Desk (schema "
                    + current + ", this version knows up to " + latestVersion() + "). Update DASH Desk; the database has not been changed.");
        }
    }

    static int currentVersion(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
            r.next();
            return r.getInt(1);
        }
    }

    /** Splits a script at lines ending in ';', after dropping "--" comments. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : script.split("\\R")) {
            int comment = line.indexOf("--");
            String code = (comment >= 0 ? line.substring(0, comment) : line).stripTrailing();
            if (code.isBlank()) {
                continue;
            }
            current.append(code).append('\n');
            if (code.endsWith(";")) {
                String sql = current.toString().strip();
                out.add(sql.substring(0, sql.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            throw new IllegalStateException("migration script ends without ';' after: " + current.toString().strip());
        }
        return out;
    }

    private static String read(String resource) {
        try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("migration resource " + resource + " is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + resource, e);
        }
    }
}
