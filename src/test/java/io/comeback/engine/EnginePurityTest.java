package io.comeback.engine;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The engine is pure: model, parser, validator and interpreter depend on the JDK and
 * snakeyaml-engine only, so they run in plain unit tests and in the simulator.
 */
class EnginePurityTest {

    /**
     * Production classes only. The predefined DO_NOT_INCLUDE_TESTS option looks for
     * {@code target/test-classes}, which misses builds run with {@code -Dbuild.dir=target-xyz}.
     */
    private final JavaClasses engine = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("io.comeback.engine");

    @Test
    void engineImportsNoFrameworks() {
        noClasses()
                .that()
                .resideInAPackage("io.comeback.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "jakarta.persistence..",
                        "jakarta.enterprise..",
                        "jakarta.ws.rs..",
                        "com.twilio..",
                        "org.quartz..",
                        "org.hibernate..",
                        "com.fasterxml.jackson..")
                .check(engine);
    }

    @Test
    void engineDependsOnNothingElseInComeback() {
        noClasses()
                .that()
                .resideInAPackage("io.comeback.engine..")
                .should()
                .dependOnClassesThat(
                        resideInAPackage("io.comeback..").and(resideOutsideOfPackage("io.comeback.engine..")))
                .check(engine);
    }

    @Test
    void modelDependsOnTheJdkOnly() {
        noClasses()
                .that()
                .resideInAPackage("io.comeback.engine.model..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.snakeyaml..", "io.comeback.engine.parse..", "io.comeback.engine.validate..")
                .check(engine);
    }
}
