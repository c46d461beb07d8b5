package org.mengkeju.platform.test;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.EvaluationResult;
import org.junit.jupiter.api.Test;

/** The rules find what they are for, on a made-up service (org.mengkeju.fixtureshop) that breaks each of them. */
class ArchitectureRulesTest {

    private static final String SHOP = "org.mengkeju.fixtureshop";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .importPath(Path.of("target", "test-classes", "org", "mengkeju", "fixtureshop"));

    @Test
    void aCycleBetweenFeaturePackagesIsFound() {
        assertThat(report(ArchitectureRules.featurePackagesAreFreeOfCycles(SHOP).evaluate(CLASSES)))
                .contains("feature package 'order'").contains("feature package 'basket'");
    }

    @Test
    void domainCodeUsingKafkaOrTheRelayIsFoundButAdaptersMaySpeakKafka() {
        String report = report(ArchitectureRules.domainCodeIsFreeOfTransport(SHOP).evaluate(CLASSES));

        assertThat(report).contains("Order").contains("org.apache.kafka.clients.producer.ProducerRecord")
                .contains("org.mengkeju.platform.outbox.OutboxRelay")
                .doesNotContain("OrderController").doesNotContain("ConsumerRecord");
        // The type an aggregate records its events with is not an internal.
        assertThat(report).doesNotContain("PendingEvent");
    }

    @Test
    void anotherServicesClassIsFound() {
        String report = report(ArchitectureRules.usesNoOtherServicesClasses(SHOP).evaluate(CLASSES));

        assertThat(report).contains("org.mengkeju.fixturewarehouse.Stock")
                .doesNotContain("<org.mengkeju.platform.");
    }

    @Test
    void aRoleCheckOutsideAnApplicationServiceIsFound() {
        assertThat(report(ArchitectureRules.onlyApplicationServicesDecideAccess(SHOP).evaluate(CLASSES)))
                .contains("Order.mayCancel").contains("org.mengkeju.platform.identity.Role");
    }

    private static String report(EvaluationResult result) {
        assertThat(result.hasViolation()).as("the rule finds a violation").isTrue();
        return String.join("\n", result.getFailureReport().getDetails());
    }
}
