package org.dashdesk.assessment;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A child or other dependant in the household.
 *
 * @param ageOrDateOfBirth an age ("6", "6 months") or a date of birth (dd/mm/yyyy), as the officer wrote it
 * @param schoolOrSetting  the school, nursery or other setting (issue 12); left out of the JSON when absent,
 *                         so revisions made before it keep their hash
 */
public record Dependant(String name, String ageOrDateOfBirth, String relationship,
        @JsonInclude(JsonInclude.Include.NON_NULL) String schoolOrSetting) {

    private static final DateTimeFormatter UK = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);
    /** Written like a date: digits with slashes, dots or dashes between them. */
    private static final Pattern DATE_LIKE = Pattern.compile("\\d{1,4}[/.-]\\d{1,2}[/.-]\\d{1,4}");

    public Dependant(String name, String ageOrDateOfBirth, String relationship) {
        this(name, ageOrDateOfBirth, relationship, null);
    }

    /** The date of birth, when one was written (dd/mm/yyyy, or yyyy-mm-dd) and is a real date. */
    public Optional<LocalDate> dateOfBirth() {
        String s = ageOrDateOfBirth == null ? "" : ageOrDateOfBirth.strip();
        if (!DATE_LIKE.matcher(s).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(s.contains("/") ? LocalDate.parse(s.length() < 10 ? pad(s) : s, UK) : LocalDate.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static String pad(String s) {
        String[] p = s.split("/");
        return p.length != 3 ? s : String.format("%2s/%2s/%s", p[0], p[1], p[2]).replace(' ', '0');
    }

    /** What cannot be right about this child's date of birth, in words; empty when nothing. */
    public Optional<String> problem(LocalDate today) {
        String s = ageOrDateOfBirth == null ? "" : ageOrDateOfBirth.strip();
        if (!DATE_LIKE.matcher(s).matches()) {
            return Optional.empty();
        }
        Optional<LocalDate> dob = dateOfBirth();
        if (dob.isEmpty()) {
            return Optional.of("a child's date of birth is not a real date: write it as dd/mm/yyyy");
        }
        if (dob.get().isAfter(today)) {
            return Optional.of("a child's date of birth is in the future");
        }
        return Optional.empty();
    }

    /** "Sam, 6, son, Oak Primary" — the parts given, in order. */
    public String inWords() {
        StringBuilder b = new StringBuilder();
        for (String part : new String[] {name, ageOrDateOfBirth, relationship, schoolOrSetting}) {
            if (part != null && !part.isBlank()) {
                b.append(b.length() == 0 ? "" : ", ").append(part.strip());
            }
        }
        return b.toString();
    }
}
