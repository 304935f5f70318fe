/**
 * Where this installation gets its settings: the central endpoint, the certificate it is trusted
 * with, the force's pack directory and the data directory. IT deploys a machine-wide file whose
 * keys can be locked; the first-run setup writes the user's own file in the data directory.
 * Also the endpoint check used by that setup. Plain Java: no JavaFX, no SQL.
 */
package org.dashdesk.config;
