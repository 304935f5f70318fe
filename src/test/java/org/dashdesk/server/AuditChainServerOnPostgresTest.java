package org.dashdesk.server;

/** Every {@link AuditChainServerTest} again, on a real PostgreSQL (a fresh database per test). */
class AuditChainServerOnPostgresTest extends AuditChainServerTest {

    @Override
    TestDatabases.Kind database() {
        return TestDatabases.Kind.POSTGRES;
    }
}
