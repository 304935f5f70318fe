package org.dashdesk.ui.wizard;

import java.time.LocalDate;
import java.util.List;

import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.dashdesk.assessment.PersonDetails;

/**
 * The details of one person on the people page (issue 12): date of birth or age, address and
 * postcode, a force person id, and for the victim a safe contact number and safe times. What the
 * central server would refuse (a date of birth in the future, an age out of range, a postcode that
 * is not one) is said here as it is typed, and holds the assessment back from submitting.
 */
public final class PersonDetailsViewModel {

    private final boolean victim;
    private final ObjectProperty<LocalDate> dateOfBirth = new SimpleObjectProperty<>();
    private final StringProperty age = new SimpleStringProperty("");
    private final StringProperty address = new SimpleStringProperty("");
    private final StringProperty postcode = new SimpleStringProperty("");
    private final StringProperty safeNumber = new SimpleStringProperty("");
    private final StringProperty safeTimes = new SimpleStringProperty("");
    private final StringProperty forceId = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final java.util.function.Supplier<LocalDate> today;
    /** Other names and gender as loaded: not edited on this page yet, never dropped. */
    private PersonDetails loaded = PersonDetails.NONE;

    PersonDetailsViewModel(boolean victim, java.util.function.Supplier<LocalDate> today) {
        this.victim = victim;
        this.today = today;
        for (Observable o : observables()) {
            o.addListener(x -> validate());
        }
    }

    List<Observable> observables() {
        return List.of(dateOfBirth, age, address, postcode, safeNumber, safeTimes, forceId);
    }

    void load(PersonDetails d) {
        PersonDetails p = d == null ? PersonDetails.NONE : d;
        loaded = p;
        dateOfBirth.set(p.dateOfBirth());
        age.set(p.approximateAge() == null ? "" : p.approximateAge().toString());
        address.set(IncidentDetailsViewModel.nz(p.address()));
        postcode.set(IncidentDetailsViewModel.nz(p.postcode()));
        safeNumber.set(IncidentDetailsViewModel.nz(p.safeContactNumber()));
        safeTimes.set(IncidentDetailsViewModel.nz(p.safeTimes()));
        forceId.set(IncidentDetailsViewModel.nz(p.forceId()));
        validate();
    }

    /** The details as typed; an age that is not a whole number is left out (and said in {@link #problemProperty()}). */
    PersonDetails details() {
        Integer years = null;
        String a = IncidentDetailsViewModel.nz(age.get()).strip();
        if (!a.isEmpty() && a.matches("\\d{1,3}")) {
            years = Integer.valueOf(a);
        }
        return new PersonDetails(loaded.otherNames(), dateOfBirth.get(), dateOfBirth.get() == null ? years : null, loaded.gender(),
                IncidentDetailsViewModel.blankToNull(address.get()), IncidentDetailsViewModel.blankToNull(postcode.get()),
                victim ? IncidentDetailsViewModel.blankToNull(safeNumber.get()) : null,
                victim ? IncidentDetailsViewModel.blankToNull(safeTimes.get()) : null, IncidentDetailsViewModel.blankToNull(forceId.get()));
    }

    private void validate() {
        String who = victim ? "Victim" : "Abuser";
        String a = IncidentDetailsViewModel.nz(age.get()).strip();
        if (!a.isEmpty() && !a.matches("\\d{1,3}")) {
            problem.set(who + "'s age: enter a whole number of years, e.g. 34");
            return;
        }
        List<PersonDetails.Problem> problems = details().problems(today.get());
        problem.set(problems.isEmpty() ? null : who + ": " + problems.get(0).message());
    }

    boolean victim() {
        return victim;
    }

    public ObjectProperty<LocalDate> dateOfBirthProperty() {
        return dateOfBirth;
    }

    public StringProperty ageProperty() {
        return age;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty postcodeProperty() {
        return postcode;
    }

    public StringProperty safeNumberProperty() {
        return safeNumber;
    }

    public StringProperty safeTimesProperty() {
        return safeTimes;
    }

    public StringProperty forceIdProperty() {
        return forceId;
    }

    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }
}
