/**
 * Accounts, roles and keys on the laptop. {@link org.dashdesk.security.SessionManager} signs users
 * in offline against a keyring file ({@code dashdesk.keyring.json}) that holds, per enrolled user,
 * a slow password verifier and the database key sealed under that user's password (decision 0050);
 * {@link org.dashdesk.security.WrappedKeyProvider} hands the unwrapped key to the store. The older
 * {@link org.dashdesk.security.FileKeyProvider} (a plain key file) remains only to read a
 * foundation-era key, which the first enrolment migrates into the keyring, and for tests; the
 * headless commands refuse a folder where no one is enrolled rather than create one.
 */
package org.dashdesk.security;
