/**
 * What every screen shares: background work that tests can make synchronous, the local
 * settings port, the user's profile, themes and font scaling. No screen lives here.
 */
package org.dashdesk.ui.common;
