package org.dashdesk.ui.setup;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.dashdesk.config.AppConfig;
import org.dashdesk.config.ConfigKey;
import org.dashdesk.config.EndpointCheck;
import org.dashdesk.config.LockedSettingException;
import org.dashdesk.config.SettingRules;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * State of the first-run setup. Fields start with the values in force (IT's or the user's);
 * locked ones cannot be edited. The endpoint check runs on the executor, never on the FX thread.
 */
public final class SetupViewModel {

    /** Outcome of the last endpoint check, for styling. */
    public enum CheckState { NOT_CHECKED, CHECKING, ANSWERED, FAILED }

    private final TaskExecutor executor;
    private final EndpointCheck endpointCheck;
    private AppConfig config;
    private final Map<ConfigKey, StringProperty> fields = new EnumMap<>(ConfigKey.class);
    private final ReadOnlyObjectWrapper<CheckState> checkState = new ReadOnlyObjectWrapper<>(CheckState.NOT_CHECKED);
    private final ReadOnlyStringWrapper checkMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper saveMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper saved = new ReadOnlyBooleanWrapper(false);
    private int checkGeneration;

    public SetupViewModel(AppConfig config, TaskExecutor executor, EndpointCheck endpointCheck) {
        this.config = config;
        this.executor = executor;
        this.endpointCheck = endpointCheck;
        for (ConfigKey key : ConfigKey.values()) {
            String initial = key == ConfigKey.DATA_DIRECTORY ? config.dataDirectory().toString() : config.value(key).orElse("");
            StringProperty field = new SimpleStringProperty(initial);
            fields.put(key, field);
        }
        // A changed address or certificate makes an earlier check result stale.
        fields.get(ConfigKey.CENTRAL_ENDPOINT).addListener((o, a, b) -> forgetCheck());
        fields.get(ConfigKey.CENTRAL_CERTIFICATE).addListener((o, a, b) -> forgetCheck());
    }

    /**
     * Whether the first-run setup is due: until the user's settings file exists, unless IT locked
     * every setting. Here, not in {@link FirstRunSetup} (which opens a window), so the shell's
     * view models decide it without reaching {@code javafx.stage}.
     */
    public static boolean isDue(AppConfig config) {
        return !config.userFilePresent() && !config.everythingLocked();
    }

    public StringProperty field(ConfigKey key) {
        return fields.get(key);
    }

    public boolean isLocked(ConfigKey key) {
        return config.isLocked(key);
    }

    /** Problems found in the settings files, one per line, or empty. */
    public String fileProblems() {
        return String.join("\n", config.problems());
    }

    public ReadOnlyObjectProperty<CheckState> checkStateProperty() {
        return checkState.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkMessageProperty() {
        return checkMessage.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty saveMessageProperty() {
        return saveMessage.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty savedProperty() {
        return saved.getReadOnlyProperty();
    }

    /** The settings as last saved (or as given, before saving). */
    public AppConfig config() {
        return config;
    }

    /** Checks the endpoint in the background; the result arrives in {@link #checkMessageProperty()}. */
    public void checkEndpoint() {
        String endpoint = fields.get(ConfigKey.CENTRAL_ENDPOINT).get().strip();
        String certificate = fields.get(ConfigKey.CENTRAL_CERTIFICATE).get().strip();
        if (endpoint.isEmpty()) {
            finish(++checkGeneration, new EndpointCheck.Result(false, "Enter the central server's address first."));
            return;
        }
        String problem = Optional.ofNullable(SettingRules.check(ConfigKey.CENTRAL_ENDPOINT, endpoint))
                .or(() -> Optional.ofNullable(SettingRules.check(ConfigKey.CENTRAL_CERTIFICATE, certificate)).map(p -> "The certificate " + p))
                .map(p -> p.startsWith("The certificate") ? p : "The address " + p)
                .orElse(null);
        if (problem != null) {
            finish(++checkGeneration, new EndpointCheck.Result(false, problem + "."));
            return;
        }
        int generation = ++checkGeneration;
        checkState.set(CheckState.CHECKING);
        checkMessage.set("Checking whether the central server answers…");
        Optional<Path> trusted = certificate.isEmpty() ? Optional.empty() : Optional.of(Path.of(certificate));
        executor.execute(BackgroundTask.of(() -> endpointCheck.check(URI.create(endpoint), trusted))
                .onSuccess(result -> finish(generation, result))
                .onFailure(e -> finish(generation, new EndpointCheck.Result(false, "The check failed (" + e.getClass().getSimpleName() + ")."))));
    }

    private void finish(int generation, EndpointCheck.Result result) {
        if (generation != checkGeneration) {
            return; // the user changed the address meanwhile; an old answer would mislead
        }
        checkState.set(result.answered() ? CheckState.ANSWERED : CheckState.FAILED);
        checkMessage.set(result.message());
    }

    private void forgetCheck() {
        checkGeneration++;
        checkState.set(CheckState.NOT_CHECKED);
        checkMessage.set("");
    }

    /** Saves to the user's settings file; false (with a message naming the field) when refused. */
    public boolean save() {
        Map<ConfigKey, String> values = new EnumMap<>(ConfigKey.class);
        for (ConfigKey key : ConfigKey.values()) {
            if (!config.isLocked(key)) {
                values.put(key, fields.get(key).get());
            }
        }
        // The default data directory is not written down, so moving the default later still works.
        if (values.get(ConfigKey.DATA_DIRECTORY).strip().equals(config.baseDataDirectory().toString())) {
            values.put(ConfigKey.DATA_DIRECTORY, "");
        }
        try {
            config = config.saveUserSettings(values);
        } catch (IllegalArgumentException | LockedSettingException e) {
            saveMessage.set("Not saved: " + e.getMessage() + ".");
            return false;
        } catch (IOException e) {
            saveMessage.set("Not saved: " + config.locations().userFile() + " cannot be written (" + e.getClass().getSimpleName() + ").");
            return false;
        }
        saveMessage.set("Saved to " + config.locations().userFile() + ".");
        saved.set(true);
        return true;
    }
}
