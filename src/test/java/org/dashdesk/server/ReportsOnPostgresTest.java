package org.dashdesk.server;

/** The reports again, on a real PostgreSQL: the same synthetic force, the same counts. */
class ReportsOnPostgresTest extends ReportsTest {

    @Override
    ServerConfig config() {
        return TestDatabases.onUrl(TestDatabases.freshPostgresUrl());
    }
}
