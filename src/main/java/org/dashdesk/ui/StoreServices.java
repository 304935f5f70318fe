package org.dashdesk.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

import org.dashdesk.assessment.AssessmentService;
import org.dashdesk.grading.GradingEngine;
import org.dashdesk.grading.GradingPolicy;
import org.dashdesk.instrument.PackRegistry;
import org.dashdesk.security.FileKeyProvider;
import org.dashdesk.store.DataDirectories;
import org.dashdesk.store.H2AssessmentRepository;
import org.dashdesk.store.LocalSettings;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.SettingsStore;

/** Opens the encrypted store in the data directory and builds the services the screens use. */
public final class StoreServices {

    private StoreServices() {
    }

    /** Opens the store in the default data directory (or {@code -Ddashdesk.data.dir}). Call off the FX thread. */
    public static AppServices openDefault() throws java.io.IOException {
        return open(DataDirectories.resolve());
    }

    public static AppServices open(Path directory) throws java.io.IOException {
        Files.createDirectories(directory);
        H2AssessmentRepository repository = H2AssessmentRepository.open(directory, new FileKeyProvider());
        LocalSettings local = new LocalSettings(repository.database());
        PackRegistry packs = PackRegistry.builtIn();
        AssessmentService service = new AssessmentService(repository, new GradingEngine(packs, GradingPolicy.builtInDefault()),
                packs.require("dash-2009"), Clock.systemUTC());
        SettingsStore settings = new SettingsStore() {
            @Override
            public Optional<String> get(String key) {
                return local.get(key);
            }

            @Override
            public void put(String key, String value) {
                local.put(key, value);
            }

            @Override
            public void remove(String key) {
                local.remove(key);
            }
        };
        return new AppServices(service, packs, settings, repository);
    }
}
