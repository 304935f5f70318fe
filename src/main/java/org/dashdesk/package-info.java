/**
 * DASH Desk: a desktop client for the DASH domestic abuse risk assessment. The launcher chooses
 * between the desktop app and the headless commands.
 */
package org.dashdesk;
