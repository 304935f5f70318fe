/**
 * The supervisor's sign-off screen: the queue of standard-risk assessments awaiting sign-off,
 * oldest first, and the review of one with approve / return / raise.
 */
package org.dashdesk.ui.signoff;
