package org.dashdesk.server;

/** The security findings again, on a real PostgreSQL (row locks and the rate count as two nodes would see them). */
class ServerSecurityOnPostgresTest extends ServerSecurityTest {

    @Override
    TestDatabases.Kind database() {
        return TestDatabases.Kind.POSTGRES;
    }
}
