package org.dashdesk.ui.shell;

import java.text.NumberFormat;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;

import org.dashdesk.assessment.AssessmentRepository;
import org.dashdesk.assessment.AssessmentState;
import org.dashdesk.assessment.Channel;
import org.dashdesk.assessment.ListQuery;
import org.dashdesk.assessment.SummaryPage;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.BackgroundTask;

/**
 * The home screen's two lists, their search box and filters (issue 17). One set of filters
 * narrows both lists; each list holds only the pages on screen ({@link PagedSummaryList}), read
 * through the store's list index, so the home screen costs the same with 100 or 100,000 cases.
 * Typing re-queries after a short pause ({@link #SETTLE}); an answer for text that has since
 * changed is dropped.
 */
public final class HomeListsViewModel {

    /** How long typing must pause before the lists are read again: one query per burst of keys. */
    static final Duration SETTLE = Duration.ofMillis(60);

    private final ShellContext ctx;
    private final StringProperty text = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
    private final ObjectProperty<RiskLevel> level = new SimpleObjectProperty<>();
    private final ObjectProperty<AssessmentState> state = new SimpleObjectProperty<>();
    private final ObjectProperty<ListQuery.SyncFilter> sync = new SimpleObjectProperty<>();
    private final ObjectProperty<Channel> channel = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper matching = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper filterProblem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper filtered = new ReadOnlyBooleanWrapper();
    private final PagedSummaryList drafts;
    private final PagedSummaryList submitted;
    /** The latest refresh asked for; older answers are dropped. Read on the background thread too. */
    private final AtomicLong latest = new AtomicLong();
    private long settling;
    /** True while filters are set from code (cleared at sign-out): no query for each one. */
    private boolean quiet;

    HomeListsViewModel(ShellContext ctx) {
        this.ctx = ctx;
        drafts = new PagedSummaryList(ctx.executor, q -> repository().summaries(q), this::readFailed);
        submitted = new PagedSummaryList(ctx.executor, q -> repository().summaries(q), this::readFailed);
        ChangeListener<Object> changed = (o, a, b) -> filtersChanged();
        text.addListener(changed);
        from.addListener(changed);
        to.addListener(changed);
        level.addListener(changed);
        state.addListener(changed);
        sync.addListener(changed);
        channel.addListener(changed);
    }

    private AssessmentRepository repository() {
        AppServices s = ctx.services.get();
        if (s == null) {
            throw new IllegalStateException("signed out");
        }
        return s.service().repository();
    }

    private void readFailed(Exception e) {
        ctx.error.set("The lists could not be read: " + e.getMessage());
    }

    /** Signed in: the first page of each list as read with the store, no filters. */
    void opened(SummaryPage firstDrafts, SummaryPage firstSubmitted) {
        latest.incrementAndGet();
        drafts.reset(ListQuery.all(true, PagedSummaryList.PAGE), firstDrafts);
        submitted.reset(ListQuery.all(false, PagedSummaryList.PAGE), firstSubmitted);
        describe(ListQuery.all(false, PagedSummaryList.PAGE), firstDrafts.matching(), firstSubmitted.matching());
    }

    /** Signed out: no rows, no filters, nothing pending. */
    void clear() {
        latest.incrementAndGet();
        settling++;
        quiet = true;
        try {
            clearFilters();
        } finally {
            quiet = false;
        }
        drafts.forget();
        submitted.forget();
        matching.set("");
        filterProblem.set(null);
        searching.set(false);
    }

    public void clearFilters() {
        boolean wasQuiet = quiet;
        quiet = true;
        try {
            text.set("");
            from.set(null);
            to.set(null);
            level.set(null);
            state.set(null);
            sync.set(null);
            channel.set(null);
        } finally {
            quiet = wasQuiet;
        }
        if (!quiet) {
            refresh();
        }
    }

    private void filtersChanged() {
        if (quiet) {
            return;
        }
        long ticket = ++settling;
        searching.set(true);
        ctx.executor.schedule(SETTLE, () -> {
            if (ticket == settling) {
                refresh();
            }
        });
    }

    /** The query the filters describe now, or null (with {@link #filterProblemProperty()} saying why). */
    ListQuery query() {
        try {
            ListQuery q = new ListQuery(false, text.get(), from.get(), to.get(), level.get(), state.get(), sync.get(), channel.get(), 0,
                    PagedSummaryList.PAGE);
            filterProblem.set(null);
            return q;
        } catch (IllegalArgumentException e) {
            filterProblem.set("The date range ends before it starts: change From or To.");
            return null;
        }
    }

    /** Reads both lists again (after a change, a sync, or a new search) from their first page. */
    public void refresh() {
        AppServices s = ctx.services.get();
        ListQuery q = query();
        if (s == null || q == null) {
            searching.set(false);
            return;
        }
        long ticket = latest.incrementAndGet();
        searching.set(true);
        AssessmentRepository repository = s.service().repository();
        ctx.executor.execute(BackgroundTask.of(() -> ticket != latest.get() ? null
                : new Pages(repository.summaries(q.forList(true)), repository.summaries(q.forList(false)))).onSuccess(p -> {
                    if (p == null || ticket != latest.get()) {
                        return;
                    }
                    searching.set(false);
                    drafts.reset(q.forList(true), p.drafts());
                    submitted.reset(q.forList(false), p.submitted());
                    describe(q, p.drafts().matching(), p.submitted().matching());
                }).onFailure(e -> {
                    if (ticket == latest.get()) {
                        searching.set(false);
                        readFailed(e);
                    }
                }));
    }

    private record Pages(SummaryPage drafts, SummaryPage submitted) {
    }

    private void describe(ListQuery q, int draftCount, int submittedCount) {
        boolean narrowed = !q.unfiltered();
        filtered.set(narrowed);
        NumberFormat n = NumberFormat.getIntegerInstance(Locale.UK);
        String counts = n.format(draftCount) + (draftCount == 1 ? " draft" : " drafts") + " and " + n.format(submittedCount) + " submitted";
        matching.set(narrowed ? counts + " match" : counts);
    }

    public PagedSummaryList drafts() {
        return drafts;
    }

    public PagedSummaryList submitted() {
        return submitted;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObjectProperty<LocalDate> fromProperty() {
        return from;
    }

    public ObjectProperty<LocalDate> toProperty() {
        return to;
    }

    public ObjectProperty<RiskLevel> levelProperty() {
        return level;
    }

    public ObjectProperty<AssessmentState> stateProperty() {
        return state;
    }

    public ObjectProperty<ListQuery.SyncFilter> syncProperty() {
        return sync;
    }

    public ObjectProperty<Channel> channelProperty() {
        return channel;
    }

    /** "3 drafts and 9,874 submitted", with " match" while a search or filter narrows them. */
    public ReadOnlyStringProperty matchingProperty() {
        return matching.getReadOnlyProperty();
    }

    /** Why the filters cannot be applied (a date range that ends before it starts), or null. */
    public ReadOnlyStringProperty filterProblemProperty() {
        return filterProblem.getReadOnlyProperty();
    }

    /** True from a change of the filters until its answer is shown. */
    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty filteredProperty() {
        return filtered.getReadOnlyProperty();
    }
}
