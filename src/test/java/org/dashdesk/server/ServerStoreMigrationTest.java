package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.dashdesk.assessment.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Flyway owns the server schema; an older data folder still opens; the files are private and untraced. */
class ServerStoreMigrationTest {

    @TempDir
    Path dir;

    @Test
    void aDataFolderMadeByTheOldRunnerOpensKeepsItsRowsAndIsUpgraded() throws Exception {
        Path data = dir.resolve("old");
        Files.createDirectories(data);
        String url = "jdbc:h2:file:" + data.resolve(ServerStore.FILE_NAME) + ";WRITE_DELAY=0";
        String legacy = new String(getClass().getResourceAsStream("legacy-schema.sql").readAllBytes(), StandardCharsets.UTF_8);
        UUID assessment = UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            for (String ddl : legacy.replaceAll("(?m)^--.*$", "").split(";")) {
                if (!ddl.isBlank()) {
                    s.execute(ddl);
                }
            }
            s.execute("INSERT INTO srv_user (username, display_name, collar, roles, team, iterations, salt, verifier, created_at)"
                    + " VALUES ('pc1', 'Synthetic One', '1234', 'officer', 'North', 1, 's', 'v', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO srv_assessment (assessment_id, head_revision_id, head_number, head_hash, state, owner_collar,"
                    + " updated_at) VALUES ('" + assessment + "', '" + UUID.randomUUID() + "', 1, 'h', 'RETURNED', '1234',"
                    + " CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO srv_change (assessment_id, owner_collar, event, state, actor, at) VALUES ('" + assessment
                    + "', '1234', 'RETURN', 'RETURNED', '5678', CURRENT_TIMESTAMP)");
            s.execute("INSERT INTO srv_change (assessment_id, owner_collar, event, state, actor, at) VALUES ('" + assessment
                    + "', '1234', 'SIGN_OFF', 'SIGNED_OFF', '5678', CURRENT_TIMESTAMP)");
            for (String what : List.of("revision 1 received (standard), now awaiting sign-off", "returned revision 1", "signed off")) {
                s.execute("INSERT INTO srv_audit (assessment_id, at, actor, role, what) VALUES ('" + assessment
                        + "', CURRENT_TIMESTAMP, '5678', 'supervisor', '" + what + "')");
            }
        }
        try (ServerStore store = ServerStore.open(ServerStore.defaultJdbcUrl(data), null, null, 2);
                Connection c = store.dataSource().getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT user_id FROM srv_user WHERE username = 'pc1'")) {
                assertTrue(rs.next(), "the old user is still there");
                assertNotNull(rs.getObject(1, UUID.class), "and has been given its immutable id");
            }
            try (ResultSet rs = s.executeQuery("SELECT last_seq FROM srv_change_clock")) {
                assertTrue(rs.next());
                assertEquals(2, rs.getLong(1), "the change clock continues after the existing changes");
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM srv_change c JOIN srv_assessment a ON a.assessment_id = c.assessment_id"
                    + " WHERE c.team IS NOT DISTINCT FROM a.team")) {
                rs.next();
                assertEquals(2, rs.getLong(1), "old changes take their assessment's team, so supervisors still see them");
            }
            List<String> versions = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT \"version\" FROM \"srv_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
                while (rs.next()) {
                    versions.add(rs.getString(1));
                }
            }
            assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "14", "15"), versions, "baselined at 0, then every script and the Java steps");
            // Issue 14: the audit rows written before the chain are chained in their order, and verify as intact.
            var result = AuditLedger.verify(store.dataSource(), AuditLedger.headAnchor(c).stream().toList());
            assertTrue(result.intact(), result.words());
            assertEquals(3, result.rows());
        }
        // Opening again changes nothing and fails nothing.
        try (ServerStore store = ServerStore.open(ServerStore.defaultJdbcUrl(data), null, null, 2)) {
            assertTrue(store.ready());
        }
    }

    @Test
    void aFreshFolderIsPrivateItsFilesAre0600AndAFailedStatementLeavesNoTrace() throws Exception {
        Path data = dir.resolve("fresh");
        try (ServerStore store = ServerStore.open(ServerStore.defaultJdbcUrl(data), null, null, 2)) {
            // A statement that fails with a value in it: H2's default would write it to dashdesk-server.trace.db.
            StoreException e = assertThrows(StoreException.class, () -> store.transaction(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO srv_marac (assessment_id, state, note, updated_at, updated_by) VALUES"
                            + " (RANDOM_UUID(), 'REFERRED', 'Synthetic Victim Name 1 Any Street', CURRENT_TIMESTAMP, NULL)");
                }
            }));
            assertFalse(e.getMessage().contains("Synthetic Victim"), "no row values in the message: " + e.getMessage());
            assertNotNull(e.getMessage());
        }
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        try (Stream<Path> files = Files.list(data)) {
            for (Path f : files.toList()) {
                assertFalse(f.getFileName().toString().endsWith(".trace.db"), "no trace file: " + f);
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)), f.toString());
            }
        }
    }

    @Test
    void anOperatorsH2UrlIsUntracedToo() {
        assertTrue(ServerStore.hardenH2("jdbc:h2:file:/srv/x;WRITE_DELAY=0").endsWith(";TRACE_LEVEL_FILE=0"));
        assertEquals("jdbc:h2:file:/srv/x;TRACE_LEVEL_FILE=2", ServerStore.hardenH2("jdbc:h2:file:/srv/x;TRACE_LEVEL_FILE=2"));
        assertEquals("jdbc:postgresql://db/x", ServerStore.hardenH2("jdbc:postgresql://db/x"));
        assertEquals(Path.of("/srv/data"), ServerStore.h2Folder("jdbc:h2:file:/srv/data/dashdesk-server;X=1").orElseThrow());
        assertTrue(ServerStore.h2Folder("jdbc:h2:mem:x").isEmpty());
    }
}
