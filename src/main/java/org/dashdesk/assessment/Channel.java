package org.dashdesk.assessment;

/** How the answers were taken. */
public enum Channel {
    /** Completed by the attending officer at the scene. */
    AT_SCENE,
    /** Phoned in by the attending officer and recorded by IMU staff on their behalf. */
    PHONE_IN
}
