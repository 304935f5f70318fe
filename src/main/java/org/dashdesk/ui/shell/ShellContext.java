package org.dashdesk.ui.shell;

import java.time.Clock;
import java.util.concurrent.Executor;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

import org.dashdesk.review.ReturnNotesRepository;
import org.dashdesk.review.ReviewGateway;
import org.dashdesk.ui.common.AppServices;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.CurrentUser;
import org.dashdesk.ui.common.DeskBackend;
import org.dashdesk.ui.common.TaskExecutor;

/**
 * What the shell's three view models (session, sync status, navigation) share: the screen shown,
 * the open store, who is signed in and the one message line. One object, so none of them owns
 * another's state and each can be read on its own.
 */
final class ShellContext {

    final TaskExecutor executor;
    final Clock clock;
    final Appearance appearance;
    final DeskBackend backend;
    final Executor uiThread;
    /** The settings and keyring read at start-up (null until read). */
    DeskBackend.Start start;

    final ObjectProperty<ShellViewModel.Screen> screen = new SimpleObjectProperty<>(ShellViewModel.Screen.LOADING);
    final ReadOnlyObjectWrapper<AppServices> services = new ReadOnlyObjectWrapper<>();
    final ReadOnlyObjectWrapper<CurrentUser> user = new ReadOnlyObjectWrapper<>();
    final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper();
    final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper();
    final BooleanProperty busy = new SimpleBooleanProperty();
    static final String OPENING = "Opening…";
    /** What the loading screen's lists say while the store opens (or a sign-out's close finishes first). */
    final javafx.beans.property.StringProperty opening = new javafx.beans.property.SimpleStringProperty(OPENING);
    final ObjectProperty<ReviewGateway> reviewGateway = new SimpleObjectProperty<>();
    final ObjectProperty<ReturnNotesRepository> returnNotes = new SimpleObjectProperty<>();

    ShellContext(TaskExecutor executor, Clock clock, Appearance appearance, DeskBackend backend, Executor uiThread) {
        this.executor = executor;
        this.clock = clock;
        this.appearance = appearance;
        this.backend = backend;
        this.uiThread = uiThread;
    }
}
