package org.dashdesk.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key hierarchy of decision 0050. One slow PBKDF2-HMAC-SHA256 derivation of the password
 * gives a 256-bit master secret; two HMAC-SHA256 labels split it into a verifier (stored, compared
 * in constant time) and a key-encryption key (never stored) that seals the database key with
 * AES-256-GCM. One derivation, not two, because PBKDF2 asked for 512 bits would run the full
 * iteration count twice for the user and only once for an attacker who needs just one half.
 *
 * <p>Arrays this class creates are zeroed after use; copies made inside the JCE providers are
 * cleared by the JDK when collected, which is the best plain Java can do.
 */
final class KeyWrapping {

    static final int KEY_BYTES = 32;
    static final int SALT_BYTES = 16;
    static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String KDF = "PBKDF2WithHmacSHA256";
    private static final byte[] VERIFIER_LABEL = "dashdesk/verifier/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WRAP_LABEL = "dashdesk/key-wrap/v1".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ACCOUNT_LABEL = "dashdesk/account-seal/v1".getBytes(StandardCharsets.US_ASCII);

    /** What opening a credential with a password gave. */
    sealed interface Outcome permits Opened, WrongPassword, Damaged {
    }

    /** The database key; the caller owns and must zero it. */
    record Opened(byte[] databaseKey) implements Outcome {
    }

    record WrongPassword() implements Outcome {
    }

    /** The password matched the verifier but the sealed key did not open: the entry was altered or moved. */
    record Damaged() implements Outcome {
    }

    private KeyWrapping() {
    }

    static StoredCredential seal(char[] password, byte[] databaseKey, int iterations, byte[] aad, SecureRandom random) {
        if (databaseKey.length != KEY_BYTES) {
            throw new IllegalArgumentException("database key must be " + KEY_BYTES + " bytes");
        }
        byte[] salt = new byte[SALT_BYTES];
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(salt);
        random.nextBytes(iv);
        byte[] master = derive(password, salt, iterations);
        byte[] verifier = label(master, VERIFIER_LABEL);
        byte[] kek = label(master, WRAP_LABEL);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, iv));
            gcm.updateAAD(aad);
            byte[] sealed = gcm.doFinal(databaseKey);
            return new StoredCredential(iterations, salt, verifier, iv, sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this Java runtime", e);
        } finally {
            Arrays.fill(master, (byte) 0);
            Arrays.fill(kek, (byte) 0);
            Arrays.fill(verifier, (byte) 0);
        }
    }

    static Outcome open(char[] password, StoredCredential stored, byte[] aad) {
        byte[] master = derive(password, stored.salt(), stored.iterations());
        byte[] verifier = label(master, VERIFIER_LABEL);
        byte[] kek = label(master, WRAP_LABEL);
        try {
            if (!MessageDigest.isEqual(verifier, stored.verifier())) {
                return new WrongPassword();
            }
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(TAG_BITS, stored.iv()));
            gcm.updateAAD(aad);
            byte[] key = gcm.doFinal(stored.wrappedKey());
            if (key.length != KEY_BYTES) {
                Arrays.fill(key, (byte) 0);
                return new Damaged();
            }
            return new Opened(key);
        } catch (AEADBadTagException e) {
            return new Damaged();
        } catch (GeneralSecurityException e) {
            // A malformed IV or length in an edited keyring lands here too.
            return new Damaged();
        } finally {
            Arrays.fill(master, (byte) 0);
            Arrays.fill(kek, (byte) 0);
            Arrays.fill(verifier, (byte) 0);
        }
    }

    /**
     * An HMAC over the cached account details under a key derived from the database key. The
     * lockout counters must be writable before anyone signs in, but names and roles are written
     * only by someone holding the database key, so editing them by hand is detected at sign-in.
     */
    static byte[] accountSeal(byte[] databaseKey, byte[] aad, UserAccount account) {
        byte[] sealKey = label(databaseKey, ACCOUNT_LABEL);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(sealKey, "HmacSHA256"));
            field(mac, aad);
            field(mac, account.username().getBytes(StandardCharsets.UTF_8));
            field(mac, account.displayName().getBytes(StandardCharsets.UTF_8));
            field(mac, account.collarNumber().getBytes(StandardCharsets.UTF_8));
            field(mac, account.team().getBytes(StandardCharsets.UTF_8));
            field(mac, String.join(",", java.util.EnumSet.copyOf(account.roles()).stream().map(Enum::name).toList())
                    .getBytes(StandardCharsets.UTF_8));
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        } finally {
            Arrays.fill(sealKey, (byte) 0);
        }
    }

    static boolean accountSealMatches(byte[] databaseKey, byte[] aad, UserAccount account, byte[] seal) {
        byte[] expected = accountSeal(databaseKey, aad, account);
        return seal != null && MessageDigest.isEqual(expected, seal);
    }

    /** Length-prefixed, so ("ab", "c") and ("a", "bc") never seal alike. */
    private static void field(Mac mac, byte[] value) {
        mac.update(java.nio.ByteBuffer.allocate(4).putInt(value.length).array());
        mac.update(value);
    }

    /** Spends the same time as a real check, so an unknown username is not told apart by timing. */
    static void decoy(char[] password, int iterations) {
        Arrays.fill(derive(password, new byte[SALT_BYTES], iterations), (byte) 0);
    }

    static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, KEY_BYTES * 8);
        try {
            return SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(KDF + " is not available in this Java runtime", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static byte[] label(byte[] master, byte[] label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(master, "HmacSHA256"));
            return mac.doFinal(label);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this Java runtime", e);
        }
    }
}
