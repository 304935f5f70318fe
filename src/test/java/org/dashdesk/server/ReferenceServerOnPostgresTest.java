package org.dashdesk.server;

/** Every {@link ReferenceServerTest} again, on a real PostgreSQL (a fresh database per test). */
class ReferenceServerOnPostgresTest extends ReferenceServerTest {

    @Override
    TestDatabases.Kind database() {
        return TestDatabases.Kind.POSTGRES;
    }
}
