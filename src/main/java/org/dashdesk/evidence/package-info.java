/**
 * Evidence that stands up (issue 14): the hash chain over audit rows, its verifier, and Ed25519
 * signatures for receipts and audit checkpoints. Pure Java: no SQL, no JavaFX, no HTTP. The
 * laptop store and the central server each keep their own audit table and feed its rows through
 * the same {@link org.dashdesk.evidence.AuditRow#hash} and {@link org.dashdesk.evidence.ChainVerifier},
 * so both sides agree on what "intact" means.
 */
package org.dashdesk.evidence;
