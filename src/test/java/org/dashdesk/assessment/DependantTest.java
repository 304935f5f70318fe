package org.dashdesk.assessment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** A child's details (issue 12): a date of birth is read when written as one and must be real and past; the school is optional. */
class DependantTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

    @Test
    void datesOfBirthAreReadWhenWrittenAsDatesAndCheckedWhenTheyAre() {
        assertEquals(Optional.of(LocalDate.of(2019, 4, 3)), new Dependant("Sam", "03/04/2019", "son").dateOfBirth());
        assertEquals(Optional.of(LocalDate.of(2019, 4, 3)), new Dependant("Sam", "3/4/2019", "son").dateOfBirth());
        assertEquals(Optional.of(LocalDate.of(2019, 4, 3)), new Dependant("Sam", "2019-04-03", "son").dateOfBirth());
        assertTrue(new Dependant("Sam", "6", "son").dateOfBirth().isEmpty(), "an age is not a date");
        assertTrue(new Dependant("Sam", "6 months", "son").problem(TODAY).isEmpty());
        assertEquals(Optional.of("a child's date of birth is not a real date: write it as dd/mm/yyyy"),
                new Dependant("Sam", "31/02/2019", "son").problem(TODAY));
        assertEquals(Optional.of("a child's date of birth is in the future"), new Dependant("Sam", "01/01/2027", "son").problem(TODAY));
        assertFalse(new Dependant("Sam", "01/01/2019", "son").problem(TODAY).isPresent());
    }

    @Test
    void theSchoolIsLeftOutOfTheJsonWhenAbsentSoOldRevisionsHashAsBefore() {
        assertEquals("{\"ageOrDateOfBirth\":\"6\",\"name\":\"Sam\",\"relationship\":\"son\"}",
                AssessmentJson.canonical(new Dependant("Sam", "6", "son")));
        assertEquals("Sam, 6, son, Oak Primary", new Dependant("Sam", "6", "son", "Oak Primary").inWords());
        assertEquals(new Dependant("Sam", "6", "son", "Oak Primary"),
                AssessmentJson.read(AssessmentJson.canonical(new Dependant("Sam", "6", "son", "Oak Primary")), Dependant.class));
    }
}
