package org.dashdesk.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;

import org.dashdesk.assessment.StoreException;
import org.dashdesk.security.FileKeyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {

    @TempDir
    Path dir;

    @Test
    void theListedScriptsAreExactlyTheResourcesInOrder() throws URISyntaxException, java.io.IOException {
        Path folder = Path.of(Migrations.class.getResource(Migrations.RESOURCE_DIR).toURI());
        try (Stream<Path> files = Files.list(folder)) {
            List<String> onDisk = files.map(p -> p.getFileName().toString()).sorted(
                    java.util.Comparator.comparingInt(n -> Integer.parseInt(n.substring(1, n.indexOf("__"))))).toList();
            assertEquals(onDisk, Migrations.SCRIPTS);
        }
        assertEquals(Migrations.SCRIPTS.size(), Migrations.scripts().size());
    }

    @Test
    void scriptsSplitAtLineEndSemicolonsWithoutComments() {
        assertEquals(List.of("CREATE TABLE a (x INT)", "INSERT INTO a\nVALUES (1)"),
                Migrations.statements("-- header; not a statement\nCREATE TABLE a (x INT); -- trailing\n\nINSERT INTO a\nVALUES (1);\n"));
        assertThrows(IllegalStateException.class, () -> Migrations.statements("CREATE TABLE a (x INT)"));
    }

    @Test
    void migrationsRunOnceAndAreRecorded() throws Exception {
        Database.open(dir, new FileKeyProvider()).close();
        try (Database db = Database.open(dir, new FileKeyProvider())) {
            assertEquals(Migrations.latestVersion(), db.schemaVersion());
            long rows = db.inTransaction(c -> {
                try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM schema_version")) {
                    r.next();
                    return r.getLong(1);
                }
            });
            assertEquals(Migrations.latestVersion(), rows);
        }
    }

    @Test
    void aDatabaseFromANewerVersionIsRefusedAndLeftAlone() throws Exception {
        try (Database db = Database.open(dir, new FileKeyProvider())) {
            db.inTransaction(c -> c.createStatement().executeUpdate(
                    "INSERT INTO schema_version VALUES (99, 'from the future', CURRENT_TIMESTAMP)"));
        }
        byte[] before = Files.readAllBytes(dir.resolve(Database.FILE_NAME));
        org.dashdesk.assessment.StoreException e = assertThrows(StoreException.class, () -> Database.open(dir, new FileKeyProvider()));
        assertTrue(e.getMessage().contains("newer DASH Desk") && e.getMessage().contains(Database.FILE_NAME), e.getMessage());
        org.junit.jupiter.api.Assertions.assertArrayEquals(before, Files.readAllBytes(dir.resolve(Database.FILE_NAME)));
    }

    @Test
    void theOutboxTableHasExactlyTheAgreedColumns() throws Exception {
        try (Database db = Database.open(dir, new FileKeyProvider())) {
            List<String> columns = db.inTransaction(c -> {
                List<String> out = new java.util.ArrayList<>();
                try (ResultSet r = c.createStatement().executeQuery("SELECT COLUMN_NAME || ' ' || DATA_TYPE || ' ' || IS_NULLABLE"
                        + " FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'OUTBOX' ORDER BY ORDINAL_POSITION")) {
                    while (r.next()) {
                        out.add(r.getString(1));
                    }
                }
                return out;
            });
            assertEquals(List.of("REVISION_ID UUID NO", "ASSESSMENT_ID UUID NO", "DEVICE_SEQ BIGINT NO", "PRIORITY INTEGER NO",
                    "STATE CHARACTER VARYING NO", "ATTEMPTS INTEGER NO", "NEXT_ATTEMPT_AT TIMESTAMP WITH TIME ZONE YES",
                    "LAST_ERROR CHARACTER VARYING YES", "RECEIPT_JSON CHARACTER VARYING YES", "SERVER_SEQ BIGINT YES",
                    "RECEIVED_AT TIMESTAMP WITH TIME ZONE YES", "QUEUED_AT TIMESTAMP WITH TIME ZONE NO"), columns);
        }
    }
}
