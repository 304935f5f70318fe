package org.dashdesk.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.dashdesk.assessment.StoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileKeyProviderTest {

    @TempDir
    Path dir;

    @Test
    void aNewKeyIsRandomOwnerOnlyAndReusedAfterwards() throws Exception {
        Path db = dir.resolve("data").resolve("dashdesk.mv.db");
        char[] first = new FileKeyProvider().fileKey(db);
        Path keyFile = FileKeyProvider.keyFileFor(db);
        assertEquals(dir.resolve("data").resolve("dashdesk.key"), keyFile);
        assertEquals(64, first.length);
        if (Files.getFileStore(keyFile).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile)));
        }
        assertArrayEquals(first, new FileKeyProvider().fileKey(db));
        Path other = dir.resolve("other").resolve("dashdesk.mv.db");
        assertFalse(new String(first).equals(new String(new FileKeyProvider().fileKey(other))));
    }

    @Test
    void aDamagedKeyFileIsRefusedByName() throws Exception {
        Path db = dir.resolve("dashdesk.mv.db");
        Files.writeString(FileKeyProvider.keyFileFor(db), "not a key");
        StoreException e = assertThrows(StoreException.class, () -> new FileKeyProvider().fileKey(db));
        assertTrue(e.getMessage().contains(FileKeyProvider.keyFileFor(db).toString()), e.getMessage());
        assertEquals("not a key", Files.readString(FileKeyProvider.keyFileFor(db)));
    }
}
