/**
 * The outbox as a concept shared by the layers: the {@link org.dashdesk.outbox.Outbox} interface
 * the sync service drives, the delivery state of one queued revision
 * ({@link org.dashdesk.outbox.OutboxState}, with the one set of on-screen words) and a row
 * ({@link org.dashdesk.outbox.OutboxRecord}). Implemented by the store, which alone writes the SQL;
 * read by sync and the screens, neither of which may import the store (decision 0140). No SQL here.
 */
package org.dashdesk.outbox;
