package org.dashdesk.ui.common;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import javafx.beans.property.ObjectProperty;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Toggle;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;

/** Small helpers the views share: labelled fields for screen readers, toggles bound to values. */
public final class Controls {

    /**
     * Day/month/year, parsed strictly: "31/02/2026" is refused, never moved to 28/02 (a moved MARAC
     * date once changed a grade, issue 11). "uuuu", not "yyyy": STRICT needs an era with "yyyy".
     */
    public static final DateTimeFormatter UK_DATE = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

    /** A typed date, or empty when it is not a real dd/mm/yyyy date (see {@link #UK_DATE}). */
    public static java.util.Optional<LocalDate> parseUkDate(String s) {
        try {
            return java.util.Optional.of(LocalDate.parse(s.strip(), UK_DATE));
        } catch (DateTimeParseException e) {
            return java.util.Optional.empty();
        }
    }

    /** The words for a typed date that is not a date; nothing the user saved is changed. */
    public static String notADate(String typed) {
        return "\u201c" + typed.strip() + "\u201d is not a date on the calendar: nothing was changed. Type it as dd/mm/yyyy, e.g. 23/11/2026.";
    }

    /** As {@link #datePicker(ObjectProperty)}, and {@code problem} says when typed text is not a date. */
    public static DatePicker datePicker(ObjectProperty<LocalDate> value, javafx.beans.property.StringProperty problem) {
        DatePicker picker = datePicker(value);
        picker.getEditor().focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                String t = picker.getEditor().getText();
                problem.set(t == null || t.isBlank() || parseUkDate(t).isPresent() ? null : notADate(t));
            }
        });
        return picker;
    }

    private Controls() {
    }

    /**
     * A button with its id (for tests and style), what a screen reader says (with the shortcut)
     * and a tooltip naming the shortcut for those who look.
     */
    public static Button button(String text, String id, String accessibleText, String tooltip,
            Runnable action) {
        Button button = new Button(text);
        button.setId(id);
        button.setAccessibleText(accessibleText);
        button.setTooltip(new Tooltip(tooltip));
        button.setOnAction(e -> action.run());
        return button;
    }

    /** A label tied to its control, which screen readers then announce by the label's text. */
    public static Label labelFor(String text, Control control) {
        Label label = new Label(text);
        label.setLabelFor(control);
        label.getStyleClass().add("field-label");
        label.setWrapText(true);
        // A wrapped label keeps the height of all its lines; a squeezed row would end it in "…".
        label.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        control.setAccessibleText(text);
        return label;
    }

    /** A date picker that reads and writes dd/MM/yyyy, bound both ways to {@code value}. */
    public static DatePicker datePicker(ObjectProperty<LocalDate> value) {
        DatePicker picker = new DatePicker();
        picker.setPromptText("dd/mm/yyyy");
        picker.setConverter(new StringConverter<>() {
            @Override
            public String toString(LocalDate d) {
                return d == null ? "" : UK_DATE.format(d);
            }

            @Override
            public LocalDate fromString(String s) {
                if (s == null || s.isBlank()) {
                    return null;
                }
                // Not a real date: keep what was there (the caller's problem line says why).
                return parseUkDate(s).orElse(picker.getValue());
            }
        });
        picker.valueProperty().bindBidirectional(value);
        // A typed date counts when the user leaves the field, not only on Enter.
        picker.getEditor().focusedProperty().addListener((o, was, is) -> {
            if (!is) {
                picker.setValue(picker.getConverter().fromString(picker.getEditor().getText()));
            }
        });
        return picker;
    }

    /** Toggle buttons in one group whose selection follows {@code value} both ways (null = none selected). */
    @SafeVarargs
    public static <T> ToggleGroup bindToggles(ObjectProperty<T> value, ToggleButton[] buttons, T... values) {
        ToggleGroup group = new ToggleGroup();
        for (int i = 0; i < buttons.length; i++) {
            buttons[i].setToggleGroup(group);
            buttons[i].setUserData(values[i]);
        }
        Runnable fromValue = () -> {
            for (Toggle t : group.getToggles()) {
                if (java.util.Objects.equals(t.getUserData(), value.get())) {
                    group.selectToggle(t);
                    return;
                }
            }
            group.selectToggle(null);
        };
        fromValue.run();
        value.addListener((o, a, b) -> fromValue.run());
        group.selectedToggleProperty().addListener((o, a, b) -> {
            @SuppressWarnings("unchecked")
            T v = b == null ? null : (T) b.getUserData();
            if (!java.util.Objects.equals(v, value.get())) {
                value.set(v);
            }
        });
        return group;
    }

    /**
     * A text area where Tab moves on instead of typing a tab character, so a keyboard user never
     * gets stuck in a comment field. (TextArea moves focus on Ctrl+Tab; Tab is turned into that.)
     */
    public static javafx.scene.control.TextArea tabMovesFocus(javafx.scene.control.TextArea area) {
        area.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.TAB && !e.isControlDown()) {
                e.consume();
                area.fireEvent(new javafx.scene.input.KeyEvent(e.getSource(), e.getTarget(), e.getEventType(), e.getCharacter(),
                        e.getText(), e.getCode(), e.isShiftDown(), true, e.isAltDown(), e.isMetaDown()));
            }
        });
        return area;
    }

    /**
     * Binds a label to a message that comes and goes: it shows the text while there is one and
     * takes no space when there is none.
     */
    public static Label shownWhenSet(Label label, javafx.beans.value.ObservableStringValue text) {
        label.textProperty().bind(text);
        label.visibleProperty().bind(javafx.beans.binding.Bindings.isNotNull(text));
        label.managedProperty().bind(label.visibleProperty());
        return label;
    }

    /** A two-column form: labels wrap in a column wide enough to read, fields take the rest. */
    public static GridPane form() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(8);
        ColumnConstraints labels = new ColumnConstraints(180, 280, 320);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        grid.getColumnConstraints().setAll(labels, fields);
        return grid;
    }

    /** Scrolls so that {@code node} is visible inside {@code scroll}. */
    public static void ensureVisible(ScrollPane scroll, Node node) {
        Node content = scroll.getContent();
        if (content == null || node == null) {
            return;
        }
        Bounds inContent = content.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        if (inContent == null) {
            return;
        }
        double contentHeight = content.getBoundsInLocal().getHeight();
        double viewport = scroll.getViewportBounds().getHeight();
        if (contentHeight <= viewport) {
            return;
        }
        double top = scroll.getVvalue() * (contentHeight - viewport);
        double target = top;
        if (inContent.getMinY() < top) {
            target = inContent.getMinY() - 8;
        } else if (inContent.getMaxY() > top + viewport) {
            target = inContent.getMaxY() - viewport + 8;
        }
        scroll.setVvalue(Math.max(0, Math.min(1, target / (contentHeight - viewport))));
    }

    /** A section heading of a form or panel. */
    public static Label heading(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("form-heading");
        return l;
    }

    /** A quiet line of help that wraps. */
    public static Label hint(String text) {
        Label l = new Label(text);
        l.setWrapText(true);
        l.getStyleClass().add("field-hint");
        return l;
    }

    /** A field's problem, shown (and taking space) only while there is one. */
    public static Label fieldError(javafx.beans.value.ObservableStringValue text) {
        Label l = new Label();
        l.setWrapText(true);
        l.getStyleClass().add("field-error");
        return shownWhenSet(l, text);
    }

    /** A read-only text column of a fixed preferred width, not sortable (the lists keep their own order). */
    public static <T> javafx.scene.control.TableColumn<T, String> textColumn(String title, java.util.function.Function<T, String> text,
            double width) {
        javafx.scene.control.TableColumn<T, String> c = new javafx.scene.control.TableColumn<>(title);
        c.setCellValueFactory(cd -> new javafx.beans.property.ReadOnlyStringWrapper(text.apply(cd.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }

    /**
     * Widens a table's columns with the text size, so a heading such as "Incident reference"
     * stays whole at 200 % text (issue 11): each column's width as built is taken as its width at
     * the default text size, and scaled with the font its header is drawn in. The table may then
     * scroll sideways, as WCAG allows for data tables.
     */
    public static void columnsGrowWithText(javafx.scene.control.TableView<?> table) {
        java.util.Map<javafx.scene.control.TableColumn<?, ?>, double[]> base = new java.util.LinkedHashMap<>();
        for (javafx.scene.control.TableColumn<?, ?> c : table.getColumns()) {
            base.put(c, new double[] {c.getPrefWidth(), c.getMinWidth()});
        }
        javafx.beans.value.ChangeListener<javafx.scene.text.Font> scale = (o, before, font) -> {
            if (font != null) {
                double ratio = Math.max(1, font.getSize() / Appearance.DEFAULT_FONT);
                base.forEach((c, w) -> {
                    c.setMinWidth(w[1] * ratio);
                    c.setPrefWidth(w[0] * ratio);
                });
            }
        };
        // The headers are made by the skin, some of them only in its first layout: the first
        // heading is looked for once the table has been laid out with a width.
        javafx.beans.value.ChangeListener<Number> attach = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Number> o, Number before, Number now) {
                if (table.lookup(".column-header .label") instanceof Label heading) {
                    table.widthProperty().removeListener(this);
                    heading.fontProperty().addListener(scale);
                    scale.changed(heading.fontProperty(), null, heading.getFont());
                }
            }
        };
        table.widthProperty().addListener(attach);
        if (table.getScene() != null) {
            // Columns made for a table already on screen (a report's): its width will not change, so look now.
            table.applyCss();
            table.layout();
            attach.changed(table.widthProperty(), null, table.getWidth());
        }
    }

    private static final javafx.css.PseudoClass OVER_LIMIT = javafx.css.PseudoClass.getPseudoClass("over");

    /**
     * A one-line field that shows, at its right end, how many characters it holds against the
     * force's limit ("182 / 200"): while it has the keyboard, or once it is four-fifths full;
     * red past the limit (issue 11). A ControlsFX {@link org.controlsfx.control.textfield.CustomTextField},
     * so the count sits inside the field and never moves the form.
     */
    public static TextField countedField(int limit) {
        return countedField(limit, String::length);
    }

    /** As {@link #countedField(int)}, counting what {@code measure} says (the longest of several names). */
    public static TextField countedField(int limit, java.util.function.ToIntFunction<String> measure) {
        org.controlsfx.control.textfield.CustomTextField field = new org.controlsfx.control.textfield.CustomTextField();
        field.setRight(counter(field, limit, measure));
        return field;
    }

    /** A text area with its count under it, at the right (see {@link #countedField(int)}). */
    public static javafx.scene.layout.VBox countedArea(javafx.scene.control.TextArea area, int limit) {
        Label counter = counter(area, limit, String::length);
        counter.setMaxWidth(Double.MAX_VALUE);
        counter.setAlignment(javafx.geometry.Pos.CENTER_RIGHT);
        javafx.scene.layout.VBox box = new javafx.scene.layout.VBox(2, area, counter);
        javafx.scene.layout.VBox.setVgrow(area, Priority.ALWAYS);
        return box;
    }

    /** The count itself: its text is what a screen reader reads too, and the field's help names the limit. */
    static Label counter(javafx.scene.control.TextInputControl field, int limit, java.util.function.ToIntFunction<String> measure) {
        Label counter = new Label();
        counter.getStyleClass().add("char-counter");
        counter.setMinWidth(Region.USE_PREF_SIZE);
        counter.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> {
            int n = field.getText() == null ? 0 : measure.applyAsInt(field.getText());
            return field.isFocused() || n * 5 >= limit * 4 ? String.format(java.util.Locale.UK, "%,d / %,d", n, limit) : "";
        }, field.textProperty(), field.focusedProperty()));
        Runnable mark = () -> counter.pseudoClassStateChanged(OVER_LIMIT,
                field.getText() != null && measure.applyAsInt(field.getText()) > limit);
        field.textProperty().addListener((o, a, b) -> mark.run());
        mark.run();
        field.setAccessibleHelp(String.format(java.util.Locale.UK, "At most %,d characters", limit));
        return counter;
    }
}
