package io.comeback.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The layers of deploy/DESIGN.md, lowest first. Each may use the ones below it and never one above;
 * adapters (gateway) implement ports of messaging and are named only where they are wired up.
 */
class LayersTest {

    private final JavaClasses production = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(location -> !location.contains("/test-classes/"))
            .importPackages("io.comeback");

    /** Lowest first; each layer may use those before it. */
    static final List<String> LAYERS = List.of(
            "engine",
            "support",
            "audience",
            "flows",
            "messaging",
            "enrollment",
            "inbound",
            "gateway",
            "reports",
            "privacy",
            "shops",
            "jobs",
            "web");

    /**
     * Adapters implement ports below them; only the layers that wire them up may name them. The shops' adapters sit
     * above privacy, since a shop's erasure request is carried out by it.
     */
    static final Map<String, List<String>> NARROWER =
            Map.of("gateway", List.of("privacy", "shops", "jobs", "web"), "shops", List.of("jobs", "web"));

    @Test
    void layersDependOnlyDownward() {
        Architectures.LayeredArchitecture rule =
                Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : LAYERS) {
            rule = rule.layer(layer).definedBy("io.comeback." + layer + "..");
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            String layer = LAYERS.get(i);
            List<String> above = NARROWER.getOrDefault(layer, LAYERS.subList(i + 1, LAYERS.size()));
            rule = above.isEmpty()
                    ? rule.whereLayer(layer).mayNotBeAccessedByAnyLayer()
                    : rule.whereLayer(layer).mayOnlyBeAccessedByLayers(above.toArray(String[]::new));
        }
        rule.whereLayer("engine").mayNotAccessAnyLayer().check(production);
    }

    @Test
    void topLevelPackagesFormNoCycle() {
        slices().matching("io.comeback.(*)..").should().beFreeOfCycles().check(production);
    }

    @Test
    void everyClassLivesInALayer() {
        noClasses()
                .should()
                .resideOutsideOfPackages(
                        LAYERS.stream().map(l -> "io.comeback." + l + "..").toArray(String[]::new))
                .check(production);
    }
}
