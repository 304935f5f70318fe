package org.dashdesk.ui;

import java.security.SecureRandom;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Loads, on a spare core, the classes the path to the first usable screen needs once the
 * JavaFX toolkit is up: Jackson (the keyring and settings are JSON) and the JDK's crypto
 * providers (sign-in). On a cold JVM that is a few hundred milliseconds of class loading that
 * otherwise starts only after the first frame and sits between it and the sign-in screen
 * (decision 0062). It touches no file and changes no state: if it loses the race nothing is
 * lost, the classes are simply loaded by whoever needs them first.
 */
final class StartupWarmUp {

    private StartupWarmUp() {
    }

    static void startInBackground() {
        Thread t = new Thread(StartupWarmUp::run, "startup-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.NORM_PRIORITY - 1);
        t.start();
    }

    private static void run() {
        try {
            ObjectMapper json = new ObjectMapper();
            JsonNode tree = json.readTree("{\"format\":\"warm-up\",\"users\":[{\"n\":1,\"b\":true,\"s\":null}]}");
            json.writeValueAsBytes(tree);
            new SecureRandom().nextInt();
            javax.crypto.SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256");
            javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
            Class.forName("org.dashdesk.security.KeyringFile");
            Class.forName("org.dashdesk.security.SessionManager");
        } catch (Exception | LinkageError e) {
            // Only an optimisation: the real code paths load (and report) whatever failed here.
        }
    }
}
