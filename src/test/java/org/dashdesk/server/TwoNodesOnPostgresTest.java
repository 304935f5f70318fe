package org.dashdesk.server;

/** Two nodes on one real PostgreSQL database. */
class TwoNodesOnPostgresTest extends TwoNodesTest {

    @Override
    TestDatabases.Kind database() {
        return TestDatabases.Kind.POSTGRES;
    }
}
