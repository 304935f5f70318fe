package org.dashdesk.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real servers on loopback: plain HTTP (the server's development mode) and HTTPS with a self-made certificate. */
class EndpointCheckTest {

    @TempDir
    Path temp;
    private HttpServer server;
    private final EndpointCheck check = new EndpointCheck(Duration.ofSeconds(5));

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static HttpServer serve(HttpServer server, int status, String body) {
        server.createContext("/api/v1/health", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
        return server;
    }

    private URI http(int status, String body) throws IOException {
        server = serve(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), status, body);
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void aWorkingServerIsSaidToAnswer() throws IOException {
        EndpointCheck.Result result = check.check(http(200, "{\"status\":\"ok\",\"protocol\":1}"), Optional.empty());
        assertTrue(result.answered(), result.message());
        assertTrue(result.message().contains("answers and is working"), result.message());
    }

    @Test
    void aWrongProtocolOrAnotherWebServerIsExplained() throws IOException {
        EndpointCheck.Result protocol = check.check(http(200, "{\"status\":\"ok\",\"protocol\":2}"), Optional.empty());
        assertFalse(protocol.answered());
        assertTrue(protocol.message().contains("speaks protocol 2; this DASH Desk needs protocol 1"), protocol.message());
        server.stop(0);

        EndpointCheck.Result notFound = check.check(http(404, "nope"), Optional.empty());
        assertFalse(notFound.answered());
        assertTrue(notFound.message().contains("HTTP 404") && notFound.message().contains("not a DASH Desk central server"),
                notFound.message());
    }

    @Test
    void nothingListeningIsSaidInWords() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        EndpointCheck.Result result = check.check(URI.create("http://127.0.0.1:" + port), Optional.empty());
        assertFalse(result.answered());
        assertEquals("Nothing answers at 127.0.0.1:" + port + ": check the address, or whether the server is running.", result.message());
    }

    @Test
    void httpsIsTrustedWithTheGivenCertificateOnlyAndABadFileIsNamed() throws Exception {
        Path serverStore = keyPair("server");
        Path serverCert = exportCertificate(serverStore, "server");
        Path otherCert = exportCertificate(keyPair("other"), "other");
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(serverStore.toFile())) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(managers.getKeyManagers(), null, null);
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(tls));
        server = serve(https, 200, "{\"status\":\"ok\",\"protocol\":1}");
        URI endpoint = URI.create("https://localhost:" + server.getAddress().getPort());

        EndpointCheck.Result trusted = check.check(endpoint, Optional.of(serverCert));
        assertTrue(trusted.answered(), trusted.message());

        EndpointCheck.Result wrong = check.check(endpoint, Optional.of(otherCert));
        assertFalse(wrong.answered());
        assertTrue(wrong.message().contains("certificate is not"), wrong.message());

        Path missing = temp.resolve("missing.pem");
        EndpointCheck.Result bad = check.check(endpoint, Optional.of(missing));
        assertFalse(bad.answered());
        assertTrue(bad.message().startsWith("The certificate file " + missing + " cannot be used"), bad.message());
    }

    private Path keyPair(String name) throws Exception {
        Path store = temp.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-keystore", store.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        return store;
    }

    private Path exportCertificate(Path store, String name) throws Exception {
        Path certificate = temp.resolve(name + ".pem");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass", "changeit",
                "-file", certificate.toString());
        return certificate;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new AssertionError("keytool failed: " + output);
        }
    }
}
