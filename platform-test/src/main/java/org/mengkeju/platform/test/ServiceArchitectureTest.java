package org.mengkeju.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * The structure rules every service keeps ({@link ArchitectureRules}), checked on the service's main classes. A
 * service's test extends this in its base package ({@code org.mengkeju.catalog}); nothing is started.
 */
public abstract class ServiceArchitectureTest {

    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    /** The service's base package: the package of the concrete test class. */
    protected String basePackage() {
        return getClass().getPackageName();
    }

    /**
     * The module's compiled main classes, read from its build folder rather than by scanning every jar on the
     * class path for the package (which takes many seconds).
     */
    protected JavaClasses classes() {
        return IMPORTED.computeIfAbsent(basePackage(), base -> {
            Path mainClasses = Path.of("target", "classes", base.replace('.', '/'));
            assertThat(mainClasses).as("compiled main classes of %s (tests run from the module folder)", base)
                    .isDirectory();
            return new ClassFileImporter().importPath(mainClasses);
        });
    }

    @Test
    void theRulesSeeTheServicesApplication() {
        // Guards against rules that pass because they were given no classes.
        assertThat(classes().stream().filter(type -> type.isAnnotatedWith(
                "org.springframework.boot.autoconfigure.SpringBootApplication")))
                .as("a @SpringBootApplication class in %s", basePackage()).isNotEmpty();
    }

    @Test
    void featurePackagesAreFreeOfCycles() {
        ArchitectureRules.featurePackagesAreFreeOfCycles(basePackage()).check(classes());
    }

    @Test
    void domainCodeIsFreeOfTransport() {
        ArchitectureRules.domainCodeIsFreeOfTransport(basePackage()).check(classes());
    }

    @Test
    void usesNoOtherServicesClasses() {
        ArchitectureRules.usesNoOtherServicesClasses(basePackage()).check(classes());
    }

    @Test
    void onlyApplicationServicesDecideAccess() {
        ArchitectureRules.onlyApplicationServicesDecideAccess(basePackage()).check(classes());
    }
}
