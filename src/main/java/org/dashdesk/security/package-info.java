/**
 * Keys and credentials. For now only the key that encrypts the local database file; per-user
 * wrapped keys replace {@link org.dashdesk.security.FileKeyProvider} later behind the same
 * {@link org.dashdesk.security.KeyProvider} interface.
 */
package org.dashdesk.security;
