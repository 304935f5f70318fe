package org.dashdesk.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Synthetic accounts and helpers for the security tests; every name here is invented. */
final class SecurityFixtures {

    static final UserAccount OFFICER = new UserAccount("pc1234", "PC Synthetic Officer", "1234", Set.of(Role.OFFICER), "Team North");
    static final UserAccount SERGEANT = new UserAccount("ps5678", "PS Synthetic Sergeant", "5678", Set.of(Role.OFFICER, Role.SUPERVISOR),
            "Team North");
    static final UserAccount ADMIN = new UserAccount("admin01", "Synthetic Administrator", "", Set.of(Role.ADMINISTRATOR), "IT");
    static final char[] OFFICER_PASSWORD = "correct horse synthetic".toCharArray();
    static final char[] SERGEANT_PASSWORD = "sergeant's own phrase 42".toCharArray();
    static final char[] WRONG_PASSWORD = "correct horse synthetiC".toCharArray();

    /** Fast enough for tests: the floor the keyring accepts. */
    static final SecurityPolicy FAST = SecurityPolicy.defaults().withIterations(SecurityPolicy.MIN_ITERATIONS);

    private SecurityFixtures() {
    }

    /** A clock the test moves by hand. */
    static final class TestClock extends Clock {
        private Instant now;

        TestClock(Instant start) {
            this.now = start;
        }

        TestClock() {
            this(Instant.parse("2026-11-23T09:00:00Z"));
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The text in UTF-8, UTF-16 (both byte orders) and upper/lower case. */
    static List<byte[]> textForms(String text) {
        List<byte[]> forms = new ArrayList<>();
        for (String t : List.of(text, text.toLowerCase(Locale.ROOT), text.toUpperCase(Locale.ROOT))) {
            forms.add(t.getBytes(StandardCharsets.UTF_8));
            forms.add(t.getBytes(StandardCharsets.UTF_16LE));
            forms.add(t.getBytes(StandardCharsets.UTF_16BE));
        }
        return forms;
    }

    /** Raw bytes, hex (both cases) and every Base64 alphabet, with and without padding. */
    static List<byte[]> keyForms(byte[] key) {
        List<byte[]> forms = new ArrayList<>();
        forms.add(key);
        List<String> texts = List.of(HexFormat.of().formatHex(key), HexFormat.of().withUpperCase().formatHex(key),
                Base64.getEncoder().encodeToString(key), Base64.getEncoder().withoutPadding().encodeToString(key),
                Base64.getUrlEncoder().encodeToString(key), Base64.getUrlEncoder().withoutPadding().encodeToString(key),
                Base64.getMimeEncoder().encodeToString(key));
        for (String t : texts) {
            forms.addAll(textForms(t));
        }
        return forms;
    }

    static boolean containsAny(byte[] haystack, List<byte[]> needles) {
        return needles.stream().anyMatch(n -> contains(haystack, n));
    }
}
