/**
 * Sign-in screens: setting up this laptop for its first user (migrating an older store's key),
 * signing in with username and password, and the lock screen after idle time.
 */
package org.dashdesk.ui.signin;
