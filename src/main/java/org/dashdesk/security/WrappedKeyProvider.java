package org.dashdesk.security;

import java.nio.file.Path;

/**
 * Gives the store the database key of whoever is signed in to a {@link SessionManager}. With
 * nobody signed in, or the session locked, it refuses, so the database cannot be opened.
 *
 * <p>The key reaches H2 as the 64 lower-case hexadecimal characters of the 256-bit key, exactly as
 * {@link FileKeyProvider} gave it, so databases created before accounts existed keep opening.
 */
public final class WrappedKeyProvider implements KeyProvider {

    private final SessionManager sessions;

    public WrappedKeyProvider(SessionManager sessions) {
        this.sessions = sessions;
    }

    /**
     * @throws org.dashdesk.assessment.StoreException when nobody is signed in, the session is locked,
     *                                                 or {@code databaseFile} is not the one this keyring is for
     */
    @Override
    public char[] fileKey(Path databaseFile) {
        return sessions.databasePassword(databaseFile);
    }
}
