/**
 * The wire format of sync protocol v1, shared by the client ({@code sync}) and the reference
 * server ({@code server}) so both sides read and write exactly the same JSON. Documented for
 * implementers in {@code src/docs/protocol.md}.
 */
package org.dashdesk.protocol;
