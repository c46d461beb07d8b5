package org.mengkeju.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.mengkeju.topology.BackendService;

/** The gateway's packages depend on each other in one direction only, and it uses no service's classes. */
class GatewayArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .importPath(Path.of("target", "classes", "org", "mengkeju", "gateway"));

    @Test
    void readsTheGatewaysClasses() {
        assertThat(CLASSES.contain(GatewayApplication.class)).isTrue();
    }

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.mengkeju.gateway.(*)..").namingSlices("package '$1'")
                .should().beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void usesNoServicesClasses() {
        String[] services = BackendService.all().stream().map(service -> service.basePackage() + "..")
                .toArray(String[]::new);
        noClasses().should().dependOnClassesThat().resideInAnyPackage(services).check(CLASSES);
    }
}
