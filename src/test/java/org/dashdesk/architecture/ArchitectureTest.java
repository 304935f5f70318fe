package org.dashdesk.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layer rules of the brief, checked against the compiled main classes. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.dashdesk");
    }

    @Test
    void domainNeverTouchesJavaFxOrSql() {
        noClasses().that().resideInAnyPackage("org.dashdesk.instrument..", "org.dashdesk.grading..", "org.dashdesk.assessment..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "java.sql..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void domainDoesNotDependOnOuterLayers() {
        noClasses().that().resideInAnyPackage("org.dashdesk.instrument..", "org.dashdesk.grading..", "org.dashdesk.assessment..")
                .should().dependOnClassesThat().resideInAnyPackage("org.dashdesk.store..", "org.dashdesk.ui..", "org.dashdesk.sync..",
                        "org.dashdesk.server..", "org.dashdesk.cli..")
                .check(classes);
    }

    @Test
    void onlyUiUsesJavaFxScenesAndControlsFx() {
        noClasses().that().resideOutsideOfPackage("org.dashdesk.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.controlsfx..")
                .check(classes);
    }

    @Test
    void uiNeverWritesSql() {
        noClasses().that().resideInAPackage("org.dashdesk.ui..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.h2..")
                .check(classes);
    }

    @Test
    void everyPackageSaysWhatItIsFor() throws IOException {
        Path root = Path.of("src/main/java");
        try (Stream<Path> dirs = Files.walk(root)) {
            List<Path> missing = dirs.filter(Files::isDirectory)
                    .filter(ArchitectureTest::holdsJavaSources)
                    .filter(d -> !Files.exists(d.resolve("package-info.java")))
                    .toList();
            assertEquals(List.of(), missing);
        }
    }

    /** A package that exists only in the tests has no main package-info to say what it is for. */
    @Test
    void everyTestOnlyPackageSaysWhatItIsFor() throws IOException {
        Path main = Path.of("src/main/java");
        Path test = Path.of("src/test/java");
        try (Stream<Path> dirs = Files.walk(test)) {
            List<Path> missing = dirs.filter(Files::isDirectory)
                    .filter(ArchitectureTest::holdsJavaSources)
                    .filter(d -> !Files.isDirectory(main.resolve(test.relativize(d))))
                    .filter(d -> !Files.exists(d.resolve("package-info.java")))
                    .toList();
            assertEquals(List.of(), missing);
        }
    }

    private static boolean holdsJavaSources(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.anyMatch(f -> f.toString().endsWith(".java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
