package org.dashdesk.assessment;

/** A child or other dependant in the household. */
public record Dependant(String name, String ageOrDateOfBirth, String relationship) {
}
