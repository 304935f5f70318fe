/**
 * The client side of sync protocol v1: the HTTPS client and
 * the background service that pushes revisions (high risk first, each assessment in order,
 * synced only once the server's receipt is forced to disk) and pulls central decisions. Never
 * runs on the FX thread; the UI binds to {@link org.dashdesk.sync.SyncSnapshot}s. The outbox it drives is
 * {@link org.dashdesk.outbox.Outbox}, implemented by the store: no SQL here (decision 0140).
 */
package org.dashdesk.sync;
