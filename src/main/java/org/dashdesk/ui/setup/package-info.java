/**
 * The first-run setup: central endpoint and its certificate, the force's pack directory and the
 * data directory, with a check that the endpoint answers. Settings IT locked are shown but
 * cannot be changed.
 */
package org.dashdesk.ui.setup;
