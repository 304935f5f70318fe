package org.dashdesk.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.locks.ReentrantLock;

import org.dashdesk.assessment.StoreException;
import org.dashdesk.security.KeyProvider;

/**
 * The encrypted H2 file {@code DIR/dashdesk.mv.db}. Opening it runs the migrations and makes sure
 * the device has an id. All work goes through {@link #inTransaction}: one connection, one
 * transaction at a time, committed before the call returns (decision 0011).
 *
 * <p>Failures become {@link StoreException}s that name the file and say what to do. This class
 * never deletes, renames or recreates an existing database file.
 */
public final class Database implements AutoCloseable {

    public static final String BASE_NAME = "dashdesk";
    public static final String FILE_NAME = BASE_NAME + ".mv.db";
    static final String DEVICE_ID_SETTING = "device.id";
    static final String DEVICE_SEQ_SETTING = "device.seq";
    /** Raised each time the store is forced to disk; mirrored in {@link SavePoint}. */
    static final String GENERATION_SETTING = "store.generation";
    private static final String USER = "dashdesk";

    /** Work done with the store's connection inside one transaction. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection) throws SQLException;
    }

    /** H2's prefix for the plain file system; tests put a fault-injecting one in its place. */
    static final String DISK = "file:";

    private final Path directory;
    private final Path file;
    private final KeyProvider keys;
    private final String fileSystem;
    /** Replaced only when the store is reopened after the disk was full. */
    private Connection connection;
    private final ReentrantLock lock = new ReentrantLock();
    /** The home lists' search in memory (issue 17), for as long as the store is open; guarded by the lock. */
    private final ListIndex listIndex = new ListIndex();
    private final UUID deviceId;
    private final int schemaVersion;
    private final SavePoint savePoint;
    private long generation;
    /** When the store was last used (nanoTime), for compaction while idle. */
    private volatile long lastUse = System.nanoTime();
    private java.util.concurrent.ScheduledFuture<?> idleCheck;
    private boolean closed;
    private boolean stoppedAfterDamage;
    /** Stopped because a write found the disk full; the next use opens the file again (decision 0013). */
    private boolean waitingForSpace;

    private Database(Path directory, Connection connection, SavePoint savePoint, KeyProvider keys, String fileSystem) throws SQLException {
        this.directory = directory;
        this.file = directory.resolve(FILE_NAME);
        this.keys = keys;
        this.fileSystem = fileSystem;
        this.connection = connection;
        this.savePoint = savePoint;
        this.schemaVersion = Migrations.migrate(connection, file.toString());
        connection.setAutoCommit(false);
        this.deviceId = ensureDeviceId(connection);
        this.generation = readGeneration(connection);
        connection.commit();
        // Opening runs the migrations only; the idle check starts once the store is fully built.
    }

    /** One daemon thread for every open store's idle check; it never keeps the JVM alive. */
    private static final java.util.concurrent.ScheduledExecutorService IDLE = java.util.concurrent.Executors
            .newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "dashdesk-store-idle-compaction");
                t.setDaemon(true);
                return t;
            });

    /** Unused this long, a mostly-free store is compacted in the background (decision 0161). */
    static final long IDLE_COMPACT_AFTER_NANOS = java.util.concurrent.TimeUnit.MINUTES.toNanos(2);

    private void startIdleCheck() {
        idleCheck = IDLE.scheduleWithFixedDelay(() -> compactIfIdle(System.nanoTime()), 30, 30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * Compacts when the store has been unused for {@link #IDLE_COMPACT_AFTER_NANOS} and is mostly
     * free. Never waits for the store: if someone is using it, the check simply passes.
     *
     * @return true when it compacted
     */
    boolean compactIfIdle(long nowNanos) {
        if (nowNanos - lastUse < IDLE_COMPACT_AFTER_NANOS || !lock.tryLock()) {
            return false;
        }
        try {
            return !closed && !stoppedAfterDamage && !waitingForSpace && compactNowLocked();
        } catch (RuntimeException e) {
            // A background tidy-up must never take the store down with it; the next use reports any real trouble.
            return false;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Compacts the file now if it is mostly dead chunks, then goes on with a fresh connection:
     * for callers between batches (a bulk import) or idle. The file is forced to disk first, the
     * compaction is H2's atomic {@code SHUTDOWN COMPACT}, and the reopen goes through the same
     * checks as {@link #open}. Waits for a transaction in progress; refuses inside one.
     *
     * @return true when it compacted
     */
    public boolean compactIfMostlyFree() {
        lock.lock();
        try {
            ensureOpen();
            if (transactionDepth > 0) {
                return false;
            }
            return compactNowLocked();
        } finally {
            lock.unlock();
        }
    }

    private boolean compactNowLocked() {
        try {
            if (!mostlyFree()) {
                return false;
            }
            // The key is needed to open the file again; a locked key provider means not now.
            char[] key = keys.fileKey(file);
            Arrays.fill(key, '\0');
            forceToDiskAndMark();
            try (Statement s = connection.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            } finally {
                OwnerOnly.file(file);
            }
            closeQuietly(connection);
            // Next use (or right now) opens the file again through the checks of reopen().
            waitingForSpace = true;
            reopen();
            lastUse = System.nanoTime();
            return true;
        } catch (SQLException e) {
            throw failed(e);
        }
    }

    private boolean mostlyFree() throws SQLException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            return false;
        }
        int fill = chunksFillRate(connection);
        return size >= COMPACT_FROM_BYTES && fill >= 0 && fill < COMPACT_BELOW_FILL_PERCENT;
    }

    /**
     * Opens (or on first run creates) the database in {@code directory}.
     *
     * @throws StoreException when the file cannot be opened; the file is left exactly as it was
     */
    public static Database open(Path directory, KeyProvider keys) {
        return open(directory, keys, DISK);
    }

    /** As {@link #open(Path, KeyProvider)} on the H2 file system {@code fileSystem} (tests inject faults with it). */
    static Database open(Path directory, KeyProvider keys, String fileSystem) {
        Path dir = directory.toAbsolutePath().normalize();
        if (dir.toString().contains(";")) {
            throw new StoreException("The data folder " + dir + " contains ';', which the database cannot use. "
                    + "Choose another folder with -D" + DataDirectories.PROPERTY + " or " + DataDirectories.ENVIRONMENT + ".");
        }
        Path file = dir.resolve(FILE_NAME);
        try {
            OwnerOnly.folder(dir);
        } catch (IOException e) {
            throw new StoreException("Cannot create the data folder " + dir + " (" + e.getClass().getSimpleName()
                    + "). Check that it is writable, or choose another with -D" + DataDirectories.PROPERTY + ".", e);
        }
        SavePoint savePoint = new SavePoint(dir);
        Connection c = null;
        try {
            c = connect(dir, keys, savePoint, fileSystem);
            Database db = new Database(dir, c, savePoint, keys, fileSystem);
            db.startIdleCheck();
            return db;
        } catch (SQLException e) {
            closeQuietly(c);
            throw StoreErrors.onOpen(file, e);
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * Checks the file and connects to it for writing: the same checks on first open and on every
     * reopen after a full disk, so a reopen can never overwrite what an open would have refused.
     * A failure of the read-only probe is thrown as the {@link StoreException} it means; a failure
     * of the read-write connection as the SQLException.
     */
    private static Connection connect(Path dir, KeyProvider keys, SavePoint savePoint, String fileSystem) throws SQLException {
        Path file = dir.resolve(FILE_NAME);
        if (Files.exists(file) && (!Files.isRegularFile(file) || !Files.isReadable(file))) {
            throw new StoreException("The database " + file + " is not a readable file. Check its permissions; it has not been changed.");
        }
        if (Files.exists(file) && !Files.isWritable(file)) {
            // H2 would quietly open it read-only and the first autosave would fail instead.
            throw new StoreException("The database " + file + " is read-only, so answers could not be saved. Check its"
                    + " permissions or the drive it is on; it has not been changed.");
        }
        boolean existed = Files.exists(file);
        if (!existed && savePoint.read().orElse(0) > 0) {
            throw new StoreException("The database " + file + " is missing, but this folder held one that DASH Desk saved"
                    + " (" + savePoint.file().getFileName() + " is still there). Restore the file from a backup, or check that"
                    + " the data folder is the right one. Nothing has been created in its place. To start again with an empty"
                    + " database on purpose, delete " + savePoint.file() + ".");
        }
        char[] key = keys.fileKey(file);
        char[] password = Arrays.copyOf(key, key.length + 1);
        // CIPHER=AES takes "filePassword userPassword"; the user password is empty because the
        // file key is what protects the data at rest.
        password[key.length] = ' ';
        Arrays.fill(key, '\0');
        try {
            if (existed) {
                // H2 starts writing while it opens (recovery, new chunks) and only then may find the
                // damage; a read-only open first means a damaged file or wrong key is reported untouched.
                // The newer-version check happens here too, before anything can be written.
                try (Connection probe = DriverManager.getConnection(url(fileSystem, dir) + ";ACCESS_MODE_DATA=r", credentials(password))) {
                    Migrations.refuseNewer(probe, file.toString());
                    refuseOlderThanSaved(probe, file, savePoint);
                } catch (SQLException e) {
                    throw StoreErrors.onReadOnlyProbe(file, e);
                }
            }
            Connection c = DriverManager.getConnection(url(fileSystem, dir), credentials(password));
            // H2 creates the file with the process umask (usually 644); tighten it once it exists.
            OwnerOnly.file(file);
            OwnerOnly.file(savePoint.file());
            return c;
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /** H2 clears the password array it is given, so each connection gets its own copy. */
    private static Properties credentials(char[] password) {
        Properties props = new Properties();
        props.put("user", USER);
        props.put("password", password.clone());
        return props;
    }

    /** Upper bound on the compaction H2 does when the store closes (app exit, sign-out). */
    static final int CLOSE_COMPACT_MILLIS = 3000;

    /**
     * {@code WRITE_DELAY=0} so a commit reaches the file before the call returns (a JVM crash loses
     * nothing committed); {@code TRACE_LEVEL_FILE=0} because H2's error trace would write SQL with
     * its parameters — answers — to a plain-text file next to the encrypted one.
     * {@code MAX_COMPACT_TIME}: with {@code WRITE_DELAY=0} H2 runs no background housekeeping, so
     * every autosave commit leaves a dead chunk and the file grows by tens of KB per answer while
     * open (measured: 300 assessments, 1 MB each); a longer compaction at close gives it back
     * (decision 0012).
     */
    static String url(Path dir) {
        return url(DISK, dir);
    }

    private static String url(String fileSystem, Path dir) {
        return "jdbc:h2:" + fileSystem + dir.resolve(BASE_NAME) + ";WRITE_DELAY=0;CIPHER=AES;TRACE_LEVEL_FILE=0;COMPRESS=TRUE;QUERY_CACHE_SIZE=64;MAX_COMPACT_TIME="
                + CLOSE_COMPACT_MILLIS;
    }

    public Path file() {
        return file;
    }

    public Path directory() {
        return directory;
    }

    /** This installation's id, created on first open; revisions are numbered per device. */
    public UUID deviceId() {
        return deviceId;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /**
     * Runs {@code work} in one transaction and commits it before returning; on any failure rolls
     * back and rethrows (SQL errors as {@link StoreException}). Calls nest: an inner call joins
     * the outer transaction.
     */
    public <T> T inTransaction(SqlWork<T> work) {
        lock.lock();
        try {
            lastUse = System.nanoTime();
            ensureOpen();
            if (transactionDepth > 0) {
                return work.run(connection);
            }
            transactionDepth++;
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollbackQuietly();
                throw e;
            } finally {
                transactionDepth--;
            }
        } catch (SQLException e) {
            throw failed(e);
        } finally {
            lock.unlock();
        }
    }

    /** The lists' search in memory; use it only inside {@link #inTransaction}. */
    ListIndex listIndex() {
        return listIndex;
    }

    /**
     * How many {@link #inTransaction} calls are running on this thread's connection (guarded by the
     * lock). Counted apart from the lock's hold count, because {@link #inBatch} holds the lock
     * around its transaction without being one: read as "inside a transaction", the hold count made
     * every batch join an outer transaction that never committed until close (decision 0162).
     */
    private int transactionDepth;

    /** Set while {@link #inBatch} runs: forcing to disk waits for the batch's one commit. */
    private boolean batching;
    private boolean syncOwed;

    /**
     * Like {@link #inTransaction}, but a {@link #checkpointSync()} asked for inside it is done once,
     * after the one commit, instead of once per inner call: bulk loading (the {@code import}
     * command) forces the disk once per batch, not once per record. All or nothing, as one transaction.
     */
    public <T> T inBatch(SqlWork<T> work) {
        lock.lock();
        try {
            if (batching) {
                return inTransaction(work);
            }
            batching = true;
            syncOwed = false;
            T result;
            try {
                result = inTransaction(work);
            } finally {
                batching = false;
            }
            if (syncOwed) {
                syncOwed = false;
                checkpointSync();
            }
            return result;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Forces everything committed so far to the disk itself, so it survives a power cut, not just
     * a crash of this process. Used where losing a commit matters most (submit, sync receipts).
     */
    public void checkpointSync() {
        lock.lock();
        try {
            ensureOpen();
            if (batching) {
                syncOwed = true;
                return;
            }
            if (transactionDepth > 0) {
                // Inside a caller's transaction: raising the generation would commit its half-done work.
                try (Statement s = connection.createStatement()) {
                    s.execute("CHECKPOINT SYNC");
                }
            } else {
                forceToDiskAndMark();
            }
        } catch (SQLException e) {
            throw failed(e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Raises the generation, forces the store to disk and only then records the generation in the
     * save point, so the save point never names a state the disk might not hold.
     */
    private void forceToDiskAndMark() throws SQLException {
        long next = generation + 1;
        try (PreparedStatement p = connection.prepareStatement("MERGE INTO setting (setting_key, setting_value) KEY (setting_key) VALUES (?, ?)")) {
            p.setString(1, GENERATION_SETTING);
            p.setString(2, Long.toString(next));
            p.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollbackQuietly();
            throw e;
        }
        generation = next;
        try (Statement s = connection.createStatement()) {
            s.execute("CHECKPOINT SYNC");
        }
        try {
            savePoint.write(next);
        } catch (IOException e) {
            // A save point left behind is only a weaker check next time; the data itself is on disk.
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            if (!closed) {
                if (!stoppedAfterDamage && !waitingForSpace) {
                    try {
                        forceToDiskAndMark();
                        compactAtClose();
                    } catch (SQLException e) {
                        // Closing anyway; whatever was committed before is in the file.
                    }
                }
                closed = true;
                listIndex.forget();
                if (idleCheck != null) {
                    idleCheck.cancel(false);
                }
                closeQuietly(connection);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Below this share of live data in the file's chunks, closing compacts fully instead of for {@link #CLOSE_COMPACT_MILLIS}. */
    static final int COMPACT_BELOW_FILL_PERCENT = 50;

    /**
     * When most of the file is dead chunks, closes with {@code SHUTDOWN COMPACT}: H2 copies the live
     * data into a new file (encrypted with the same key) and swaps it in atomically, however long
     * that takes — the capped compaction of a normal close gave none of it back once the file was
     * large (decision 0160). A crash in the middle leaves the old file, which H2 cleans up on the
     * next open.
     */
    private void compactAtClose() throws SQLException {
        if (mostlyFree()) {
            try (Statement s = connection.createStatement()) {
                s.execute("SHUTDOWN COMPACT");
            } finally {
                // The compacted file is a new file, created with the process umask: tighten it again.
                // (Its temporary copy lives in the owner-only folder.)
                OwnerOnly.file(file);
            }
        }
    }

    /** Smaller files are left to the capped compaction of a normal close, which handles them in time. */
    static final long COMPACT_FROM_BYTES = 4L << 20;

    /** Percent of the chunks' space that holds live data, or -1 when H2 does not say. */
    static int chunksFillRate(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'info.CHUNKS_FILL_RATE'");
                ResultSet r = p.executeQuery()) {
            return r.next() ? Integer.parseInt(r.getString(1).trim()) : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void ensureOpen() {
        if (stoppedAfterDamage) {
            throw new StoreException("The database " + file + " was closed after it could not be read or written. Restart DASH Desk;"
                    + " everything saved before is kept. If it happens again, keep a copy of the file and its key file and contact support.",
                    null, true);
        }
        if (closed) {
            throw new StoreException("The database " + file + " has been closed. Restart DASH Desk.", null, true);
        }
        if (waitingForSpace) {
            if (transactionDepth > 0) {
                // Inside a transaction that began on the connection now gone: it cannot go on.
                throw StoreErrors.diskFullInUse(file, null);
            }
            reopen();
        }
    }

    /**
     * Opens the file again after a write found the disk full, through the same read-only probe and
     * save-point check as {@link #open}: H2 drops a chunk it could not finish, as after a crash, and
     * anything older than the last forced write is refused, never written over. While the disk is
     * still full the store stays waiting; if the file now looks damaged it is stopped for good.
     */
    private void reopen() {
        // Only a refusal by the key provider (a locked session, say) leaves the file untried;
        // every other refusal comes from the checks and means the file is not safe to use.
        boolean[] keyRefused = {false};
        KeyProvider watched = f -> {
            try {
                return keys.fileKey(f);
            } catch (RuntimeException e) {
                keyRefused[0] = true;
                throw e;
            }
        };
        Connection fresh = null;
        try {
            fresh = connect(directory, watched, savePoint, fileSystem);
            fresh.setAutoCommit(false);
            long found = readGeneration(fresh);
            fresh.commit();
            connection = fresh;
            generation = found;
            waitingForSpace = false;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(fresh);
            if (StoreErrors.diskFull(e)) {
                throw StoreErrors.diskFullInUse(file, e);
            }
            if (keyRefused[0]) {
                throw e instanceof StoreException se ? se : new StoreException(e.getMessage(), e);
            }
            stopForGood();
            StoreException why = e instanceof SQLException sql ? StoreErrors.onOpen(file, sql)
                    : e instanceof StoreException se ? se : new StoreException("The database " + file + " could not be opened again ("
                            + e.getClass().getSimpleName() + "). Restart DASH Desk.", e);
            throw new StoreException(why.getMessage(), why, true);
        }
    }

    private void stopForGood() {
        waitingForSpace = false;
        stoppedAfterDamage = true;
        closed = true;
    }

    /**
     * Reports a failure. If the file looks damaged, stops using it for good. If the disk is full,
     * stops using this connection and waits: H2 gives up on a store whose write failed, and the
     * next use reopens the file, which succeeds once space has been freed. In both cases H2 is shut
     * down without a normal close, which would compact, rewriting pages; SHUTDOWN IMMEDIATELY
     * writes nothing.
     */
    private StoreException failed(SQLException e) {
        StoreException reported = StoreErrors.onUse(file, e);
        if (closed || waitingForSpace) {
            return reported;
        }
        if (StoreErrors.diskFull(e)) {
            shutDownImmediately();
            waitingForSpace = true;
        } else if (StoreErrors.meansDamage(e)) {
            shutDownImmediately();
            stopForGood();
        }
        return reported;
    }

    private void shutDownImmediately() {
        try (Statement s = connection.createStatement()) {
            s.execute("SHUTDOWN IMMEDIATELY");
        } catch (SQLException ignored) {
            // Already closed by H2 itself, which is what we wanted.
        }
        closeQuietly(connection);
    }

    private void rollbackQuietly() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The original failure is what the user needs to hear about.
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // Closing after a failure; the failure itself is reported.
            }
        }
    }

    /**
     * Refuses a file that H2 opened at an older state than one already forced to disk: the newer
     * chunks are unreadable, and opening it for writing would overwrite them.
     */
    private static void refuseOlderThanSaved(Connection probe, Path file, SavePoint savePoint) throws SQLException {
        long saved = savePoint.read().orElse(0);
        if (saved == 0) {
            return;
        }
        long found = readGeneration(probe);
        if (found < saved) {
            throw new StoreException("The database " + file + " is damaged: it opens only at an older state than the one"
                    + " DASH Desk last saved (save point " + saved + ", found " + found + "), so recent work is unreadable."
                    + " The file has not been changed or deleted. Keep a copy of it and of its key file, and restore from a"
                    + " backup or contact support. If you restored an older copy on purpose, delete " + savePoint.file()
                    + " and start DASH Desk again.");
        }
    }

    /** The store generation, or 0 for a new store or one from before save points. */
    private static long readGeneration(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet r = s.executeQuery(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'SETTING'")) {
            r.next();
            if (r.getInt(1) == 0) {
                return 0;
            }
        }
        try (PreparedStatement p = c.prepareStatement("SELECT setting_value FROM setting WHERE setting_key = ?")) {
            p.setString(1, GENERATION_SETTING);
            try (ResultSet r = p.executeQuery()) {
                return r.next() ? Long.parseLong(r.getString(1)) : 0;
            }
        }
    }

    private static UUID ensureDeviceId(Connection c) throws SQLException {
        try (PreparedStatement p = c.prepareStatement("SELECT setting_value FROM setting WHERE setting_key = ?")) {
            p.setString(1, DEVICE_ID_SETTING);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    return UUID.fromString(r.getString(1));
                }
            }
        }
        UUID id = UUID.randomUUID();
        try (PreparedStatement p = c.prepareStatement("INSERT INTO setting (setting_key, setting_value) VALUES (?, ?)")) {
            p.setString(1, DEVICE_ID_SETTING);
            p.setString(2, id.toString());
            p.executeUpdate();
        }
        return id;
    }

    /** The next per-device sequence number; call inside the transaction that uses it. */
    static long nextDeviceSeq(Connection c) throws SQLException {
        long next = 1;
        try (PreparedStatement p = c.prepareStatement("SELECT setting_value FROM setting WHERE setting_key = ? FOR UPDATE")) {
            p.setString(1, DEVICE_SEQ_SETTING);
            try (ResultSet r = p.executeQuery()) {
                if (r.next()) {
                    next = Long.parseLong(r.getString(1)) + 1;
                }
            }
        }
        try (PreparedStatement p = c.prepareStatement("MERGE INTO setting (setting_key, setting_value) KEY (setting_key) VALUES (?, ?)")) {
            p.setString(1, DEVICE_SEQ_SETTING);
            p.setString(2, Long.toString(next));
            p.executeUpdate();
        }
        return next;
    }
}
