package org.dashdesk.server;

/** Every endpoint × every role again, on a real PostgreSQL. */
class ServerRoleMatrixOnPostgresTest extends ServerRoleMatrixTest {

    @Override
    ServerConfig config() {
        return TestDatabases.onUrl(TestDatabases.freshPostgresUrl());
    }
}
