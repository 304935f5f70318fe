/**
 * The local store: an encrypted H2 file database ({@link org.dashdesk.store.Database}) with
 * numbered SQL migrations, the H2 implementation of the assessment repository (answers committed
 * one by one, an audit row with every change), the sync tables behind
 * {@link org.dashdesk.outbox.Outbox} ({@link org.dashdesk.store.OutboxStore}: the outbox and the
 * pulled return notes), and small local settings. The only package besides the server that uses
 * SQL (checked by the architecture test): sync drives the outbox through the interface, never
 * through SQL of its own (decision 0140).
 */
package org.dashdesk.store;
