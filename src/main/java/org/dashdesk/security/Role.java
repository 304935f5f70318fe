package org.dashdesk.security;

/**
 * What a person may do in DASH Desk. The central server is the source of truth; the client keeps
 * a copy in the keyring so the sign-in screen and offline work know them.
 */
public enum Role {
    /** Completes assessments. */
    OFFICER,
    /** Records phone-in assessments taken by the Incident Management Unit. */
    IMU,
    /** Signs off standard-risk assessments for their team. */
    SUPERVISOR,
    /** Central Referral Unit: reviews medium/high cases and safety-plan actions. */
    CRU,
    /** Manages accounts and settings. */
    ADMINISTRATOR,
    /** Runs the force's reports (issue 13): counts only, never a case's content. */
    ANALYST
}
