package org.dashdesk.ui.setup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

import com.sun.net.httpserver.HttpServer;
import org.dashdesk.config.AppConfig;
import org.dashdesk.config.ConfigKey;
import org.dashdesk.config.ConfigLocations;
import org.dashdesk.config.EndpointCheck;
import org.dashdesk.ui.common.FxTaskExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real setup window (headless Monocle) against a real server on loopback, with the real background executor. */
@ExtendWith(ApplicationExtension.class)
class SetupViewTest {

    @TempDir
    static Path temp;
    private HttpServer server;
    private FxTaskExecutor executor;
    private ConfigLocations locations;
    private final AtomicBoolean done = new AtomicBoolean();

    @Start
    void start(Stage stage) throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/v1/health", exchange -> {
            byte[] body = "{\"status\":\"ok\",\"protocol\":1}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        Path dir = Files.createTempDirectory(temp, "setup");
        Files.writeString(dir.resolve("it.properties"), "packs.directory = " + dir.resolve("force-packs") + "\nlocked = packs.directory\n");
        locations = new ConfigLocations(dir.resolve("it.properties"), dir.resolve("data"));
        executor = new FxTaskExecutor();
        SetupViewModel model = new SetupViewModel(AppConfig.load(locations), executor, new EndpointCheck(Duration.ofSeconds(5)));
        stage.setScene(new Scene(new SetupView(model, () -> done.set(true)), 900, 500));
        stage.show();
    }

    @AfterEach
    void stop() {
        executor.close();
        server.stop(0);
    }

    @Test
    void anOfficerEntersTheAddressChecksItAndSaves(FxRobot robot) throws Exception {
        TextField packs = robot.lookup("#setup-packs").queryAs(TextField.class);
        assertTrue(packs.isDisabled(), "IT locked the pack folder");
        assertEquals("Set by your IT department", robot.lookup("#setup-packs-locked").queryAs(Label.class).getText());

        String endpoint = "http://127.0.0.1:" + server.getAddress().getPort();
        robot.clickOn("#setup-endpoint").write(endpoint);
        robot.clickOn("#setup-check");
        Label result = robot.lookup("#setup-check-result").queryAs(Label.class);
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> result.getText().contains("answers and is working"));

        robot.clickOn("#setup-save");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(done.get(), robot.lookup("#setup-save-result").queryAs(Label.class).getText());
        assertEquals(endpoint, AppConfig.load(locations).value(ConfigKey.CENTRAL_ENDPOINT).orElseThrow());
    }
}
