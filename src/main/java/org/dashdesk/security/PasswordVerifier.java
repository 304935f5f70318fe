package org.dashdesk.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * A salted, slow password verifier for a server-side account, derived exactly as the keyring's
 * (decision 0050): PBKDF2-HMAC-SHA256 of the password to a master secret, then an HMAC label. The
 * server keeps the verifier and never the password; the label differs from the keyring's so a
 * server verifier can never be mistaken for (or compared with) a laptop's.
 *
 * @param iterations PBKDF2 iterations used for this verifier
 * @param salt       base64 of 16 random bytes
 * @param verifier   base64 of the 32-byte verifier
 */
public record PasswordVerifier(int iterations, String salt, String verifier) {

    private static final byte[] LABEL = "dashdesk/server-verifier/v1".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    public PasswordVerifier {
        if (iterations < SecurityPolicy.MIN_ITERATIONS) {
            throw new IllegalArgumentException("iterations must be at least " + SecurityPolicy.MIN_ITERATIONS);
        }
    }

    /** A new verifier with a fresh random salt. The caller still owns (and should clear) the password. */
    public static PasswordVerifier create(char[] password, int iterations, SecureRandom random) {
        if (password == null || password.length == 0) {
            throw new IllegalArgumentException("password: must not be empty");
        }
        byte[] salt = new byte[KeyWrapping.SALT_BYTES];
        random.nextBytes(salt);
        byte[] v = compute(password, salt, iterations);
        try {
            return new PasswordVerifier(iterations, Base64.getEncoder().encodeToString(salt), Base64.getEncoder().encodeToString(v));
        } finally {
            Arrays.fill(v, (byte) 0);
        }
    }

    /** True when {@code password} is the one this verifier was made from; compared in constant time. */
    public boolean matches(char[] password) {
        if (password == null || password.length == 0) {
            decoy(new char[] {' '}, iterations);
            return false;
        }
        byte[] v = compute(password, Base64.getDecoder().decode(salt), iterations);
        try {
            return MessageDigest.isEqual(v, Base64.getDecoder().decode(verifier));
        } finally {
            Arrays.fill(v, (byte) 0);
        }
    }

    /** Spends the time of a real check, so an unknown username is not told apart by timing. */
    public static void decoy(char[] password, int iterations) {
        KeyWrapping.decoy(password == null || password.length == 0 ? new char[] {' '} : password, iterations);
    }

    private static byte[] compute(char[] password, byte[] salt, int iterations) {
        byte[] master = KeyWrapping.derive(password, salt, iterations);
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(LABEL);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }
}
