package io.comeback.gateway.twilio;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Twilio is one adapter among others: only {@code gateway.twilio} may know the SDK exists. */
class TwilioIsolationTest {

    private final JavaClasses production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("io.comeback");

    @Test
    void onlyTheTwilioAdapterImportsTheSdk() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.comeback.gateway.twilio..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.twilio..")
                .check(production);
    }
}
