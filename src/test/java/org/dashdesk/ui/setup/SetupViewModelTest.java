package org.dashdesk.ui.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import com.sun.net.httpserver.HttpServer;
import org.dashdesk.config.AppConfig;
import org.dashdesk.config.ConfigKey;
import org.dashdesk.config.ConfigLocations;
import org.dashdesk.config.EndpointCheck;
import org.dashdesk.ui.common.CurrentThreadTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The setup's logic without a window: real files, a real server on loopback, tasks run in the test's thread. */
class SetupViewModelTest {

    @TempDir
    Path temp;
    private ConfigLocations locations;
    private HttpServer server;
    private String endpoint;

    @BeforeEach
    void setUp() throws IOException {
        locations = new ConfigLocations(temp.resolve("it.properties"), temp.resolve("data"));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/health", exchange -> {
            byte[] body = "{\"status\":\"ok\",\"protocol\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SetupViewModel model() {
        return new SetupViewModel(AppConfig.load(locations), new CurrentThreadTaskExecutor(), new EndpointCheck(Duration.ofSeconds(5)));
    }

    @Test
    void firstRunIsNeededUntilSavedAndSavingKeepsTheValues() {
        SetupViewModel model = model();
        assertTrue(FirstRunSetup.needed(model.config()));
        assertEquals(locations.baseDataDirectory().toString(), model.field(ConfigKey.DATA_DIRECTORY).get());

        model.field(ConfigKey.CENTRAL_ENDPOINT).set(endpoint);
        model.field(ConfigKey.PACK_DIRECTORY).set(temp.resolve("packs").toString());
        assertTrue(model.save(), model.saveMessageProperty().get());

        AppConfig reloaded = AppConfig.load(locations);
        assertFalse(FirstRunSetup.needed(reloaded));
        assertEquals(endpoint, reloaded.value(ConfigKey.CENTRAL_ENDPOINT).orElseThrow());
        assertEquals(Optional.of(temp.resolve("packs")), reloaded.packDirectory());
        assertEquals(Optional.empty(), reloaded.value(ConfigKey.DATA_DIRECTORY), "the default data folder is not written down");
    }

    @Test
    void theCheckSaysInWordsWhetherTheServerAnswers() {
        SetupViewModel model = model();
        model.field(ConfigKey.CENTRAL_ENDPOINT).set(endpoint);
        model.checkEndpoint();
        assertEquals(SetupViewModel.CheckState.ANSWERED, model.checkStateProperty().get());
        assertTrue(model.checkMessageProperty().get().contains("answers and is working"), model.checkMessageProperty().get());

        model.field(ConfigKey.CENTRAL_ENDPOINT).set("http://dash.force.example");
        assertEquals(SetupViewModel.CheckState.NOT_CHECKED, model.checkStateProperty().get(), "a new address forgets the old result");
        model.checkEndpoint();
        assertEquals(SetupViewModel.CheckState.FAILED, model.checkStateProperty().get());
        assertTrue(model.checkMessageProperty().get().startsWith("The address must use https"), model.checkMessageProperty().get());
    }

    @Test
    void lockedSettingsComeFromItAndABadValueIsRefusedNamingTheField() throws IOException {
        Files.writeString(locations.itFile(), "central.endpoint = " + endpoint + "\nlocked = central.endpoint\n");
        SetupViewModel model = model();
        assertTrue(model.isLocked(ConfigKey.CENTRAL_ENDPOINT));
        assertEquals(endpoint, model.field(ConfigKey.CENTRAL_ENDPOINT).get());
        assertFalse(model.isLocked(ConfigKey.PACK_DIRECTORY));

        model.field(ConfigKey.PACK_DIRECTORY).set("relative/packs");
        assertFalse(model.save());
        assertTrue(model.saveMessageProperty().get().startsWith("Not saved: packs.directory must be a full path"),
                model.saveMessageProperty().get());
        assertFalse(Files.exists(locations.userFile()), "nothing written");
    }
}
