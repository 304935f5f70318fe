package org.dashdesk.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.dashdesk.protocol.Protocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on an RSA key (the case where the JDK's defaults would offer static-RSA and CBC-SHA1 suites):
 * only forward-secret AEAD suites on TLS 1.2+, and HSTS on every HTTPS answer.
 */
class TlsHardeningTest {

    @TempDir
    Path dir;
    ReferenceServer server;

    @BeforeEach
    void start() throws Exception {
        keytool(dir, "RSA");
        ReferenceServer.keystoreScanSeconds = 1;
        server = ReferenceServer.start(ServerConfig.https(dir.resolve("srv"), dir.resolve("rsa.p12"), "changeit".toCharArray()));
    }

    @AfterEach
    void stop() {
        ReferenceServer.keystoreScanSeconds = 60;
        server.close();
    }

    /** A client that trusts anything: only the negotiation is under test here, not the certificate. */
    SSLSocket connect(String protocol, String suite) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), server.port());
        s.setSoTimeout(5_000);
        s.setEnabledProtocols(new String[] {protocol});
        s.setEnabledCipherSuites(new String[] {suite});
        return s;
    }

    @Test
    void aForwardSecretGcmSuiteIsAcceptedAndAnswersCarryHsts() throws Exception {
        try (SSLSocket s = connect("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")) {
            s.startHandshake();
            s.getOutputStream().write(("GET " + Protocol.HEALTH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String reply = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
            assertTrue(reply.toLowerCase().contains("strict-transport-security: max-age=" + ReferenceServer.HSTS_SECONDS), reply);
        }
        try (SSLSocket s = connect("TLSv1.3", "TLS_AES_128_GCM_SHA256")) {
            s.startHandshake();
            assertEquals("TLSv1.3", s.getSession().getProtocol());
        }
    }

    @Test
    void aReplacedKeystoreIsServedWithoutARestart() throws Exception {
        X509Certificate before = served();
        Path next = dir.resolve("next");
        java.nio.file.Files.createDirectories(next);
        keytool(next, "RSA");
        java.nio.file.Files.move(next.resolve("rsa.p12"), dir.resolve("rsa.p12"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        X509Certificate after = served();
        while (after.equals(before) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            after = served();
        }
        assertTrue(!after.equals(before), "the new certificate was not served within 20 s");
    }

    X509Certificate served() throws Exception {
        try (SSLSocket s = connect("TLSv1.3", "TLS_AES_128_GCM_SHA256")) {
            s.startHandshake();
            return (X509Certificate) s.getSession().getPeerCertificates()[0];
        }
    }

    static void keytool(Path dir, String alg) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "server", "-keyalg", alg, "-keysize", "2048", "-dname", "CN=localhost",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12", "-keystore", "rsa.p12",
                "-storepass", "changeit", "-keypass", "changeit"));
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void cbcSha1SuitesAreRefused() {
        // The JDK 17 client offers this by default and the JDK server accepted it with an RSA key.
        assertThrows(IOException.class, () -> {
            try (SSLSocket s = connect("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA")) {
                s.startHandshake();
            }
        });
        assertThrows(IOException.class, () -> {
            try (SSLSocket s = connect("TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384")) {
                s.startHandshake();
            }
        });
    }

    @Test
    void staticRsaKeyExchangeWithoutForwardSecrecyIsRefused() {
        assertThrows(SSLException.class, () -> {
            try (SSLSocket s = connect("TLSv1.2", "TLS_RSA_WITH_AES_128_GCM_SHA256")) {
                s.startHandshake();
            }
        });
    }
}
