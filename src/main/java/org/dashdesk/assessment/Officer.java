package org.dashdesk.assessment;

/** A police officer or staff member, identified by collar number. */
public record Officer(String collarNumber, String name) {
}
