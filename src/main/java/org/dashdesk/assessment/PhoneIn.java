package org.dashdesk.assessment;

/**
 * For a phoned-in assessment: who recorded it in the IMU, for which attending officer, the call
 * reference, and whether the victim could speak safely.
 */
public record PhoneIn(Officer recorder, String attendingOfficerCollar, String callReference, Boolean victimCouldSpeakSafely) {
}
