/**
 * The central referral unit's screen: the queue of medium and high assessments (and standard ones
 * with children) not yet marked reviewed, the review of one (mark reviewed with a note, or raise),
 * its safety-plan actions and MARAC referral state.
 */
package org.dashdesk.ui.cru;
