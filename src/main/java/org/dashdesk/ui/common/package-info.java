/**
 * What every screen shares: background work that tests can make synchronous, the local
 * settings port, who is signed in, the backend the shell talks to (and the online sign-in seam),
 * themes and font scaling. No screen lives here.
 */
package org.dashdesk.ui.common;
