package org.dashdesk.ui.shell;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import javafx.scene.Node;

import org.dashdesk.security.Role;
import org.dashdesk.ui.cru.CruScreen;
import org.dashdesk.ui.record.RecordView;
import org.dashdesk.ui.review.ReturnNotesPanel;
import org.dashdesk.ui.review.ReturnNotesViewModel;
import org.dashdesk.ui.settings.SettingsView;
import org.dashdesk.ui.setup.SetupView;
import org.dashdesk.ui.signin.EnrolView;
import org.dashdesk.ui.signin.SignInView;
import org.dashdesk.ui.reports.ReportsScreen;
import org.dashdesk.ui.reports.ReportsViewModel;
import org.dashdesk.ui.signoff.SignOffScreen;
import org.dashdesk.ui.wizard.WizardView;

/**
 * Which view shows each {@link ShellViewModel.Screen}: one table, with every screen class named in
 * the imports above, so a reader sees at a glance which screens the shell can show (issue 10).
 * A screen whose view model is not there (yet) falls back to the loading or home view.
 */
final class ScreenRegistry {

    private final Map<ShellViewModel.Screen, Function<ShellViewModel, Node>> screens = new EnumMap<>(ShellViewModel.Screen.class);

    ScreenRegistry() {
        screens.put(ShellViewModel.Screen.LOADING, vm -> new LoadingView(vm.openingProperty()));
        screens.put(ShellViewModel.Screen.SETUP, vm -> new SetupView(vm.setup(), vm::setupDone));
        screens.put(ShellViewModel.Screen.ENROL, vm -> scrolling(new EnrolView(vm.enrol())));
        screens.put(ShellViewModel.Screen.SIGN_IN, vm -> vm.signIn() == null ? new LoadingView(vm.openingProperty())
                : scrolling(new SignInView(vm.signIn())));
        screens.put(ShellViewModel.Screen.HOME, HomeView::new);
        screens.put(ShellViewModel.Screen.WIZARD, vm -> vm.wizardProperty().get() == null ? new HomeView(vm) : wizard(vm));
        screens.put(ShellViewModel.Screen.REVIEW_QUEUE, ScreenRegistry::reviewQueue);
        screens.put(ShellViewModel.Screen.REPORTS, vm -> vm.reviewGatewayProperty().get() == null ? new HomeView(vm)
                : new ReportsScreen(new ReportsViewModel(vm.reviewGatewayProperty().get()::report, vm.executor(),
                        java.time.LocalDate.now(java.time.ZoneId.of("Europe/London")), vm.userProperty().get().hasRole(Role.SUPERVISOR)
                                && !vm.userProperty().get().hasRole(Role.CRU) && !vm.userProperty().get().hasRole(Role.ANALYST)
                                ? vm.userProperty().get().team() : null), vm::showHome));
        screens.put(ShellViewModel.Screen.SETTINGS, vm -> new SettingsView(vm.appearance(), vm.userProperty().get(), vm.people(),
                vm.servicesProperty().get().packs(), vm.servicesProperty().get().packProblems(), vm::useSyncToken, vm::showAddPerson,
                vm::showHome, vm.servicesProperty().get().evidence()));
        screens.put(ShellViewModel.Screen.ADD_PERSON, vm -> vm.addPerson() == null ? new HomeView(vm) : scrolling(new EnrolView(vm.addPerson())));
        screens.put(ShellViewModel.Screen.RECORD, vm -> vm.recordProperty().get() == null ? new HomeView(vm)
                : new RecordView(vm.recordProperty().get()));
    }

    /**
     * A centred panel that scrolls when its text is larger than the window (200 % text on a
     * 1280×720 laptop): without it the panel is squeezed and its words end in "…".
     */
    private static Node scrolling(javafx.scene.layout.Region panel) {
        javafx.scene.layout.StackPane centre = new javafx.scene.layout.StackPane(panel);
        javafx.scene.layout.StackPane.setAlignment(panel, javafx.geometry.Pos.TOP_CENTER);
        javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(centre);
        scroll.setFitToWidth(true);
        scroll.setFitToHeight(true);
        scroll.getStyleClass().add("page-scroll");
        return scroll;
    }

    Node create(ShellViewModel.Screen screen, ShellViewModel vm) {
        return screens.get(screen).apply(vm);
    }

    /** The wizard, with a returned assessment's supervisor comments placed in it. */
    private static WizardView wizard(ShellViewModel vm) {
        WizardView view = new WizardView(vm.wizardProperty().get(), vm::closeWizard, vm::submitted);
        if (vm.returnNotesProperty().get() != null && vm.wizardProperty().get().isAmendment()) {
            ReturnNotesViewModel notes = new ReturnNotesViewModel(vm.returnNotesProperty().get(), vm.executor(),
                    vm.wizardProperty().get().assessmentId());
            view.placeReturnNotes(new ReturnNotesPanel(notes));
            notes.load();
        }
        return view;
    }

    /** A CRU member gets the CRU queue; a supervisor (without CRU) the sign-off queue. */
    private static Node reviewQueue(ShellViewModel vm) {
        var user = vm.userProperty().get();
        var packs = vm.servicesProperty().get().packs();
        return user.hasRole(Role.CRU)
                ? new CruScreen(vm.reviewGatewayProperty().get(), user.actor(), vm.executor(), packs, vm::showHome)
                : new SignOffScreen(vm.reviewGatewayProperty().get(), user.actor(), vm.executor(), packs, vm::showHome);
    }
}
