package org.dashdesk.ui.wizard;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

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
 * blocked. Offline it says so. The last MARAC referral date is filled from the history when the
 * officer left it empty, and never changed when they gave one.
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

    private final TaskExecutor executor;
    private final Supplier<String> reason;
    private final java.util.function.Consumer<LocalDate> fillMaracDate;
    private final Check victim;
    private final Check abuser;
    private Function<HistoryRequests.Search, HistoryRequests.Result> source;

    /**
     * @param reason        why the search is made, for the server's audit ("DASH at the scene, INC-…")
     * @param fillMaracDate called with the latest MARAC referral the history shows (the owner fills the field only when empty)
     */
    HistoryCheckViewModel(TaskExecutor executor, Supplier<String> reason, Supplier<HistoryRequests.Person> victimPerson,
            Supplier<HistoryRequests.Person> abuserPerson, java.util.function.Consumer<LocalDate> fillMaracDate) {
        this.executor = executor;
        this.reason = reason;
        this.fillMaracDate = fillMaracDate;
        this.victim = new Check("victim", "this victim", victimPerson);
        this.abuser = new Check("any", "this abuser", abuserPerson);
        victim.status.set("History not checked (offline)");
        abuser.status.set("");
    }

    /** Online with this source (null: offline); checks at once what is already typed. */
    public void use(Function<HistoryRequests.Search, HistoryRequests.Result> source) {
        this.source = source;
        victim.asked = null;
        abuser.asked = null;
        checkNow();
    }

    /** Something about a person changed: checked after a pause in typing. */
    void changed() {
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
            c.status.set(c == victim ? "History: a full name with a date of birth, an age or a postcode (or a force id) lets the force's"
                    + " earlier DASH be found" : "");
            return;
        }
        if (source == null) {
            c.status.set("History not checked (offline)");
            return;
        }
        if (p.equals(c.asked)) {
            return;
        }
        c.asked = p;
        long mine = ++c.generation;
        c.status.set("Checking history…");
        Function<HistoryRequests.Search, HistoryRequests.Result> s = source;
        HistoryRequests.Search search = new HistoryRequests.Search(reason.get(), c.role, p);
        executor.execute(BackgroundTask.of(() -> s.apply(search)).onSuccess(result -> {
            if (mine == c.generation) {
                c.status.set(words(result, c.words));
                if (c == victim) {
                    latestMarac(result.matches()).ifPresent(fillMaracDate);
                }
            }
        }).onFailure(e -> {
            if (mine == c.generation) {
                c.asked = null;
                c.status.set("History not checked: " + (e instanceof ReviewException r && r.status() == 0 ? "the central server could not"
                        + " be reached" : e.getMessage()));
            }
        }));
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
