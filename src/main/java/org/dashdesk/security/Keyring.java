package org.dashdesk.security;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The in-memory form of {@code dashdesk.keyring.json}: one entry per enrolled user, each sealing
 * the same database key, plus the lockout state and a short security log. Loaded afresh for every
 * operation and written back whole by {@link KeyringFile}; not shared between threads.
 */
final class Keyring {

    static final int FORMAT_VERSION = 1;
    static final int EVENTS_KEPT = 200;

    /** One user's cached account, sealed key and lockout counters. */
    static final class Entry {
        UserAccount account;
        StoredCredential credential;
        /** {@link KeyWrapping#accountSeal} of {@link #account}; see decision 0050. */
        byte[] accountSeal;
        Instant enrolledAt;
        String enrolledBy;
        int failures;
        Instant lastFailureAt;
        Instant lockedUntil;

        Entry(UserAccount account, StoredCredential credential, Instant enrolledAt, String enrolledBy) {
            this.account = account;
            this.credential = credential;
            this.enrolledAt = enrolledAt;
            this.enrolledBy = enrolledBy;
        }

        boolean lockedAt(Instant now) {
            return lockedUntil != null && now.isBefore(lockedUntil);
        }
    }

    final UUID id;
    final Map<String, Entry> users = new LinkedHashMap<>();
    final List<SecurityEvent> events = new ArrayList<>();

    Keyring(UUID id) {
        this.id = id;
    }

    /**
     * Additional data bound into each sealed key: an entry moved to another username or into
     * another laptop's keyring no longer opens, even with the right password.
     */
    byte[] aadFor(String username) {
        return ("dashdesk-keyring/" + FORMAT_VERSION + "/" + id + "/" + username).getBytes(StandardCharsets.UTF_8);
    }

    /** Seals the entry's account details; needs the database key. */
    void sealAccount(Entry entry, byte[] databaseKey) {
        entry.accountSeal = KeyWrapping.accountSeal(databaseKey, aadFor(entry.account.username()), entry.account);
    }

    void record(SecurityEvent event) {
        events.add(event);
        if (events.size() > EVENTS_KEPT) {
            events.subList(0, events.size() - EVENTS_KEPT).clear();
        }
    }
}
