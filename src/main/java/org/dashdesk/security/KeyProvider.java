package org.dashdesk.security;

import java.nio.file.Path;

/**
 * Supplies the secret that encrypts one database file. Kept deliberately small so a later
 * provider (per-user wrapped keys) can replace the file-based one without touching the store.
 */
public interface KeyProvider {

    /**
     * The file-encryption password for {@code databaseFile}, creating a key if the database does
     * not exist yet. The caller owns the returned array and should clear it after use.
     *
     * @throws org.dashdesk.assessment.StoreException when no key can be produced (for example the
     *                                                 key of an existing database is missing)
     */
    char[] fileKey(Path databaseFile);
}
