/** The settings screen: theme, text size and the user's details. */
package org.dashdesk.ui.settings;
