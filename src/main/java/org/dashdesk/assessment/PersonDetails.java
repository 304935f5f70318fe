package org.dashdesk.assessment;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Who a person in an assessment is, beyond the name (issue 12): what lets the force link a new
 * DASH to the earlier ones about the same person. Every part is optional; an absent part is left
 * out of the JSON, so revisions frozen before these existed keep their hash.
 *
 * @param otherNames        other names used (maiden name, alias, spelling)
 * @param dateOfBirth       when known; else {@code approximateAge}
 * @param approximateAge    in years, when the date is not known
 * @param address           the address (the victim's; an abuser's when different)
 * @param postcode          a UK postcode, kept as typed and normalised for matching
 * @param safeContactNumber the victim's safe number (never an abuser's)
 * @param safeTimes         when it is safe to call
 * @param forceId           a force person id (PNC or the force's records id)
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record PersonDetails(List<String> otherNames, LocalDate dateOfBirth, Integer approximateAge, String gender, String address,
        String postcode, String safeContactNumber, String safeTimes, String forceId) {

    public static final PersonDetails NONE = new PersonDetails(List.of(), null, null, null, null, null, null, null, null);
    /** The shape of a UK postcode ("ME14 1XX", "SW1A 1AA"), spaces optional. */
    static final Pattern POSTCODE = Pattern.compile("^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$");
    static final int MAX_AGE = 120;

    public PersonDetails {
        otherNames = otherNames == null ? List.of() : otherNames.stream().filter(n -> n != null && !n.isBlank()).map(String::strip).toList();
    }

    @JsonIgnore
    public boolean isEmpty() {
        return equals(NONE) || otherNames.isEmpty() && dateOfBirth == null && approximateAge == null && blank(gender) && blank(address)
                && blank(postcode) && blank(safeContactNumber) && blank(safeTimes) && blank(forceId);
    }

    /** The postcode in one form for matching ("me141xx"), or null when there is none. */
    @JsonIgnore
    public String postcodeKey() {
        return blank(postcode) ? null : postcode.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    }

    /**
     * The details in words, in the order a reader expects, only those given: "Date of birth" →
     * "01/01/1990" (or "Age" → "about 41"), other names, address, postcode, safe contact and times,
     * force person id. For the record, review and sign-off screens and the documents.
     */
    public java.util.Map<String, String> inWords() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        if (dateOfBirth != null) {
            out.put("Date of birth", dateOfBirth.format(java.time.format.DateTimeFormatter.ofPattern("dd/MM/uuuu")));
        } else if (approximateAge != null) {
            out.put("Age", "about " + approximateAge);
        }
        if (!otherNames.isEmpty()) {
            out.put("Other names", String.join(", ", otherNames));
        }
        put(out, "Gender", gender);
        put(out, "Address", address);
        put(out, "Postcode", postcode == null ? null : postcode.strip().toUpperCase(Locale.ROOT));
        put(out, "Safe contact number", safeContactNumber);
        put(out, "Safe times to call", safeTimes);
        put(out, "Force person id", forceId);
        return out;
    }

    private static void put(java.util.Map<String, String> out, String label, String value) {
        if (!blank(value)) {
            out.put(label, value.strip());
        }
    }

    /** A field that cannot be right, and why. */
    public record Problem(String field, String message) {
    }

    /**
     * What is wrong with these details on {@code today}: a date of birth in the future or more
     * than 120 years ago, an age out of 0–120, a postcode that is not one.
     */
    public List<Problem> problems(LocalDate today) {
        List<Problem> out = new ArrayList<>();
        if (dateOfBirth != null && dateOfBirth.isAfter(today)) {
            out.add(new Problem("dateOfBirth", "the date of birth is in the future"));
        }
        if (dateOfBirth != null && dateOfBirth.isBefore(today.minusYears(MAX_AGE))) {
            out.add(new Problem("dateOfBirth", "the date of birth is more than " + MAX_AGE + " years ago"));
        }
        if (approximateAge != null && (approximateAge < 0 || approximateAge > MAX_AGE)) {
            out.add(new Problem("approximateAge", "the age must be 0 to " + MAX_AGE));
        }
        if (!blank(postcode) && !POSTCODE.matcher(postcode.strip().toUpperCase(Locale.ROOT)).matches()) {
            out.add(new Problem("postcode", "not a UK postcode (like ME14 1XX)"));
        }
        if (!blank(forceId) && forceId.strip().length() > 40) {
            out.add(new Problem("forceId", "longer than 40 characters"));
        }
        return out;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
