/** The first-launch prompt for who the user is (name, collar number, role), remembered locally. */
package org.dashdesk.ui.profile;
