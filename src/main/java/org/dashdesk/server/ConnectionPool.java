package org.dashdesk.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A small fixed pool over {@link DriverManager}, so the server works with any JDBC URL (embedded
 * H2 or a force's PostgreSQL) without a pooling library. Connections that failed are discarded.
 */
final class ConnectionPool implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final BlockingQueue<Connection> idle;
    private volatile boolean closed;

    ConnectionPool(String url, String user, String password, int size) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    Connection borrow() throws SQLException {
        if (closed) {
            throw new SQLException("server database is closed");
        }
        Connection c = idle.poll();
        while (c != null && c.isClosed()) {
            c = idle.poll();
        }
        return c != null ? c : DriverManager.getConnection(url, user, password);
    }

    void giveBack(Connection c, boolean healthy) {
        try {
            if (healthy && !closed && !c.isClosed()) {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                if (idle.offer(c, 0, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            c.close();
        } catch (SQLException | InterruptedException e) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the connection is being thrown away anyway
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        Connection c;
        while ((c = idle.poll()) != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing at shut-down: nothing left to do with it
            }
        }
    }
}
