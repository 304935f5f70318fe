package org.dashdesk.assessment;

/** The referral prompts the grading page raises; each is recorded as chosen or not, with a reason. */
public enum Referral {
    MARAC, IDVA, CHILDRENS_SERVICES, DVPN
}
