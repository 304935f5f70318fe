package org.dashdesk.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

import org.dashdesk.assessment.Channel;
import org.dashdesk.grading.Choice;
import org.dashdesk.grading.RiskLevel;
import org.dashdesk.ui.common.Appearance;
import org.dashdesk.ui.common.FxTaskExecutor;
import org.dashdesk.ui.shell.ShellView;
import org.dashdesk.ui.shell.ShellViewModel;
import org.dashdesk.ui.wizard.Page;
import org.dashdesk.ui.wizard.WizardViewModel;

/**
 * Walks the real app (a real GTK window, under Xvfb) through every page in both themes with
 * synthetic data and takes a screenshot of each with ImageMagick's {@code import}. Not a test:
 * run it by hand, see src/site/screenshots/README.md.
 */
public final class ScreenshotTour extends Application {

    private static Path out;
    private Stage stage;
    private ShellViewModel shell;
    private Appearance appearance;
    private FxTaskExecutor executor;

    public static void main(String[] args) {
        out = Path.of(args[0]);
        launch(args);
    }

    @Override
    public void start(Stage stage) throws Exception {
        this.stage = stage;
        Path data = Files.createTempDirectory("dashdesk-tour");
        executor = new FxTaskExecutor();
        appearance = new Appearance();
        var locations = new org.dashdesk.config.ConfigLocations(data.resolve("absent-it.properties"), data);
        var policy = org.dashdesk.security.SecurityPolicy.defaults().withIterations(org.dashdesk.security.SecurityPolicy.MIN_ITERATIONS);
        shell = new ShellViewModel(executor, Clock.systemDefaultZone(), appearance,
                new StoreServices(locations, policy, Clock.systemUTC(), org.dashdesk.ui.common.OnlineSignIn.OFFLINE), Platform::runLater);
        // -Dtour.size=1366x768 -Dtour.font=28: the laptop sizes and 200 % text of issue 11.
        String[] size = System.getProperty("tour.size", "1180x760").split("x");
        Scene scene = new Scene(new ShellView(shell), Double.parseDouble(size[0]), Double.parseDouble(size[1]));
        appearance.apply(scene);
        appearance.fontSizeProperty().set(Double.parseDouble(System.getProperty("tour.font", String.valueOf(Appearance.DEFAULT_FONT))));
        stage.setTitle("DASH Desk");
        stage.setX(0);
        stage.setY(0);
        stage.setScene(scene);
        stage.show();
        shell.start();
        Thread t = new Thread(() -> {
            try {
                tour();
            } catch (Exception e) {
                e.printStackTrace();
            }
            Platform.exit();
            System.exit(0);
        });
        t.setDaemon(true);
        t.start();
    }

    private void fx(Runnable r) throws Exception {
        CompletableFuture<Void> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                r.run();
                f.complete(null);
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        f.get(20, TimeUnit.SECONDS);
        while (!executor.isIdle()) {
            Thread.sleep(50);
        }
        Thread.sleep(400);
    }

    private static javafx.scene.control.ScrollPane scrollOf(javafx.scene.Node field) {
        javafx.scene.Node scroll = field;
        while (scroll != null && !(scroll instanceof javafx.scene.control.ScrollPane)) {
            scroll = scroll.getParent();
        }
        return (javafx.scene.control.ScrollPane) scroll;
    }

    private void shot(String name) throws Exception {
        Thread.sleep(300);
        String file = out.resolve(name + ".png").toString();
        int w = (int) stage.getScene().getWidth();
        int h = (int) stage.getScene().getHeight();
        int x = (int) (stage.getX() + stage.getScene().getX());
        int y = (int) (stage.getY() + stage.getScene().getY());
        Process p = new ProcessBuilder("import", "-window", "root", "-crop", w + "x" + h + "+" + x + "+" + y, "+repage",
                "-colors", "128", "PNG8:" + file).inheritIO().start();
        p.waitFor();
        System.out.println("shot " + file);
    }

    private static final String PASSWORD = "synthetic pass phrase 1";

    private void bothThemes(String name) throws Exception {
        for (Appearance.Theme theme : Appearance.Theme.values()) {
            fx(() -> appearance.themeProperty().set(theme));
            shot(name + "-" + theme.name().toLowerCase(java.util.Locale.ROOT));
        }
        fx(() -> appearance.themeProperty().set(Appearance.Theme.LIGHT));
    }

    private void tour() throws Exception {
        while (shell.screenProperty().get() == ShellViewModel.Screen.LOADING) {
            Thread.sleep(100);
        }
        fx(() -> { });
        bothThemes("00-first-run-setup");
        fx(() -> {
            shell.setup().save();
            shell.setupDone();
        });
        fx(() -> {
            var e = shell.enrol();
            e.nameProperty().set("PC Jo Example");
            e.usernameProperty().set("pc4471");
            e.collarProperty().set("4471");
            e.teamProperty().set("Maidstone North");
            e.roleProperty(org.dashdesk.security.Role.OFFICER).set(true);
        });
        bothThemes("01-set-up-this-laptop");
        fx(() -> {
            shell.enrol().passwordProperty().set(PASSWORD);
            shell.enrol().confirmProperty().set(PASSWORD);
            shell.enrol().enrol();
        });
        while (shell.servicesProperty().get() == null) {
            Thread.sleep(100);
        }
        seed();
        fx(shell::signOut);
        fx(() -> {
            shell.signIn().usernameProperty().set("pc4471");
            shell.signIn().passwordProperty().set("a wrong password");
            shell.signIn().signIn();
            shell.signIn().usernameProperty().set("pc4471");
        });
        bothThemes("01-sign-in");
        fx(() -> {
            shell.signIn().passwordProperty().set(PASSWORD);
            shell.signIn().signIn();
        });
        while (shell.servicesProperty().get() == null) {
            Thread.sleep(100);
        }
        fx(() -> { });
        for (Appearance.Theme theme : Appearance.Theme.values()) {
            String suffix = "-" + theme.name().toLowerCase(java.util.Locale.ROOT);
            fx(() -> appearance.themeProperty().set(theme));
            fx(shell::refresh);
            fx(shell::refreshSync);
            shot("02-home-and-status-bar" + suffix);
            fx(() -> shell.openRecord(shell.submittedList().get(0).id()));
            shot("02-read-only-assessment" + suffix);
            fx(() -> ((javafx.scene.control.TabPane) stage.getScene().lookup("#record-tabs")).getSelectionModel().select(1));
            shot("02-read-only-audit" + suffix);
            fx(shell::showHome);
            fx(() -> shell.startNew(Channel.PHONE_IN));
            fx(() -> {
                var d = shell.wizardProperty().get().details();
                d.attendingOfficerCollarProperty().set("9120");
                d.callReferenceProperty().set("CALL-2211");
                d.victimCouldSpeakSafelyProperty().set(true);
                fill(shell.wizardProperty().get());
            });
            shot("03-incident-and-people-phone-in" + suffix);
            // Issue 12: who the victim and the abuser are, below the names.
            fx(() -> {
                var d = shell.wizardProperty().get().details();
                d.victimDetails().dateOfBirthProperty().set(java.time.LocalDate.of(1991, 4, 12));
                d.victimDetails().addressProperty().set("Flat 2, 10 Example Road");
                d.victimDetails().postcodeProperty().set("ME14 1XX");
                d.victimDetails().safeNumberProperty().set("07700 900123");
                d.victimDetails().safeTimesProperty().set("Weekdays 9 to 3");
                d.abuserDetails().ageProperty().set("forty");
                javafx.scene.Node field = stage.getScene().lookup("#victim-dob");
                javafx.scene.Node scroll = field;
                while (scroll != null && !(scroll instanceof javafx.scene.control.ScrollPane)) {
                    scroll = scroll.getParent();
                }
                if (scroll != null) {
                    org.dashdesk.ui.common.Controls.ensureVisible((javafx.scene.control.ScrollPane) scroll, stage.getScene().lookup("#abuser-force-id"));
                }
            });
            shot("03b-people-details" + suffix);
            // Issue 12 online: the history found for the victim fills the call-outs and the MARAC date, with their source.
            fx(() -> {
                var d = shell.wizardProperty().get().details();
                java.time.LocalDate day = d.incidentDateProperty().get() == null ? java.time.LocalDate.now() : d.incidentDateProperty().get();
                d.history().use(s -> new org.dashdesk.history.HistoryRequests.Result(java.util.List.of(
                        new org.dashdesk.history.HistoryRequests.Match(java.util.UUID.randomUUID(), day.minusMonths(8), "HIGH",
                                java.util.List.of("VISIBLE_HIGH_RISK"), true, day.minusMonths(8).plusDays(6), "victim", "Maidstone",
                                "name_and_date_of_birth"),
                        new org.dashdesk.history.HistoryRequests.Match(java.util.UUID.randomUUID(), day.minusMonths(11), "MEDIUM",
                                java.util.List.of(), false, null, "victim", "Maidstone", "name_and_date_of_birth")), false));
            });
            // After the answer came and its lines were laid out.
            fx(() -> {
                org.dashdesk.ui.common.Controls.ensureVisible(scrollOf(stage.getScene().lookup("#callouts")),
                        stage.getScene().lookup("#marac-source"));
            });
            shot("03c-history-at-the-scene" + suffix);
            fx(() -> {
                // Back to offline for the rest of the tour: the figures the history gave are cleared.
                var d = shell.wizardProperty().get().details();
                d.history().use(null);
                d.victimNameProperty().set(d.victimNameProperty().get() + " ");
                d.calloutsProperty().set("");
                d.lastMaracReferralProperty().set(null);
            });
            fx(() -> shell.wizardProperty().get().details().abuserDetails().ageProperty().set("40"));
            WizardViewModel w = shell.wizardProperty().get();
            String[] answers = "YNYYYNYYYYNNYYNYNDYNYYNNYYN".split("");
            fx(() -> {
                for (int i = 1; i <= 27; i++) {
                    Choice c = switch (answers[i - 1]) {
                        case "Y" -> Choice.YES;
                        case "N" -> Choice.NO;
                        default -> Choice.DONT_KNOW;
                    };
                    w.question("Q" + i).orElseThrow().choiceProperty().set(c);
                }
                w.question("Q1").orElseThrow().commentProperty().set("Cut to lip, bruising to left forearm");
                w.question("S1").orElseThrow().choiceProperty().set(Choice.YES);
                w.question("O2").orElseThrow().choiceProperty().set(Choice.YES);
                w.question("O1").orElseThrow().textProperty().set("Victim's first language is Polish; interpreter used by phone.");
                w.commitPending();
            });
            int n = 4;
            for (Page p : List.copyOf(w.visiblePages())) {
                if (p.kind() == Page.Kind.PEOPLE) {
                    continue;
                }
                fx(() -> w.goTo(p));
                if (p.kind() == Page.Kind.GRADING) {
                    fx(() -> {
                        w.referralPrompts().forEach(r -> r.chosenProperty().set(true));
                        w.referralPrompts().get(w.referralPrompts().size() - 1).chosenProperty().set(false);
                    });
                }
                String name = String.format("%02d-%s%s", n++, p.id().replace('/', '-').replace("dash-2009-", ""), suffix);
                shot(name);
            }
            // Issue 11: the last seven DASH questions left open, as when a call ends early; the review
            // page offers to mark them not asked, and each row then says so.
            fx(() -> {
                for (int i = 21; i <= 27; i++) {
                    w.question("Q" + i).orElseThrow().choiceProperty().set(null);
                }
                w.commitPending();
                w.goTo(w.visiblePages().get(w.visiblePages().size() - 1));
            });
            shot("12-review-questions-left-open" + suffix);
            fx(() -> {
                w.markUnansweredNotAsked("ended_early");
                w.goTo(w.visiblePages().stream().filter(p -> p.id().endsWith("/abuser")).findFirst().orElseThrow());
            });
            shot("07-abuser-questions-not-asked" + suffix);
            fx(shell::hide);
            shot(String.format("%02d-privacy-curtain%s", n++, suffix));
            fx(shell::reveal);
            fx(shell::lock);
            shot(String.format("%02d-lock-screen%s", n++, suffix));
            fx(() -> {
                shell.unlock().passwordProperty().set(PASSWORD);
                shell.unlock().unlock();
            });
            fx(shell::closeWizard);
            fx(shell::showSettings);
            shot(String.format("%02d-settings%s", n, suffix));
            fx(shell::showAddPerson);
            fx(() -> {
                var add = shell.addPerson();
                add.nameProperty().set("PC Colleague Example");
                add.usernameProperty().set("pc5502");
                add.collarProperty().set("5502");
                add.roleProperty(org.dashdesk.security.Role.OFFICER).set(true);
                add.teamProperty().set("Maidstone North");
            });
            shot(String.format("%02d-add-a-person%s", n, suffix));
            fx(() -> shell.addPerson().cancel());
            fx(shell::showHome);
        }
    }

    private static void fill(WizardViewModel w) {
        var d = w.details();
        d.incidentReferenceProperty().set("KNT-20261123-0117");
        d.incidentDateProperty().set(java.time.LocalDate.of(2026, 11, 23));
        d.incidentTimeProperty().set("01:50");
        d.placeProperty().set("Flat 2, 10 Example Road");
        d.districtProperty().set("Maidstone");
        d.calloutsProperty().set("2");
        d.victimNameProperty().set("Sam Synthetic");
        d.abuserNamesProperty().set("Alex Sample");
        d.childrenOrDependantsProperty().set(true);
        d.dependantsProperty().set("Child One, 6, daughter");
        w.commitPending();
    }

    /** A submitted assessment and a half-done draft, so the home lists are not empty. */
    private void seed() throws Exception {
        fx(() -> shell.startNew(Channel.AT_SCENE));
        fx(() -> {
            WizardViewModel w = shell.wizardProperty().get();
            w.details().incidentReferenceProperty().set("KNT-20261122-0931");
            w.details().victimNameProperty().set("Sam Synthetic");
            w.details().districtProperty().set("Medway");
            w.details().childrenOrDependantsProperty().set(false);
            for (int i = 1; i <= 20; i++) {
                if (i < 9 || i > 12) {
                    w.question("Q" + i).orElseThrow().choiceProperty().set(i % 3 == 0 ? Choice.YES : Choice.NO);
                }
            }
            // The victim ended the call before the last questions (issue 11): they are marked not
            // asked, and the Standard grade stands only on the officer's judgement with reasons.
            w.markUnansweredNotAsked("ended_early");
            w.judgementLevelProperty().set(RiskLevel.STANDARD);
            w.judgementRationaleProperty().set("Synthetic: no injuries, abuser left the address, victim staying with family tonight.");
            w.referralPrompts().forEach(r -> {
                r.chosenProperty().set(false);
                r.reasonProperty().set("No violence or threats reported");
            });
            w.commitPending();
            w.submit();
        });
        fx(() -> {
            if (shell.wizardProperty().get() != null) {
                shell.closeWizard();
            }
        });
        fx(() -> shell.startNew(Channel.AT_SCENE));
        fx(() -> {
            WizardViewModel w = shell.wizardProperty().get();
            w.details().incidentReferenceProperty().set("KNT-20261123-0044");
            w.details().districtProperty().set("Canterbury");
            for (int i = 1; i <= 12; i++) {
                w.question("Q" + i).orElseThrow().choiceProperty().set(Choice.NO);
            }
            w.judgementLevelProperty().set(RiskLevel.MEDIUM);
            w.commitPending();
            shell.closeWizard();
        });
    }
}
