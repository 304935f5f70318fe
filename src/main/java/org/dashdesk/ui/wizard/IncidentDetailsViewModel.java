package org.dashdesk.ui.wizard;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableValue;

import org.dashdesk.assessment.AssessmentContent;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.Dependant;
import org.dashdesk.assessment.Incident;
import org.dashdesk.assessment.Officer;
import org.dashdesk.assessment.People;
import org.dashdesk.assessment.PhoneIn;
import org.dashdesk.ui.common.Controls;

/**
 * The incident-and-people page: who the assessment is about, the incident, the history the
 * grading needs, and for a phone-in who recorded it for which officer. Choices are saved at once,
 * typed text when the user moves on or stops typing for a moment ({@link WizardViewModel#typed()});
 * a value that cannot be read (a time, a number) is kept on screen with a message naming the field
 * and is not saved until it can be.
 */
public final class IncidentDetailsViewModel {

    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("H:mm");

    private final WizardViewModel owner;
    private final Channel channel;
    private final Officer recorder;

    private final StringProperty victimName = new SimpleStringProperty("");
    private final StringProperty victimNameNotKnown = new SimpleStringProperty("");
    private final StringProperty abuserNames = new SimpleStringProperty("");
    private final ObjectProperty<Boolean> childrenOrDependants = new SimpleObjectProperty<>();
    private final StringProperty dependants = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> incidentDate = new SimpleObjectProperty<>();
    private final StringProperty incidentTime = new SimpleStringProperty("");
    private final StringProperty place = new SimpleStringProperty("");
    private final StringProperty district = new SimpleStringProperty("");
    private final StringProperty incidentReference = new SimpleStringProperty("");
    private final StringProperty callouts = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> lastMaracReferral = new SimpleObjectProperty<>();
    private final StringProperty attendingOfficerCollar = new SimpleStringProperty("");
    private final StringProperty callReference = new SimpleStringProperty("");
    private final ObjectProperty<Boolean> victimCouldSpeakSafely = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper timeError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper calloutsError = new ReadOnlyStringWrapper();
    /** A typed incident / MARAC date that is not a date (set by the view, which sees the text). */
    private final StringProperty incidentDateTyping = new SimpleStringProperty();
    private final StringProperty maracDateTyping = new SimpleStringProperty();
    private final ReadOnlyStringWrapper dateError = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper dateWarning = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper lengthError = new ReadOnlyStringWrapper();
    /** An incident older than this is probably a typo (or a late record): it is pointed out, not refused. */
    static final int OLD_INCIDENT_DAYS = 7;
    private final StringBinding abuserDisplayName;
    /** Who the victim and the (first) abuser are, beyond the name (issue 12). */
    private final PersonDetailsViewModel victimDetails = new PersonDetailsViewModel(true, LocalDate::now);
    private final PersonDetailsViewModel abuserDetails = new PersonDetailsViewModel(false, LocalDate::now);
    private boolean loading;
    private boolean dirty;

    /** What the force holds about the victim and the abuser (issue 12), asked as they are typed. */
    private final HistoryCheckViewModel history;

    IncidentDetailsViewModel(WizardViewModel owner, AssessmentContent content, Officer recorder,
            org.dashdesk.ui.common.TaskExecutor executor) {
        this.owner = owner;
        this.channel = content.channel();
        this.recorder = content.phoneIn() != null && content.phoneIn().recorder() != null ? content.phoneIn().recorder() : recorder;
        abuserDisplayName = Bindings.createStringBinding(() -> people().abuserDisplayName(), abuserNames);
        load(content);
        for (ObservableValue<?> p : List.of(childrenOrDependants, incidentDate, lastMaracReferral, victimCouldSpeakSafely,
                victimDetails.dateOfBirthProperty(), abuserDetails.dateOfBirthProperty())) {
            p.addListener((o, a, b) -> changed(true));
        }
        for (PersonDetailsViewModel d : List.of(victimDetails, abuserDetails)) {
            for (javafx.beans.Observable o : d.observables()) {
                if (o instanceof StringProperty s) {
                    s.addListener((x, a, b) -> changed(false));
                }
            }
        }
        for (StringProperty p : List.of(victimName, victimNameNotKnown, abuserNames, dependants, incidentTime, place, district, incidentReference,
                callouts, attendingOfficerCollar, callReference)) {
            p.addListener((o, a, b) -> changed(false));
        }
        incidentTime.addListener((o, a, b) -> validate());
        callouts.addListener((o, a, b) -> validate());
        for (ObservableValue<?> p : List.of(incidentDate, lastMaracReferral, incidentDateTyping, maracDateTyping, victimName, victimNameNotKnown,
                abuserNames, dependants, place, incidentReference, district, callReference, attendingOfficerCollar)) {
            p.addListener((o, a, b) -> checkDatesAndLengths());
        }
        checkDatesAndLengths();
        history = new HistoryCheckViewModel(executor, () -> (channel == Channel.PHONE_IN ? "DASH phoned in" : "DASH at the scene")
                + (blankToNull(incidentReference.get()) == null ? "" : ", " + incidentReference.get().strip()),
                () -> person(victimName.get(), victimDetails), () -> person(firstAbuser(), abuserDetails), incidentDate::get, callouts,
                lastMaracReferral, content.incident().history());
        // What was checked is part of the assessment: a new answer (or none) is saved like a typed change.
        history.recordProperty().addListener((o, a, b) -> changed(false));
        history.lowerReasonProperty().addListener((o, a, b) -> changed(false));
        List<javafx.beans.Observable> people = new ArrayList<>(List.of(victimName, abuserNames));
        people.addAll(victimDetails.observables());
        people.addAll(abuserDetails.observables());
        for (javafx.beans.Observable o : people) {
            o.addListener(x -> history.changed());
        }
    }

    private String firstAbuser() {
        return Arrays.stream(nz(abuserNames.get()).split("[;\n]")).map(String::strip).filter(s -> !s.isEmpty()).findFirst().orElse(null);
    }

    private static org.dashdesk.history.HistoryRequests.Person person(String name, PersonDetailsViewModel d) {
        org.dashdesk.assessment.PersonDetails p = d.details();
        return new org.dashdesk.history.HistoryRequests.Person(blankToNull(name), p.dateOfBirth(), p.approximateAge(), p.postcode(),
                p.forceId());
    }

    public HistoryCheckViewModel history() {
        return history;
    }

    private void load(AssessmentContent c) {
        loading = true;
        try {
            People p = c.people();
            loaded = p;
            victimDetails.load(p.victimDetails());
            abuserDetails.load(p.abuserNames().isEmpty() ? null : p.abuserDetails().get(p.abuserNames().get(0)));
            victimName.set(nz(p.victimName()));
            victimNameNotKnown.set(nz(p.victimNameNotKnown()));
            abuserNames.set(String.join("; ", p.abuserNames()));
            childrenOrDependants.set(p.childrenOrDependants());
            List<String> lines = new ArrayList<>();
            for (Dependant d : p.dependants()) {
                lines.add(String.join(", ", nz(d.name()), nz(d.ageOrDateOfBirth()), nz(d.relationship()), nz(d.schoolOrSetting()))
                        .replaceAll("(, )+$", ""));
            }
            dependants.set(String.join("\n", lines));
            Incident i = c.incident();
            incidentDate.set(i.occurredAt() == null ? null : i.occurredAt().toLocalDate());
            incidentTime.set(i.occurredAt() == null ? "" : i.occurredAt().toLocalTime().format(DateTimeFormatter.ofPattern("HH:mm")));
            place.set(nz(i.place()));
            district.set(nz(i.district()));
            incidentReference.set(nz(i.incidentReference()));
            callouts.set(i.policeCalloutsLast12Months() == null ? "" : i.policeCalloutsLast12Months().toString());
            lastMaracReferral.set(i.lastMaracReferral());
            PhoneIn ph = c.phoneIn();
            attendingOfficerCollar.set(ph == null ? "" : nz(ph.attendingOfficerCollar()));
            callReference.set(ph == null ? "" : nz(ph.callReference()));
            victimCouldSpeakSafely.set(ph == null ? null : ph.victimCouldSpeakSafely());
        } finally {
            loading = false;
        }
        validate();
    }

    private void changed(boolean immediately) {
        if (loading) {
            return;
        }
        dirty = true;
        if (immediately) {
            owner.commitDetails();
        } else {
            owner.detailsEdited();
        }
    }

    boolean isDirty() {
        return dirty;
    }

    void markClean() {
        dirty = false;
    }

    /**
     * Dates: not a date, an incident in the future, a last MARAC referral in the future or after
     * the incident all stop submission; an incident more than a week ago is pointed out. Lengths:
     * names up to the force's name limit, free text up to its free-text limit (a pasted page is
     * refused, not substituted into every question); the attending officer's collar number in
     * the force's format.
     */
    private void checkDatesAndLengths() {
        LocalDate today = LocalDate.now(owner.clock());
        LocalDate incident = incidentDate.get();
        LocalDate marac = lastMaracReferral.get();
        String error = null;
        if (incidentDateTyping.get() != null) {
            error = "Incident date: " + incidentDateTyping.get();
        } else if (maracDateTyping.get() != null) {
            error = "Date of last MARAC referral: " + maracDateTyping.get();
        } else if (incident != null && incident.isAfter(today)) {
            error = "Incident date " + Controls.UK_DATE.format(incident) + " is in the future.";
        } else if (marac != null && marac.isAfter(today)) {
            error = "Date of last MARAC referral " + Controls.UK_DATE.format(marac) + " is in the future.";
        } else if (marac != null && incident != null && marac.isAfter(incident)) {
            error = "Date of last MARAC referral " + Controls.UK_DATE.format(marac) + " is after the incident ("
                    + Controls.UK_DATE.format(incident) + "): a previous referral comes before this incident.";
        } else {
            // A child's date of birth that cannot be right (issue 12): the server would refuse it.
            for (Dependant d : typedDependants()) {
                java.util.Optional<String> p = d.problem(today);
                if (p.isPresent()) {
                    error = "Children / dependants: " + p.get() + (d.name() == null ? "" : " (" + d.name() + ")") + ".";
                    break;
                }
            }
        }
        dateError.set(error);
        dateWarning.set(incident != null && error == null && incident.isBefore(today.minusDays(OLD_INCIDENT_DAYS))
                ? "Incident date " + Controls.UK_DATE.format(incident) + " is more than " + OLD_INCIDENT_DAYS + " days ago: check it." : null);
        final int nameLimit = owner.textLimits().name();
        final int textLimit = owner.textLimits().text();
        String length = null;
        String collarProblem = owner.collarNumbers().check(attendingOfficerCollar.get());
        if (len(victimName) > nameLimit) {
            length = "Victim's name: " + len(victimName) + " characters, at most " + nameLimit + ".";
        } else if (len(victimNameNotKnown) > nameLimit) {
            length = "Why the name is not known: " + len(victimNameNotKnown) + " characters, at most " + nameLimit + ".";
        } else if (java.util.Arrays.stream(nz(abuserNames.get()).split(";")).anyMatch(n -> n.strip().length() > nameLimit)) {
            length = "Abuser's name: at most " + nameLimit + " characters each.";
        } else if (len(dependants) > textLimit) {
            length = "Children / dependants: " + len(dependants) + " characters, at most " + textLimit + ".";
        } else if (len(place) > textLimit) {
            length = "Place: " + len(place) + " characters, at most " + textLimit + ".";
        } else if (len(incidentReference) > nameLimit || len(district) > nameLimit || len(callReference) > nameLimit) {
            length = (len(incidentReference) > nameLimit ? "Incident reference" : len(district) > nameLimit ? "District" : "Call reference")
                    + ": at most " + nameLimit + " characters.";
        } else if (channel == Channel.PHONE_IN && collarProblem != null) {
            length = "Attending officer's collar number: " + collarProblem;
        }
        lengthError.set(length);
        owner.updateReview();
    }

    private static int len(StringProperty p) {
        return p.get() == null ? 0 : p.get().length();
    }

    /** Set by the view when a typed incident date is not a date (null when it is, or is empty). */
    public StringProperty incidentDateTypingProperty() {
        return incidentDateTyping;
    }

    public StringProperty maracDateTypingProperty() {
        return maracDateTyping;
    }

    public ReadOnlyStringProperty dateErrorProperty() {
        return dateError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty dateWarningProperty() {
        return dateWarning.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lengthErrorProperty() {
        return lengthError.getReadOnlyProperty();
    }

    private void validate() {
        String t = incidentTime.get() == null ? "" : incidentTime.get().strip();
        if (t.isEmpty()) {
            timeError.set(null);
        } else {
            try {
                LocalTime.parse(t, HH_MM);
                timeError.set(null);
            } catch (DateTimeParseException e) {
                timeError.set("Incident time: use the 24-hour clock, e.g. 23:40");
            }
        }
        String n = callouts.get() == null ? "" : callouts.get().strip();
        if (n.isEmpty()) {
            calloutsError.set(null);
        } else {
            try {
                calloutsError.set(Integer.parseInt(n) < 0 ? "Police call-outs: enter 0 or more" : null);
            } catch (NumberFormatException e) {
                calloutsError.set("Police call-outs in the last 12 months: enter a whole number, e.g. 3");
            }
        }
    }

    /** The people as last loaded, whose details (issue 12) this page keeps. */
    private People loaded = People.EMPTY;

    /** One child per line: "name, age or date of birth, relationship, school or setting". */
    private List<Dependant> typedDependants() {
        List<Dependant> deps = new ArrayList<>();
        for (String line : nz(dependants.get()).split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] parts = line.split(",", 4);
            deps.add(new Dependant(part(parts, 0), part(parts, 1), part(parts, 2), part(parts, 3)));
        }
        return deps;
    }

    People people() {
        List<String> abusers = Arrays.stream(nz(abuserNames.get()).split("[;\n]")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        List<Dependant> deps = typedDependants();
        // A name given makes a reason for its absence moot: it is not kept beside the name.
        String name = blankToNull(victimName.get());
        // The details that link assessments (issue 12) are not edited on this page yet: kept as loaded.
        People result = new People(name, abusers, deps, childrenOrDependants.get(), name == null ? blankToNull(victimNameNotKnown.get())
                : null).withDetailsOf(loaded).withVictimDetails(victimDetails.details());
        // The page edits the first abuser's details; the others' are kept as they were.
        return abusers.isEmpty() ? result : result.withAbuserDetails(abusers.get(0), abuserDetails.details());
    }

    private static String part(String[] parts, int i) {
        return i < parts.length ? blankToNull(parts[i]) : null;
    }

    /** Applies what is valid to {@code base}; an unreadable time or number keeps the last saved value. */
    AssessmentContent applyTo(AssessmentContent base) {
        Incident old = base.incident();
        LocalDateTime occurred = old.occurredAt();
        if (timeError.get() == null) {
            LocalDate d = incidentDate.get();
            String t = nz(incidentTime.get()).strip();
            occurred = d == null ? null : d.atTime(t.isEmpty() ? LocalTime.MIDNIGHT : LocalTime.parse(t, HH_MM));
        }
        Integer n = old.policeCalloutsLast12Months();
        if (calloutsError.get() == null) {
            String s = nz(callouts.get()).strip();
            n = s.isEmpty() ? null : Integer.valueOf(s);
        }
        Incident incident = new Incident(occurred, blankToNull(place.get()), blankToNull(district.get()),
                blankToNull(incidentReference.get()), n, lastMaracReferral.get(), history == null ? old.history() : history.record());
        AssessmentContent c = base.withPeople(people()).withIncident(incident);
        if (channel == Channel.PHONE_IN) {
            c = c.withPhoneIn(new PhoneIn(recorder, blankToNull(attendingOfficerCollar.get()), blankToNull(callReference.get()),
                    victimCouldSpeakSafely.get()));
        }
        return c;
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }

    static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    public boolean isPhoneIn() {
        return channel == Channel.PHONE_IN;
    }

    /** The IMU recorder of a phone-in: the signed-in user. */
    public Officer recorder() {
        return recorder;
    }

    public PersonDetailsViewModel victimDetails() {
        return victimDetails;
    }

    public PersonDetailsViewModel abuserDetails() {
        return abuserDetails;
    }

    public StringProperty victimNameProperty() {
        return victimName;
    }

    /** Why the victim's name is not recorded, when it is not. */
    public StringProperty victimNameNotKnownProperty() {
        return victimNameNotKnown;
    }

    /** Several abusers are separated by ";". */
    public StringProperty abuserNamesProperty() {
        return abuserNames;
    }

    public StringBinding abuserDisplayNameProperty() {
        return abuserDisplayName;
    }

    public ObjectProperty<Boolean> childrenOrDependantsProperty() {
        return childrenOrDependants;
    }

    /** One per line: "name, age or date of birth, relationship". */
    public StringProperty dependantsProperty() {
        return dependants;
    }

    public ObjectProperty<LocalDate> incidentDateProperty() {
        return incidentDate;
    }

    public StringProperty incidentTimeProperty() {
        return incidentTime;
    }

    public StringProperty placeProperty() {
        return place;
    }

    public StringProperty districtProperty() {
        return district;
    }

    public StringProperty incidentReferenceProperty() {
        return incidentReference;
    }

    public StringProperty calloutsProperty() {
        return callouts;
    }

    public ObjectProperty<LocalDate> lastMaracReferralProperty() {
        return lastMaracReferral;
    }

    public StringProperty attendingOfficerCollarProperty() {
        return attendingOfficerCollar;
    }

    public StringProperty callReferenceProperty() {
        return callReference;
    }

    public ObjectProperty<Boolean> victimCouldSpeakSafelyProperty() {
        return victimCouldSpeakSafely;
    }

    public ReadOnlyStringProperty timeErrorProperty() {
        return timeError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty calloutsErrorProperty() {
        return calloutsError.getReadOnlyProperty();
    }
}
