package org.mengkeju.platform.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ContextConfiguration;

/**
 * A service started whole on a random port, against a real Kafka broker (the broker code, KRaft, in-process)
 * and the MongoDB-wire store over TCP, with its own fresh database. Test classes with the same set-up share
 * one started service.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
        "spring.kafka.consumer.auto-offset-reset=earliest",
        "mengkeju.identity.keys=" + TestIdentities.TRUSTED_KEYS,
        "mengkeju.outbox.poll-interval=50ms",
        "mengkeju.messaging.retry-backoff=50ms",
        // One partition per topic: tests can then rely on the order of events across keys.
        "mengkeju.messaging.partitions=1"})
@EmbeddedKafka(partitions = 1)
@ContextConfiguration(initializers = MongoWireStore.Initializer.class)
public @interface ServiceIntegrationTest {
}
