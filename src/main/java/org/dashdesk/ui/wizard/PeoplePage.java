package org.dashdesk.ui.wizard;

import java.util.List;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.dashdesk.ui.common.Controls;

/**
 * The wizard's first page: the incident, the people and, for a phone-in, who recorded it.
 * Built by {@link WizardView}; it holds no state of its own beyond the bindings.
 */
final class PeoplePage {

    private PeoplePage() {
    }

    static VBox build(WizardViewModel vm) {
        IncidentDetailsViewModel d = vm.details();
        int name = vm.textLimits().name();
        int text = vm.textLimits().text();
        GridPane grid = Controls.form();
        grid.getStyleClass().add("form");
        int row = 0;
        if (d.isPhoneIn()) {
            Label heading = new Label("Phone-in");
            heading.getStyleClass().add("form-heading");
            grid.add(heading, 0, row++, 2, 1);
            Label recorder = new Label(d.recorder() == null ? "" : d.recorder().name() + " (" + d.recorder().collarNumber() + ")");
            recorder.setId("recorder");
            Label recordedBy = new Label("Recorded by (IMU)");
            recordedBy.setWrapText(true);
            recordedBy.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
            recorder.setWrapText(true);
            grid.addRow(row++, recordedBy, recorder);
            row = addText(grid, row, "Attending officer's collar number", d.attendingOfficerCollarProperty(), "attending-collar", name);
            row = addText(grid, row, "Call reference", d.callReferenceProperty(), "call-reference", name);
            row = addYesNo(grid, row, "Could the victim speak safely?", d.victimCouldSpeakSafelyProperty(), "speak-safely");
        }
        Label incident = new Label("Incident");
        incident.getStyleClass().add("form-heading");
        grid.add(incident, 0, row++, 2, 1);
        row = addText(grid, row, "Incident reference", d.incidentReferenceProperty(), "incident-reference", name);
        var date = Controls.datePicker(d.incidentDateProperty(), d.incidentDateTypingProperty());
        date.setId("incident-date");
        grid.addRow(row++, Controls.labelFor("Incident date", date), date);
        row = addText(grid, row, "Incident time (24-hour, e.g. 23:40)", d.incidentTimeProperty(), "incident-time", 0);
        row = addError(grid, row, d.timeErrorProperty());
        row = addText(grid, row, "Place", d.placeProperty(), "place", text);
        row = addText(grid, row, "District", d.districtProperty(), "district", name);
        row = addText(grid, row, "Police call-outs for domestic abuse in the last 12 months", d.calloutsProperty(), "callouts", 0);
        row = addError(grid, row, d.calloutsErrorProperty());
        row = addHistory(grid, row, d.history().calloutsSourceProperty(), "callouts-source");
        var marac = Controls.datePicker(d.lastMaracReferralProperty(), d.maracDateTypingProperty());
        marac.setId("last-marac");
        grid.addRow(row++, Controls.labelFor("Date of last MARAC referral, if known", marac), marac);
        row = addHistory(grid, row, d.history().maracSourceProperty(), "marac-source");
        // Asked for only when the officer records less than the central history shows.
        int reasonRow = row;
        row = addText(grid, row, "Why less than the central history shows", d.history().lowerReasonProperty(), "history-lower-reason", text);
        for (javafx.scene.Node n : List.copyOf(grid.getChildren())) {
            Integer r = GridPane.getRowIndex(n);
            if (r != null && r == reasonRow) {
                n.visibleProperty().bind(d.history().belowHistoryProperty());
                n.managedProperty().bind(n.visibleProperty());
            }
        }
        row = addError(grid, row, d.history().lowerProblemProperty());
        row = addError(grid, row, d.dateErrorProperty());
        row = addError(grid, row, d.dateWarningProperty());

        Label people = new Label("People");
        people.getStyleClass().add("form-heading");
        grid.add(people, 0, row++, 2, 1);
        row = addText(grid, row, "Victim's name", d.victimNameProperty(), "victim-name", name);
        row = addText(grid, row, "Abuser's name (several: separate with ;)", d.abuserNamesProperty(), "abuser-names", -name);
        // After the abuser's name, so the usual Tab from one name to the other is not lengthened.
        row = addText(grid, row, "If the victim's name is not known, why", d.victimNameNotKnownProperty(), "victim-name-not-known", name);
        row = addError(grid, row, d.lengthErrorProperty());
        row = addPerson(grid, row, d.victimDetails(), "Victim's", "victim", name, text);
        row = addHistory(grid, row, d.history().victimStatusProperty(), "victim-history");
        row = addPerson(grid, row, d.abuserDetails(), "The first abuser's", "abuser", name, text);
        row = addHistory(grid, row, d.history().abuserStatusProperty(), "abuser-history");
        row = addYesNo(grid, row, "Children or dependants in the household?", d.childrenOrDependantsProperty(), "children");
        TextArea deps = new TextArea();
        Controls.tabMovesFocus(deps);
        deps.setId("dependants");
        deps.setPrefRowCount(3);
        deps.setPromptText("One per line: name, age or date of birth (dd/mm/yyyy), relationship, school or setting");
        deps.textProperty().bindBidirectional(d.dependantsProperty());
        deps.disableProperty().bind(d.childrenOrDependantsProperty().isNotEqualTo(Boolean.TRUE));
        var depsBox = Controls.countedArea(deps, text);
        grid.addRow(row++, Controls.labelFor("Children / dependants", deps), depsBox);
        GridPane.setHgrow(depsBox, Priority.ALWAYS);
        return new VBox(grid);
    }

    /**
     * A labelled text field. {@code limit} > 0 counts its characters against that limit; a negative
     * limit counts the longest of several names separated by ";" (the abusers); 0 (a time, a
     * number, checked by their own rules) shows no count.
     */
    private static int addText(GridPane grid, int row, String label, javafx.beans.property.StringProperty value, String id, int limit) {
        TextField field = limit > 0 ? Controls.countedField(limit)
                : limit < 0 ? Controls.countedField(-limit, PeoplePage::longestName)
                : new TextField();
        field.setId(id);
        field.textProperty().bindBidirectional(value);
        GridPane.setHgrow(field, Priority.ALWAYS);
        grid.addRow(row, Controls.labelFor(label, field), field);
        return row + 1;
    }

    /**
     * Who a person is beyond the name (issue 12): what links this DASH to the force's earlier ones.
     * Each field is optional; what cannot be right is said under them.
     */
    private static int addPerson(GridPane grid, int row, PersonDetailsViewModel p, String whose, String id, int name, int text) {
        Label heading = new Label(p.victim() ? "Who the victim is (links this DASH to earlier ones)" : "Who the first abuser named is");
        heading.getStyleClass().add("form-heading");
        heading.setWrapText(true);
        heading.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        grid.add(heading, 0, row++, 2, 1);
        var dob = Controls.datePicker(p.dateOfBirthProperty());
        dob.setId(id + "-dob");
        grid.addRow(row++, Controls.labelFor("Date of birth", dob), dob);
        dob.setAccessibleText(whose + " date of birth");
        row = addText(grid, row, "Age, if the date is not known", p.ageProperty(), id + "-age", 0);
        if (p.victim()) {
            row = addText(grid, row, "Address", p.addressProperty(), id + "-address", text);
            row = addText(grid, row, "Postcode", p.postcodeProperty(), id + "-postcode", 0);
            row = addText(grid, row, "Safe contact number", p.safeNumberProperty(), id + "-safe-number", name);
            row = addText(grid, row, "Safe times to call", p.safeTimesProperty(), id + "-safe-times", name);
        }
        row = addText(grid, row, "Force person id (PNC or records), if known", p.forceIdProperty(), id + "-force-id", 0);
        // The same labels twice on the page: screen readers hear whose field it is.
        for (String field : new String[] {"-age", "-address", "-postcode", "-safe-number", "-safe-times", "-force-id"}) {
            for (javafx.scene.Node n : grid.getChildren()) {
                if ((id + field).equals(n.getId()) && n instanceof javafx.scene.control.Control c) {
                    c.setAccessibleText(whose + " " + c.getAccessibleText().substring(0, 1).toLowerCase(java.util.Locale.ROOT)
                            + c.getAccessibleText().substring(1));
                }
            }
        }
        row = addError(grid, row, p.problemProperty());
        return row;
    }

    private static int addHistory(GridPane grid, int row, javafx.beans.value.ObservableStringValue status, String id) {
        Label l = new Label();
        l.setId(id);
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.getStyleClass().add("field-hint");
        l.textProperty().bind(status);
        l.visibleProperty().bind(Bindings.createBooleanBinding(() -> status.get() != null && !status.get().isEmpty(), status));
        l.managedProperty().bind(l.visibleProperty());
        grid.add(l, 1, row);
        return row + 1;
    }

    private static int longestName(String names) {
        int longest = 0;
        for (String n : names.split(";")) {
            longest = Math.max(longest, n.strip().length());
        }
        return longest;
    }

    private static int addYesNo(GridPane grid, int row, String label, javafx.beans.property.ObjectProperty<Boolean> value, String id) {
        ToggleButton yes = new ToggleButton("Yes");
        ToggleButton no = new ToggleButton("No");
        yes.setId(id + "-yes");
        no.setId(id + "-no");
        yes.setAccessibleText(label + " Yes");
        no.setAccessibleText(label + " No");
        Controls.bindToggles(value, new ToggleButton[] {yes, no}, Boolean.TRUE, Boolean.FALSE);
        Label l = new Label(label);
        l.setWrapText(true);
        l.setLabelFor(yes);
        l.getStyleClass().add("field-label");
        grid.addRow(row, l, new HBox(6, yes, no));
        return row + 1;
    }

    private static int addError(GridPane grid, int row, javafx.beans.value.ObservableStringValue error) {
        Label l = new Label();
        l.getStyleClass().add("field-error");
        // Wrapped, never cut: at 200 % text "Incident date … is more than 7 days ago: check it." lost its advice.
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        l.textProperty().bind(error);
        l.visibleProperty().bind(Bindings.isNotNull(error));
        l.managedProperty().bind(l.visibleProperty());
        grid.add(l, 1, row);
        return row + 1;
    }
}
