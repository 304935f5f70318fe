/**
 * Logging set-up: java.util.logging into rotating files in the data directory, through a
 * formatter that keeps answers, names and tokens out of the files (only ids, counts, states and
 * exception types reach them).
 */
package org.dashdesk.logging;
