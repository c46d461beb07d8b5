package org.mengkeju.platform;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The platform is plumbing under the services: its packages form no cycle and it knows no service. */
class PlatformArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .importPath(Path.of("target", "classes", "org", "mengkeju", "platform"));

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("org.mengkeju.platform.(*)..").namingSlices("package '$1'")
                .should().beFreeOfCycles()
                .check(CLASSES);
    }

    @Test
    void knowsNoServiceAndNoGateway() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.mengkeju.catalog..",
                        "org.mengkeju.matching..", "org.mengkeju.contract..", "org.mengkeju.points..",
                        "org.mengkeju.finance..", "org.mengkeju.gateway..", "org.mengkeju.launcher..")
                .check(CLASSES);
    }
}
