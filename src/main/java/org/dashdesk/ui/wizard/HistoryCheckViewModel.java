package org.dashdesk.ui.wizard;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import org.dashdesk.assessment.HistoryCheck;

import org.dashdesk.history.NameKey;
import org.dashdesk.history.HistoryRequests;
import org.dashdesk.review.ReviewException;
import org.dashdesk.ui.common.BackgroundTask;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * The history check at the scene (issue 12): once the victim (or the first abuser) has a full name
 * with a date of birth, an age or a postcode, or a force id, the central server is asked, off the
 * FX thread and after a pause in typing, what it holds about them; the answer is one line ("Earlier
 * DASH for this victim: 3 — last 14/08/2026, High, MARAC referral 02/09/2026"). Typing is never
 * blocked. Offline it says so. The call-outs of the last 12 months and the last MARAC referral
 * date are filled from the victim's history when the officer left them empty, and never changed
 * when they gave them; a figure below what the history shows needs a reason. What was checked
 * (or why not) is kept on the assessment ({@link #record()}), so the server knows which
 * assessments to check again after submission (decision 0193).
 */
public final class HistoryCheckViewModel {

    static final Duration PAUSE = Duration.ofMillis(800);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    /** One person the page checks. */
    private final class Check {
        final String role;
        final String words;
        final Supplier<HistoryRequests.Person> person;
        final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper();
        HistoryRequests.Person asked;
        long generation;

        Check(String role, String words, Supplier<HistoryRequests.Person> person) {
            this.role = role;
            this.words = words;
            this.person = person;
        }
    }

    private static final List<String> STRONG = HistoryRequests.STRONG;

    private final TaskExecutor executor;
    private final Supplier<String> reason;
    private final Supplier<LocalDate> incidentDate;
    private final StringProperty callouts;
    private final ObjectProperty<LocalDate> lastMarac;
    private final Check victim;
    private final Check abuser;
    private final ReadOnlyObjectWrapper<HistoryCheck> record = new ReadOnlyObjectWrapper<>();
    private final StringProperty lowerReason = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper calloutsSource = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper maracSource = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper lowerProblem = new ReadOnlyStringWrapper();
    private final javafx.beans.property.ReadOnlyBooleanWrapper belowHistory = new javafx.beans.property.ReadOnlyBooleanWrapper();
    private Function<HistoryRequests.Search, HistoryRequests.Result> source;
    /** The answer about the victim as last asked ({@code victim.asked}); null while none has come. */
    private HistoryCheck victimAnswer;

    /**
     * @param reason       why the search is made, for the server's audit ("DASH at the scene, INC-…")
     * @param incidentDate the incident's day, from which the 12 months of call-outs are counted back (today when not given)
     * @param callouts     the page's call-outs field, filled from the history when empty
     * @param lastMarac    the page's last MARAC referral, filled from the history when empty
     * @param loaded       what the assessment recorded when it was last saved (null: nothing yet)
     */
    HistoryCheckViewModel(TaskExecutor executor, Supplier<String> reason, Supplier<HistoryRequests.Person> victimPerson,
            Supplier<HistoryRequests.Person> abuserPerson, Supplier<LocalDate> incidentDate, StringProperty callouts,
            ObjectProperty<LocalDate> lastMarac, HistoryCheck loaded) {
        this.executor = executor;
        this.reason = reason;
        this.incidentDate = incidentDate;
        this.callouts = callouts;
        this.lastMarac = lastMarac;
        this.victim = new Check("victim", "this victim", victimPerson);
        this.abuser = new Check("any", "this abuser", abuserPerson);
        abuser.status.set("");
        if (loaded != null && loaded.checked() && loaded.checkedAt() != null) {
            // Checked when it was last open: the figures still stand until the victim's details change.
            record.set(loaded.withLowerReason(null));
            victimAnswer = record.get();
            victim.asked = victimPerson.get();
            victim.status.set("History checked " + DAY.format(loaded.checkedAt().atZone(java.time.ZoneId.systemDefault()))
                    + ": " + loaded.records() + " earlier DASH for this victim");
        } else {
            victim.status.set("History not checked (offline)");
            record.set(notChecked(victimPerson.get(), HistoryCheck.Outcome.NOT_CHECKED_OFFLINE));
        }
        lowerReason.set(loaded == null || loaded.lowerReason() == null ? "" : loaded.lowerReason());
        callouts.addListener((o, a, b) -> compare());
        lastMarac.addListener((o, a, b) -> compare());
        lowerReason.addListener((o, a, b) -> compare());
        compare();
    }

    private static HistoryCheck notChecked(HistoryRequests.Person p, HistoryCheck.Outcome why) {
        return new HistoryCheck(enough(p) ? why : HistoryCheck.Outcome.NOT_CHECKED_TOO_LITTLE, null, null, null, null, null);
    }

    /** What the assessment records about the check, with the officer's reason for any figure below it. */
    public HistoryCheck record() {
        HistoryCheck r = record.get();
        String why = lowerReason.get() == null || lowerReason.get().isBlank() ? null : lowerReason.get().strip();
        return r.withLowerReason(r.checked() && lower() ? why : null);
    }

    public ReadOnlyObjectProperty<HistoryCheck> recordProperty() {
        return record.getReadOnlyProperty();
    }

    /** True when the officer's call-outs or MARAC date are below what the history shows. */
    private boolean lower() {
        HistoryCheck r = record.get();
        return r != null && r.below(typedCallouts(), lastMarac.get());
    }

    private Integer typedCallouts() {
        try {
            String t = callouts.get() == null ? "" : callouts.get().strip();
            return t.isEmpty() ? null : Integer.valueOf(t);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Says where each figure came from, and whether a reason is owed. */
    private void compare() {
        HistoryCheck r = record.get();
        belowHistory.set(lower());
        if (r == null || !r.checked()) {
            calloutsSource.set("");
            maracSource.set("");
            lowerProblem.set(null);
            return;
        }
        Integer typed = typedCallouts();
        int shown = r.callouts() == null ? 0 : r.callouts();
        if (shown == 0) {
            calloutsSource.set("");
        } else if (typed == null || typed < shown) {
            calloutsSource.set("The central history shows " + shown + " in the 12 months before the incident: a lower figure needs a reason");
        } else if (typed == shown) {
            calloutsSource.set("Source: " + r.source());
        } else {
            calloutsSource.set("Raised by the officer (" + r.source() + " shows " + shown + ")");
        }
        if (r.lastMarac() == null) {
            maracSource.set("");
        } else if (lastMarac.get() == null || lastMarac.get().isBefore(r.lastMarac())) {
            maracSource.set("The central history shows a MARAC referral on " + DAY.format(r.lastMarac()) + ": an older or no date needs a reason");
        } else if (lastMarac.get().equals(r.lastMarac())) {
            maracSource.set("Source: " + r.source());
        } else {
            maracSource.set("Given by the officer (" + r.source() + " shows " + DAY.format(r.lastMarac()) + ")");
        }
        lowerProblem.set(lower() && (lowerReason.get() == null || lowerReason.get().isBlank())
                ? "History: the call-outs or last MARAC referral are below what the central history shows; say why (e.g. an"
                        + " earlier record is about someone else)" : null);
    }

    /**
     * Which of the criteria met rest on a figure the central history gave (the field still holds
     * the history's value): "From central history: repeat MARAC (referral 22/03/2026)". Empty when none.
     */
    public String criteriaFromHistory(org.dashdesk.grading.GradingResult g) {
        HistoryCheck r = record.get();
        if (g == null || r == null || !r.checked()) {
            return "";
        }
        List<String> parts = new java.util.ArrayList<>();
        if (g.criteria().contains(org.dashdesk.grading.Criterion.REPEAT_MARAC) && r.lastMarac() != null
                && r.lastMarac().equals(lastMarac.get())) {
            parts.add("repeat MARAC (referral " + DAY.format(r.lastMarac()) + ")");
        }
        Integer typed = typedCallouts();
        if (g.criteria().contains(org.dashdesk.grading.Criterion.ESCALATION) && r.callouts() != null && r.callouts() > 0
                && r.callouts().equals(typed)) {
            parts.add("escalation (" + r.callouts() + " call-outs in 12 months)");
        }
        int n = r.records() == null ? 0 : r.records();
        return parts.isEmpty() ? "" : "From the central history (" + n + (n == 1 ? " record" : " records") + "): " + String.join(", ", parts);
    }

    /** The officer's figures are below the history's: the reason field is wanted. */
    public javafx.beans.property.ReadOnlyBooleanProperty belowHistoryProperty() {
        return belowHistory.getReadOnlyProperty();
    }

    /** Why the officer records less than the history shows; kept on the assessment. */
    public StringProperty lowerReasonProperty() {
        return lowerReason;
    }

    /** Whether a reason for recording less than the history is owed and missing (null when not). */
    public ReadOnlyStringProperty lowerProblemProperty() {
        return lowerProblem.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty calloutsSourceProperty() {
        return calloutsSource.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty maracSourceProperty() {
        return maracSource.getReadOnlyProperty();
    }

    /** Online with this source (null: offline); checks at once what is already typed. */
    public void use(Function<HistoryRequests.Search, HistoryRequests.Result> source) {
        this.source = source;
        if (source != null) {
            // Online (again): asked afresh. Offline, a check made when the assessment was last open still stands.
            victim.asked = null;
            abuser.asked = null;
        }
        checkNow();
    }

    /** Something about a person changed: checked after a pause in typing. */
    void changed() {
        HistoryRequests.Person now = victim.person.get();
        if (!now.equals(victim.asked)) {
            // Whatever was checked was about someone else's details: not checked until the new answer comes.
            record.set(notChecked(now, source == null ? HistoryCheck.Outcome.NOT_CHECKED_OFFLINE : HistoryCheck.Outcome.NOT_CHECKED_PENDING));
            compare();
        } else if (victimAnswer != null) {
            // Back to the details that were checked (a typing slip undone): that answer stands again.
            record.set(victimAnswer);
            compare();
        }
        long v = ++victim.generation;
        long a = ++abuser.generation;
        executor.schedule(PAUSE, () -> {
            if (v == victim.generation) {
                check(victim);
            }
            if (a == abuser.generation) {
                check(abuser);
            }
        });
    }

    /** Checks both people now (tests, and when the page opens). */
    void checkNow() {
        check(victim);
        check(abuser);
    }

    private void check(Check c) {
        HistoryRequests.Person p = c.person.get();
        if (!enough(p)) {
            c.asked = null;
            if (c == victim) {
                victimAnswer = null;
            }
            c.status.set(c == victim ? "History: a full name with a date of birth, an age or a postcode (or a force id) lets the force's"
                    + " earlier DASH be found" : "");
            settle(c, notChecked(p, HistoryCheck.Outcome.NOT_CHECKED_TOO_LITTLE));
            return;
        }
        if (p.equals(c.asked)) {
            if (c == victim && victimAnswer != null) {
                settle(c, victimAnswer);
            }
            return;
        }
        if (source == null) {
            c.status.set("History not checked (offline)");
            settle(c, notChecked(p, HistoryCheck.Outcome.NOT_CHECKED_OFFLINE));
            return;
        }
        c.asked = p;
        if (c == victim) {
            victimAnswer = null;
        }
        long mine = ++c.generation;
        c.status.set("Checking history…");
        settle(c, notChecked(p, HistoryCheck.Outcome.NOT_CHECKED_PENDING));
        Function<HistoryRequests.Search, HistoryRequests.Result> s = source;
        HistoryRequests.Search search = new HistoryRequests.Search(reason.get(), c.role, p);
        executor.execute(BackgroundTask.of(() -> s.apply(search)).onSuccess(result -> {
            if (mine == c.generation) {
                c.status.set(words(result, c.words));
                if (c == victim) {
                    found(result);
                }
            }
        }).onFailure(e -> {
            if (mine == c.generation) {
                c.asked = null;
                boolean unreachable = e instanceof ReviewException r && r.status() == 0;
                c.status.set("History not checked: " + (unreachable ? "the central server could not be reached" : e.getMessage()));
                settle(c, notChecked(p, unreachable ? HistoryCheck.Outcome.NOT_CHECKED_OFFLINE : HistoryCheck.Outcome.NOT_CHECKED_FAILED));
            }
        }));
    }

    private void settle(Check c, HistoryCheck outcome) {
        if (c == victim) {
            record.set(outcome);
            compare();
        }
    }

    /**
     * The victim's history answered: the figures it shows (strong matches only: a similar name is
     * shown, never counted), filled into the page's empty fields.
     */
    private void found(HistoryRequests.Result result) {
        LocalDate day = incidentDate.get() == null ? LocalDate.now() : incidentDate.get();
        List<HistoryRequests.Match> strong = result.matches().stream().filter(m -> STRONG.contains(m.matchedOn())).toList();
        int inYear = (int) strong.stream().filter(m -> m.date() != null && !m.date().isAfter(day) && m.date().isAfter(day.minusMonths(12)))
                .count();
        LocalDate marac = latestMarac(strong.stream().filter(m -> m.maracReferredOn() == null || !m.maracReferredOn().isAfter(day))
                .toList()).orElse(null);
        victimAnswer = new HistoryCheck(HistoryCheck.Outcome.CHECKED, java.time.Instant.now(), result.matches().size(), inYear, marac, null);
        record.set(victimAnswer);
        // Filled only when empty: what the officer typed is theirs (a lower figure then asks for a reason).
        if (inYear > 0 && typedCallouts() == null && (callouts.get() == null || callouts.get().isBlank())) {
            callouts.set(Integer.toString(inYear));
        }
        if (marac != null && lastMarac.get() == null) {
            lastMarac.set(marac);
        }
        compare();
    }

    static boolean enough(HistoryRequests.Person p) {
        if (p == null) {
            return false;
        }
        if (p.forceId() != null && !p.forceId().isBlank()) {
            return true;
        }
        return NameKey.of(p.name()).usable() && (p.dateOfBirth() != null || p.approximateAge() != null
                || p.postcode() != null && !p.postcode().isBlank());
    }

    /** "Earlier DASH for this victim: 3 — last 14/08/2026, High, MARAC referral 02/09/2026". */
    static String words(HistoryRequests.Result r, String who) {
        List<HistoryRequests.Match> m = r.matches();
        if (m.isEmpty()) {
            return "No earlier DASH found for " + who + " in the force's records.";
        }
        HistoryRequests.Match last = m.stream().filter(x -> x.date() != null).max(Comparator.comparing(HistoryRequests.Match::date))
                .orElse(m.get(0));
        StringBuilder b = new StringBuilder("Earlier DASH for ").append(who).append(": ").append(m.size()).append(r.more() ? "+" : "");
        long asVictim = m.stream().filter(x -> "victim".equals(x.personRole())).count();
        if (who.endsWith("abuser") && asVictim > 0) {
            b.append(" (as abuser ").append(m.size() - asVictim).append(", as victim ").append(asVictim).append(')');
        }
        b.append(" — last ").append(last.date() == null ? "date not known" : DAY.format(last.date())).append(", ")
                .append(level(last.level()));
        latestMarac(m).ifPresent(d -> b.append(", MARAC referral ").append(DAY.format(d)));
        if (m.stream().anyMatch(x -> !x.matchedOn().equals("force_id") && !x.matchedOn().equals("name_and_date_of_birth"))) {
            b.append(". Some are similar names: check they are the same person.");
        }
        return b.toString();
    }

    private static java.util.Optional<LocalDate> latestMarac(List<HistoryRequests.Match> m) {
        return m.stream().filter(HistoryRequests.Match::maracReferral).map(HistoryRequests.Match::maracReferredOn).filter(Objects::nonNull)
                .max(Comparator.naturalOrder());
    }

    private static String level(String code) {
        return code == null ? "level not known" : code.substring(0, 1) + code.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    public ReadOnlyStringProperty victimStatusProperty() {
        return victim.status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty abuserStatusProperty() {
        return abuser.status.getReadOnlyProperty();
    }
}
