/**
 * The local store: an encrypted H2 file database ({@link org.dashdesk.store.Database}) with
 * numbered SQL migrations, the H2 implementation of the assessment repository (answers committed
 * one by one, an audit row with every change), the sync outbox table, and small local settings.
 * The only package besides the server that writes SQL.
 */
package org.dashdesk.store;
