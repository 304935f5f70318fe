package org.dashdesk.server;

import java.net.InetAddress;
import java.nio.file.Path;

/**
 * How to run the reference server.
 *
 * @param jdbcUrl          null for the embedded H2 file in {@code dataDir}
 * @param keystore         PKCS12 keystore with the server's key and certificate; null only with
 *                         {@code devInsecureHttp}
 * @param devInsecureHttp  plain HTTP for development; refused unless bound to a loopback address
 */
public record ServerConfig(
        InetAddress bindAddress,
        int port,
        Path dataDir,
        String jdbcUrl,
        String jdbcUser,
        String jdbcPassword,
        Path keystore,
        char[] keystorePassword,
        boolean devInsecureHttp,
        int threads) {

    public static ServerConfig devHttp(Path dataDir) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, dataDir, null, null, null, null, null, true, 16);
    }

    public static ServerConfig https(Path dataDir, Path keystore, char[] password) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, dataDir, null, null, null, keystore, password, false, 16);
    }

    public String effectiveJdbcUrl() {
        return jdbcUrl != null ? jdbcUrl : ServerStore.defaultJdbcUrl(dataDir);
    }
}
