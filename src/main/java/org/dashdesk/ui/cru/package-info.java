/**
 * The central referral unit's screen: the queue of medium and high assessments (and standard ones
 * with children), the review of one, its safety-plan actions and MARAC referral state.
 */
package org.dashdesk.ui.cru;
