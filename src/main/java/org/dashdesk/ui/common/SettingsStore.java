package org.dashdesk.ui.common;

import java.util.Optional;

/**
 * Key/value settings of the local user profile (theme, font size, who the user is). Implemented
 * over the store's local settings; the UI depends only on this port.
 */
public interface SettingsStore {

    Optional<String> get(String key);

    void put(String key, String value);

    void remove(String key);
}
