package org.dashdesk.config;

/** A user tried to change a setting that IT locked in the machine-wide file. */
public final class LockedSettingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public LockedSettingException(ConfigKey key, java.nio.file.Path itFile) {
        super(key.key() + " is locked by " + itFile + " and cannot be changed here");
    }
}
