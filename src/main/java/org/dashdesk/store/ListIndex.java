package org.dashdesk.store;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The home lists' search as typed, held in memory for the open store (issue 17): each case's id,
 * list, last change, state, level, channel and folded search words, read once from the list
 * columns. A search is a scan of these strings in memory (a few milliseconds for 100,000 cases)
 * instead of a {@code LIKE '%word%'} that reads every row of a list through the encrypted file.
 * Nothing of it is ever written anywhere: it lives as long as the open store and goes with it.
 *
 * <p>Every write of a case's list columns, state or change time says {@link #touched} (inside its
 * transaction, under the store's lock); before the next search those cases are read again from
 * the store, so a write that was rolled back costs a re-read, never a wrong answer. Only used
 * under the store's lock (from {@link Database#inTransaction}).
 */
final class ListIndex {

    /** More cases changed than this since the last search (an import): read everything again. */
    static final int REREAD_ALL_ABOVE = 2_000;

    private static final String COLUMNS = "id, is_draft, updated_at, state, head_level, channel, search_words";
    private static final String[] STATES = enumNames(org.dashdesk.assessment.AssessmentState.values());
    private static final String[] LEVELS = enumNames(org.dashdesk.grading.RiskLevel.values());
    private static final String[] CHANNELS = enumNames(org.dashdesk.assessment.Channel.values());

    private boolean built;
    private int size;
    private long[] hi = new long[0];
    private long[] lo = new long[0];
    /** Microseconds since the epoch, as H2 keeps them. */
    private long[] updated = new long[0];
    private boolean[] draft = new boolean[0];
    /** Enum ordinal + 1; 0 when null. */
    private byte[] state = new byte[0];
    private byte[] level = new byte[0];
    private byte[] channel = new byte[0];
    /**
     * Every case's folded words, UTF-8, one after another: slot i's are {@code text[wordsAt[i] ..
     * wordsAt[i] + wordsLength[i])}, length -1 when it has none. One array instead of a string per
     * case: 100,000 strings were 4 MB of headers and 200,000 objects for every full collection to
     * trace (issue 17). UTF-8 keeps substring matching exact: a whole typed character can only match
     * at a character's start.
     */
    private byte[] text = new byte[0];
    private int textUsed;
    /** Bytes of text no slot points at any more (a case re-read or removed); compacted when it is most of it. */
    private int textGarbage;
    private int[] wordsAt = new int[0];
    private int[] wordsLength = new int[0];
    private final Set<UUID> stale = new HashSet<>();

    /** A case's list columns, state or change time were written (or may have been: the transaction may roll back). */
    void touched(UUID id) {
        if (built) {
            stale.add(id);
            if (stale.size() > REREAD_ALL_ABOVE) {
                forget();
            }
        }
    }

    /** Drops everything; the next search reads the store again. */
    void forget() {
        built = false;
        stale.clear();
        size = 0;
        hi = new long[0];
        lo = new long[0];
        updated = new long[0];
        draft = new boolean[0];
        state = new byte[0];
        level = new byte[0];
        channel = new byte[0];
        text = new byte[0];
        textUsed = 0;
        textGarbage = 0;
        wordsAt = new int[0];
        wordsLength = new int[0];
    }

    boolean built() {
        return built;
    }

    /** Reads what is missing or changed since the last call: everything the first time, the touched cases after. */
    void catchUp(Connection c) throws SQLException {
        if (!built) {
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM assessment"); ResultSet r = p.executeQuery()) {
                while (r.next()) {
                    put(append(), r);
                }
            }
            built = true;
            text = Arrays.copyOf(text, textUsed);
            return;
        }
        if (stale.isEmpty()) {
            return;
        }
        List<UUID> ids = new ArrayList<>(stale);
        stale.clear();
        for (int from = 0; from < ids.size(); from += 500) {
            List<UUID> chunk = ids.subList(from, Math.min(ids.size(), from + 500));
            Set<UUID> seen = new HashSet<>();
            try (PreparedStatement p = c.prepareStatement("SELECT " + COLUMNS + " FROM assessment WHERE id IN ("
                    + String.join(", ", java.util.Collections.nCopies(chunk.size(), "?")) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    p.setObject(i + 1, chunk.get(i));
                }
                try (ResultSet r = p.executeQuery()) {
                    while (r.next()) {
                        UUID id = r.getObject(1, UUID.class);
                        seen.add(id);
                        int slot = slotOf(id);
                        put(slot < 0 ? append() : slot, r);
                    }
                }
            }
            for (UUID id : chunk) {
                int slot = seen.contains(id) ? -1 : slotOf(id);
                if (slot >= 0) {
                    remove(slot);
                }
            }
        }
        if (textGarbage > textUsed - textGarbage) {
            compactText();
        }
    }

    /** What a search found: how many match, and the ids of the page asked for, newest first. */
    record Found(int matching, List<UUID> page) {
    }

    /**
     * The cases of one list whose words contain every one of {@code typed} (each a substring, as
     * {@code LIKE '%word%'}), narrowed by the other filters given (null = any), newest first by
     * (updated_at, id) as the list index orders them.
     */
    Found search(boolean drafts, List<String> typed, OffsetDateTime fromIncl, OffsetDateTime toExcl, String stateName, String levelName,
            String channelName, int offset, int limit) {
        long from = fromIncl == null ? Long.MIN_VALUE : micros(fromIncl);
        long to = toExcl == null ? Long.MAX_VALUE : micros(toExcl);
        byte st = code(STATES, stateName);
        byte lv = code(LEVELS, levelName);
        byte ch = code(CHANNELS, channelName);
        int want = offset + limit;
        // Arrays, not the list: an iterator per case was most of what a search allocated (issue 17).
        byte[][] wanted = new byte[typed.size()][];
        for (int k = 0; k < wanted.length; k++) {
            wanted[k] = typed.get(k).getBytes(StandardCharsets.UTF_8);
        }
        // A heap of the newest `want` matches, oldest at its root.
        int[] heap = new int[Math.min(want, Math.max(16, size))];
        int inHeap = 0;
        int matching = 0;
        scan:
        for (int i = 0; i < size; i++) {
            if (draft[i] != drafts || wordsLength[i] < 0 || updated[i] < from || updated[i] >= to || (stateName != null && state[i] != st)
                    || (levelName != null && level[i] != lv) || (channelName != null && channel[i] != ch)) {
                continue;
            }
            for (byte[] t : wanted) {
                if (!contains(wordsAt[i], wordsLength[i], t)) {
                    continue scan;
                }
            }
            matching++;
            if (inHeap < want) {
                if (inHeap == heap.length) {
                    heap = Arrays.copyOf(heap, Math.min(want, heap.length * 2));
                }
                heap[inHeap] = i;
                siftUp(heap, inHeap++);
            } else if (newer(i, heap[0])) {
                heap[0] = i;
                siftDown(heap, inHeap);
            }
        }
        int[] newest = Arrays.copyOf(heap, inHeap);
        // Drain the heap: oldest first out, so fill from the back.
        int n = inHeap;
        for (int k = n - 1; k >= 0; k--) {
            newest[k] = heap[0];
            heap[0] = heap[--inHeap];
            siftDown(heap, inHeap);
        }
        List<UUID> page = new ArrayList<>();
        for (int k = offset; k < n; k++) {
            page.add(new UUID(hi[newest[k]], lo[newest[k]]));
        }
        return new Found(matching, page);
    }

    /** Cases held (for tests). */
    int size() {
        return size;
    }

    // ---- internals ----

    /** Whether slot's words hold {@code word}, as {@code String.contains} on them would say. */
    private boolean contains(int at, int length, byte[] word) {
        int n = word.length;
        if (n == 0) {
            return true;
        }
        byte first = word[0];
        int last = at + length - n;
        outer:
        for (int i = at; i <= last; i++) {
            if (text[i] != first) {
                continue;
            }
            for (int k = 1; k < n; k++) {
                if (text[i + k] != word[k]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private void setWords(int slot, String words) {
        if (wordsLength[slot] > 0) {
            textGarbage += wordsLength[slot];
        }
        if (words == null) {
            wordsAt[slot] = 0;
            wordsLength[slot] = -1;
            return;
        }
        byte[] utf8 = words.getBytes(StandardCharsets.UTF_8);
        if (textUsed + utf8.length > text.length) {
            // Half again while the whole store is read; an eighth after, when the text has been trimmed to fit.
            int grow = built ? text.length >> 3 : text.length >> 1;
            text = Arrays.copyOf(text, Math.max(textUsed + utf8.length, text.length + grow + 4096));
        }
        System.arraycopy(utf8, 0, text, textUsed, utf8.length);
        wordsAt[slot] = textUsed;
        wordsLength[slot] = utf8.length;
        textUsed += utf8.length;
    }

    /** Rewrites the text with only what the slots point at, in slot order. */
    private void compactText() {
        byte[] packed = new byte[textUsed - textGarbage];
        int used = 0;
        for (int i = 0; i < size; i++) {
            if (wordsLength[i] > 0) {
                System.arraycopy(text, wordsAt[i], packed, used, wordsLength[i]);
                wordsAt[i] = used;
                used += wordsLength[i];
            }
        }
        text = packed;
        textUsed = used;
        textGarbage = 0;
    }

    /** Whether slot a comes before slot b in the list (newer, or as new with the greater id, as H2 orders UUIDs). */
    private boolean newer(int a, int b) {
        if (updated[a] != updated[b]) {
            return updated[a] > updated[b];
        }
        int c = Long.compareUnsigned(hi[a], hi[b]);
        return c != 0 ? c > 0 : Long.compareUnsigned(lo[a], lo[b]) > 0;
    }

    private void siftUp(int[] heap, int k) {
        int x = heap[k];
        while (k > 0) {
            int parent = (k - 1) >>> 1;
            if (!newer(heap[parent], x)) {
                break;
            }
            heap[k] = heap[parent];
            k = parent;
        }
        heap[k] = x;
    }

    private void siftDown(int[] heap, int n) {
        if (n == 0) {
            return;
        }
        int k = 0;
        int x = heap[0];
        while (true) {
            int child = 2 * k + 1;
            if (child >= n) {
                break;
            }
            if (child + 1 < n && newer(heap[child], heap[child + 1])) {
                child++;
            }
            if (!newer(x, heap[child])) {
                break;
            }
            heap[k] = heap[child];
            k = child;
        }
        heap[k] = x;
    }

    private int slotOf(UUID id) {
        long h = id.getMostSignificantBits();
        long l = id.getLeastSignificantBits();
        for (int i = 0; i < size; i++) {
            if (lo[i] == l && hi[i] == h) {
                return i;
            }
        }
        return -1;
    }

    private int append() {
        if (size == hi.length) {
            int cap = Math.max(64, size + (size >> 1));
            hi = Arrays.copyOf(hi, cap);
            lo = Arrays.copyOf(lo, cap);
            updated = Arrays.copyOf(updated, cap);
            draft = Arrays.copyOf(draft, cap);
            state = Arrays.copyOf(state, cap);
            level = Arrays.copyOf(level, cap);
            channel = Arrays.copyOf(channel, cap);
            wordsAt = Arrays.copyOf(wordsAt, cap);
            wordsLength = Arrays.copyOf(wordsLength, cap);
        }
        // A new slot has no words yet (setWords must not count stale ones as garbage).
        wordsLength[size] = -1;
        return size++;
    }

    private void remove(int slot) {
        if (wordsLength[slot] > 0) {
            textGarbage += wordsLength[slot];
        }
        int last = --size;
        hi[slot] = hi[last];
        lo[slot] = lo[last];
        updated[slot] = updated[last];
        draft[slot] = draft[last];
        state[slot] = state[last];
        level[slot] = level[last];
        channel[slot] = channel[last];
        wordsAt[slot] = wordsAt[last];
        wordsLength[slot] = wordsLength[last];
    }

    private void put(int slot, ResultSet r) throws SQLException {
        UUID id = r.getObject(1, UUID.class);
        hi[slot] = id.getMostSignificantBits();
        lo[slot] = id.getLeastSignificantBits();
        draft[slot] = r.getBoolean(2);
        updated[slot] = micros(r.getObject(3, OffsetDateTime.class));
        state[slot] = code(STATES, r.getString(4));
        level[slot] = code(LEVELS, r.getString(5));
        channel[slot] = code(CHANNELS, r.getString(6));
        setWords(slot, r.getString(7));
    }

    private static long micros(OffsetDateTime t) {
        java.time.Instant i = t.toInstant();
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    }

    private static byte code(String[] names, String name) {
        if (name == null) {
            return 0;
        }
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return (byte) (i + 1);
            }
        }
        return -1;
    }

    private static String[] enumNames(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toArray(String[]::new);
    }
}
