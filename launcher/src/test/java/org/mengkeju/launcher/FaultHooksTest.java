package org.mengkeju.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The faults the platform can be put through on purpose: a service killed with SIGKILL comes back by itself; the
 * broker and the store go away and come back on the same ports with everything they acknowledged, and clients that
 * stayed open across the outage carry on.
 */
class FaultHooksTest {

    private static final String TOPIC = "mengkeju.contract.contracts";

    @TempDir
    Path repository;

    @TempDir
    Path data;

    @Test
    void aKilledServiceIsBackWithAnotherProcessOnItsPort() throws Exception {
        FakeServiceJars.createRepository(repository);
        List<String> progress = new CopyOnWriteArrayList<>();
        try (LocalPlatform platform = LocalPlatform.builder().repositoryRoot(repository).dataDirectory(data)
                .ephemeralPorts().healthTimeout(Duration.ofSeconds(60)).stopTimeout(Duration.ofSeconds(5))
                .restartBackoff(Duration.ofMillis(200)).progress(progress::add)
                .serviceJvmOptions(List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"))
                .build().start()) {
            long before = platform.status("contract-service").pid();

            long killed = platform.killService("contract-service");

            assertThat(killed).isEqualTo(before);
            assertThat(ProcessHandle.of(killed).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            platform.awaitRestarted("contract-service", killed, Duration.ofSeconds(60));
            ServiceStatus after = platform.status("contract-service");
            assertThat(after.pid()).isPositive().isNotEqualTo(killed);
            assertThat(after.state()).isEqualTo("ready");
            assertThat(after.restarts()).isEqualTo(1);
            assertThat(after.lastExitCode()).isEqualTo(137); // 128 + SIGKILL
            assertThat(progress).anyMatch(line -> line.startsWith("WARNING: contract-service exited with code 137"));
            // what matching-service keeps on disk besides the store lives in this platform's data folder too, so a
            // platform started from the same repository with another data folder does not see it
            assertThat(platform.commandLine("matching-service"))
                    .contains("--mengkeju.matching.search.directory=" + data.resolve("matching/search-index"));
        }
    }

    @Test
    void aServiceThatIsNotRunningCannotBeKilledAndAWaitForItEndsAtItsDeadline() throws Exception {
        FakeServiceJars.createRepository(repository);
        try (LocalPlatform platform = LocalPlatform.builder().repositoryRoot(repository).dataDirectory(data)
                .ephemeralPorts().healthTimeout(Duration.ofSeconds(60)).stopTimeout(Duration.ofSeconds(5))
                .serviceJvmOptions(List.of("-Xmx32m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"))
                .build().start()) {
            long pid = platform.status("finance-service").pid();
            platform.stopService("finance-service");

            assertThatThrownBy(() -> platform.killService("finance-service"))
                    .isInstanceOf(IllegalStateException.class).hasMessage("finance-service is not running");
            assertThatThrownBy(() -> platform.awaitRestarted("finance-service", pid, Duration.ofMillis(300)))
                    .isInstanceOf(PlatformStartException.class)
                    .hasMessageStartingWith("finance-service was not ready again within 0 s after pid " + pid);
        }
    }

    @Test
    void theBrokerAndTheStoreComeBackOnTheSamePortsWithWhatTheyAcknowledged() throws Exception {
        try (LocalPlatform platform = LocalPlatform.builder().repositoryRoot(data).dataDirectory(data)
                .ephemeralPorts().infrastructureOnly(true).build().start();
             KafkaProducer<String, String> producer = producer(platform);
             MongoClient mongo = MongoClients.create(platform.mongoUri())) {
            int kafkaPort = platform.port(Component.KAFKA);
            int storePort = platform.port(Component.MONGO);
            MongoCollection<Document> contracts = mongo.getDatabase("contract").getCollection("contracts");
            producer.send(new ProducerRecord<>(TOPIC, "2026150101000001", "registered")).get(30, TimeUnit.SECONDS);
            contracts.insertOne(new Document("_id", "2026150101000001").append("status", "REGISTERED"));

            platform.restartBroker(Duration.ofMillis(500));
            platform.crashAndRestartStore(Duration.ofMillis(500));

            assertThat(platform.port(Component.KAFKA)).isEqualTo(kafkaPort);
            assertThat(platform.port(Component.MONGO)).isEqualTo(storePort);
            // the clients opened before the outage carry on by themselves
            producer.send(new ProducerRecord<>(TOPIC, "2026150101000002", "registered")).get(60, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                    contracts.insertOne(new Document("_id", "2026150101000002").append("status", "REGISTERED")));
            assertThat(contracts.countDocuments()).isEqualTo(2);
            assertThat(readAll(platform)).containsExactly("2026150101000001", "2026150101000002");
        }
    }

    private static KafkaProducer<String, String> producer(LocalPlatform platform) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000),
                new StringSerializer(), new StringSerializer());
    }

    private static List<String> readAll(LocalPlatform platform) {
        List<String> keys = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "fault-hooks-check",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
                return keys.size() >= 2;
            });
        }
        return keys;
    }
}
