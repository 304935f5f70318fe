package org.dashdesk.assessment;

/** Whether a prompted referral was made, and why (required when it was not). */
public record ReferralDecision(Referral referral, boolean chosen, String reason) {
}
