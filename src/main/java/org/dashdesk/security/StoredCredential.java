package org.dashdesk.security;

/**
 * What the keyring keeps for one user: how to re-derive their password key, a verifier of it, and
 * the database key sealed under it. None of it reveals the password or the database key without a
 * PBKDF2 guess per candidate password.
 */
record StoredCredential(int iterations, byte[] salt, byte[] verifier, byte[] iv, byte[] wrappedKey) {

    StoredCredential {
        salt = salt.clone();
        verifier = verifier.clone();
        iv = iv.clone();
        wrappedKey = wrappedKey.clone();
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] verifier() {
        return verifier.clone();
    }

    @Override
    public byte[] iv() {
        return iv.clone();
    }

    @Override
    public byte[] wrappedKey() {
        return wrappedKey.clone();
    }
}
