package org.dashdesk.sync;

import org.dashdesk.server.ServerConfig;
import org.dashdesk.server.TestDatabases;

/** The real client against the real server again, the server on a real PostgreSQL (a fresh database per test). */
class SyncIntegrationOnPostgresTest extends SyncIntegrationTest {

    @Override
    ServerConfig serverConfig() {
        return TestDatabases.onUrl(TestDatabases.freshPostgresUrl());
    }
}
