package org.dashdesk.store;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;

import org.dashdesk.assessment.StoreException;
import org.h2.api.ErrorCode;

/**
 * Turns H2 failures into messages a user can act on. H2's own message is kept only in the cause:
 * it can quote SQL parameters, which may be answers.
 */
final class StoreErrors {

    private StoreErrors() {
    }

    static StoreException onOpen(Path file, SQLException e) {
        String nothingChanged = " The file has not been changed or deleted.";
        int code = e.getErrorCode();
        if (diskFull(e)) {
            return new StoreException(diskFullMessage(file), e);
        }
        return switch (code) {
            // H2 reports every unreadable encrypted file as an encryption error; only a bad store
            // header (the first block to be decrypted) points at the key rather than at damage.
            case ErrorCode.FILE_ENCRYPTION_ERROR_1, ErrorCode.WRONG_USER_OR_PASSWORD -> causeSays(e, "Store header is corrupt")
                    || code == ErrorCode.WRONG_USER_OR_PASSWORD
                    ? new StoreException("The database " + file + " cannot be opened with this key: the keyring ("
                            + file.resolveSibling(Database.BASE_NAME + ".keyring.json").getFileName() + ") or key file ("
                            + file.resolveSibling(Database.BASE_NAME + ".key").getFileName() + ") next to it does not hold the key"
                            + " the database was created with, or the beginning of the database file is damaged. Restore the"
                            + " matching keyring or a backup." + nothingChanged, e)
                    : damaged(file, code, e);
            case ErrorCode.DATABASE_ALREADY_OPEN_1 -> new StoreException("The database " + file
                    + " is in use by another program, probably another DASH Desk window. Close it and try again." + nothingChanged, e);
            case ErrorCode.FILE_VERSION_ERROR_1 -> new StoreException("The database " + file
                    + " was written by an incompatible database version. Update DASH Desk." + nothingChanged, e);
            // Out of memory while opening a file of a few MB means H2 read a damaged length field.
            case ErrorCode.FILE_CORRUPTED_1, ErrorCode.GENERAL_ERROR_1, ErrorCode.IO_EXCEPTION_1, ErrorCode.IO_EXCEPTION_2,
                    ErrorCode.FILE_NOT_FOUND_1, ErrorCode.OUT_OF_MEMORY -> damaged(file, code, e);
            default -> new StoreException("The database " + file + " could not be opened (H2 error " + code + ", SQL state "
                    + e.getSQLState() + ")." + nothingChanged, e);
        };
    }

    /**
     * The probe is the only read-only open. H2 refuses it as "read only" when opening would mean
     * writing, which for an existing file happens only when it finds no intact state to read: opened
     * read-write, such a file would be taken for a new, empty database.
     */
    static StoreException onReadOnlyProbe(Path file, SQLException e) {
        return e.getErrorCode() == ErrorCode.DATABASE_IS_READ_ONLY ? damaged(file, e.getErrorCode(), e) : onOpen(file, e);
    }

    static StoreException onUse(Path file, SQLException e) {
        if (diskFull(e)) {
            return diskFullInUse(file, e);
        }
        if (e.getErrorCode() == ErrorCode.DATABASE_IS_CLOSED) {
            return new StoreException("The database " + file + " was closed after an earlier error. Restart DASH Desk; everything"
                    + " saved before is kept.", e, true);
        }
        if (meansDamage(e)) {
            // The store stops using the file after these (Database.failed), so the user must restart.
            return new StoreException("The database " + file + " could not be read or written (H2 error " + e.getErrorCode()
                    + "). The last change was not saved; everything saved before is kept. DASH Desk has stopped using the file"
                    + " to protect it: restart DASH Desk; if this happens again, keep a copy of the file and contact support.", e, true);
        }
        return new StoreException("The database " + file + " refused a change (H2 error " + e.getErrorCode()
                + ", SQL state " + e.getSQLState() + "). The last change was not saved; everything saved before is kept.", e);
    }

    /**
     * A write found the disk full while the app was running. Not damage: the store reopens the file
     * on the next save (decision 0013), so the message says to free space, not to restart, and is
     * not marked as needing a restart.
     */
    static StoreException diskFullInUse(Path file, Throwable cause) {
        return new StoreException("The database " + file + " cannot be written: the disk is full. The last change was not saved;"
                + " everything saved before is kept. Free some space on the drive that holds " + file.getParent()
                + " (delete or move large files you do not need, empty the bin); the next save opens the file again and"
                + " succeeds once there is room.", cause);
    }

    /** Errors after which the file may be damaged, so the store stops using it (a full disk is not one). */
    static boolean meansDamage(SQLException e) {
        if (diskFull(e)) {
            return false;
        }
        return switch (e.getErrorCode()) {
            case ErrorCode.FILE_CORRUPTED_1, ErrorCode.GENERAL_ERROR_1, ErrorCode.IO_EXCEPTION_1, ErrorCode.IO_EXCEPTION_2,
                    ErrorCode.FILE_ENCRYPTION_ERROR_1, ErrorCode.DATABASE_IS_CLOSED -> true;
            default -> false;
        };
    }

    private static StoreException damaged(Path file, int code, SQLException e) {
        return new StoreException("The database " + file + " is damaged or unreadable (H2 error " + code + "). Keep a copy of it and"
                + " of its key file, and restore from a backup or contact support. The file has not been changed or deleted.", e);
    }

    private static boolean causeSays(Throwable e, String text) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().contains(text)) {
                return true;
            }
        }
        return false;
    }

    /** On open: nothing is running yet, so the way on is to free space and start again. */
    private static String diskFullMessage(Path file) {
        return "The database " + file + " cannot be opened: the disk is full. Free some space on the drive that holds "
                + file.getParent() + " and start DASH Desk again; everything saved before is kept, and the file has not been"
                + " changed or deleted.";
    }

    static boolean diskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null) {
                String lower = m.toLowerCase(Locale.ROOT);
                if (lower.contains("no space left") || lower.contains("not enough space") || lower.contains("disk full")
                        || lower.contains("disk quota exceeded")) {
                    return true;
                }
            }
        }
        return false;
    }
}
