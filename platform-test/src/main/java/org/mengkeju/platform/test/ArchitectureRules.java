package org.mengkeju.platform.test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.Optional;
import java.util.Set;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The structure rules of a service (docs/conventions.md), as ArchUnit rules over the classes under a service's base
 * package ({@code org.mengkeju.catalog}). A feature package is a direct subpackage ({@code ...catalog.achievement});
 * its adapters are the classes that speak HTTP or Kafka (controllers and listeners, and their nested types); every
 * other class of a feature package is domain code.
 */
public final class ArchitectureRules {

    private static final String PLATFORM = "org.mengkeju.platform";
    private static final String EVENTS = "org.mengkeju.events";
    private static final String OUTBOX = "org.mengkeju.platform.outbox";
    /** Transport: HTTP (Spring web, servlets) and Kafka (the client and Spring's Kafka support). */
    private static final String[] TRANSPORT = {"org.springframework.web..", "jakarta.servlet..", "org.apache.kafka..",
            "org.springframework.kafka.."};
    /**
     * What domain code may use of the outbox: the types an aggregate records its events with. The relay, its
     * properties and its other machinery are internals. A new recording type of the outbox is added here.
     */
    static final Set<String> OUTBOX_TYPES_FOR_AGGREGATES = Set.of(
            // The recording side of the outbox: what an aggregate records and how its repository saves it.
            "org.mengkeju.platform.outbox.PendingEvent",
            "org.mengkeju.platform.outbox.OutboxAggregate",
            "org.mengkeju.platform.outbox.OutboxAggregates");

    private static final String REST_CONTROLLER = "org.springframework.web.bind.annotation.RestController";
    private static final String CONTROLLER = "org.springframework.stereotype.Controller";
    private static final String CONTROLLER_ADVICE = "org.springframework.web.bind.annotation.ControllerAdvice";
    private static final String REST_CONTROLLER_ADVICE =
            "org.springframework.web.bind.annotation.RestControllerAdvice";
    private static final String KAFKA_LISTENER = "org.springframework.kafka.annotation.KafkaListener";
    private static final String APPLICATION_SERVICE = "org.springframework.stereotype.Service";
    private static final String ROLE = "org.mengkeju.platform.identity.Role";

    private ArchitectureRules() {
    }

    /** Feature packages may use each other, but never in a circle. */
    public static ArchRule featurePackagesAreFreeOfCycles(String basePackage) {
        return slices().matching(basePackage + ".(*)..").namingSlices("feature package '$1'")
                .should().beFreeOfCycles()
                .allowEmptyShould(true)
                .as("feature packages of " + basePackage + " are free of cycles");
    }

    /** Domain code holds the rules and knows nothing of HTTP, Kafka or how the outbox sends events. */
    public static ArchRule domainCodeIsFreeOfTransport(String basePackage) {
        return noClasses().that().resideInAPackage(basePackage + ".*..").and(DOMAIN_CODE)
                .should().dependOnClassesThat().resideInAnyPackage(TRANSPORT)
                .orShould().dependOnClassesThat(OUTBOX_INTERNALS)
                .allowEmptyShould(true)
                .as("domain code of " + basePackage + " (feature packages without their controllers and "
                        + "listeners) does not use HTTP, Kafka or the outbox's internals");
    }

    /** A service shares data with others only through the events module; the platform is plumbing. */
    public static ArchRule usesNoOtherServicesClasses(String basePackage) {
        DescribedPredicate<JavaClass> otherServices = DescribedPredicate.describe(
                "are in org.mengkeju but not in " + basePackage + ", the platform or the events",
                type -> inPackage(type, "org.mengkeju") && !inPackage(type, basePackage)
                        && !inPackage(type, PLATFORM) && !inPackage(type, EVENTS));
        return noClasses().that().resideInAPackage(basePackage + "..")
                .should().dependOnClassesThat(otherServices)
                .as("classes of " + basePackage + " use no other service's classes (only their own, "
                        + "org.mengkeju.platform and org.mengkeju.events)");
    }

    /**
     * Who may do what is decided in one place: the feature's application service (a {@code @Service}). Controllers
     * pass the caller on, aggregates hold the facts (the owner, the status), neither looks at roles.
     */
    public static ArchRule onlyApplicationServicesDecideAccess(String basePackage) {
        DescribedPredicate<JavaClass> applicationService = DescribedPredicate.describe(
                "application services and their nested classes",
                type -> outermost(type).isAnnotatedWith(APPLICATION_SERVICE));
        return noClasses().that().resideInAPackage(basePackage + "..")
                .and(DescribedPredicate.not(applicationService))
                .should().dependOnClassesThat().haveFullyQualifiedName(ROLE)
                .allowEmptyShould(true)
                .as("only application services (@Service) of " + basePackage + " decide access by role");
    }

    private static final DescribedPredicate<JavaClass> ADAPTER = DescribedPredicate.describe(
            "a controller or listener", type -> isAdapter(outermost(type)));

    private static final DescribedPredicate<JavaClass> DOMAIN_CODE = DescribedPredicate.not(ADAPTER)
            .as("domain code");

    private static final DescribedPredicate<JavaClass> OUTBOX_INTERNALS = DescribedPredicate.describe(
            "the outbox's internals", type -> inPackage(type, OUTBOX)
                    && !OUTBOX_TYPES_FOR_AGGREGATES.contains(type.getName().split("\\$")[0]));

    private static boolean inPackage(JavaClass type, String packageName) {
        return type.getPackageName().equals(packageName) || type.getPackageName().startsWith(packageName + ".");
    }

    private static boolean isAdapter(JavaClass type) {
        return type.isAnnotatedWith(REST_CONTROLLER) || type.isAnnotatedWith(CONTROLLER)
                || type.isAnnotatedWith(CONTROLLER_ADVICE) || type.isAnnotatedWith(REST_CONTROLLER_ADVICE)
                || type.isAnnotatedWith(KAFKA_LISTENER)
                || type.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(KAFKA_LISTENER))
                || type.getSimpleName().endsWith("Controller") || type.getSimpleName().endsWith("Listener");
    }

    private static JavaClass outermost(JavaClass type) {
        JavaClass current = type;
        for (Optional<JavaClass> enclosing = current.getEnclosingClass(); enclosing.isPresent();
                enclosing = current.getEnclosingClass()) {
            current = enclosing.get();
        }
        return current;
    }
}
