package org.dashdesk.server;

/** The history search again, on a real PostgreSQL. */
class HistorySearchOnPostgresTest extends HistorySearchTest {

    @Override
    ServerConfig config() {
        return TestDatabases.onUrl(TestDatabases.freshPostgresUrl());
    }
}
