package org.mengkeju.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real broker and store, through real clients, across a restart on the same data folder. */
class EmbeddedInfrastructureTest {

    private static final String TOPIC = "launcher.selftest";
    private static final String GROUP = "launcher-selftest";

    @TempDir
    Path data;

    @Test
    void recordsOffsetsAndDocumentsSurviveARestartOnTheSameDataFolder() throws Exception {
        try (LocalPlatform first = infrastructure().start()) {
            assertThat(data.resolve("kafka/meta.properties")).exists();
            RecordMetadata written;
            try (KafkaProducer<String, String> producer = producer(first)) {
                written = producer.send(new ProducerRecord<>(TOPIC, "imut", "120 points")).get();
            }
            assertThat(written.offset()).isZero();
            try (KafkaConsumer<String, String> consumer = consumer(first)) {
                assertThat(pollUntilRecords(consumer)).containsExactly("imut=120 points");
                consumer.commitSync();
            }
            try (MongoClient mongo = MongoClients.create(first.mongoUri())) {
                mongo.getDatabase("points").getCollection("accounts")
                        .insertOne(new Document("_id", "imut").append("balance", 120));
            }
        }
        assertThat(data.resolve("mongo/store.mv")).isNotEmptyFile();

        // new ephemeral ports on purpose: the data must not depend on them
        try (LocalPlatform second = infrastructure().start()) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            try (KafkaConsumer<String, String> consumer = consumer(second)) {
                Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(Set.of(partition));
                assertThat(committed.get(partition).offset()).isEqualTo(1);
            }
            try (KafkaConsumer<String, String> replay = consumer(second, "launcher-selftest-replay")) {
                assertThat(pollUntilRecords(replay)).containsExactly("imut=120 points");
            }
            try (MongoClient mongo = MongoClients.create(second.mongoUri())) {
                Document account = mongo.getDatabase("points").getCollection("accounts")
                        .find(new Document("_id", "imut")).first();
                assertThat(account).isNotNull();
                assertThat(account.getInteger("balance")).isEqualTo(120);
            }
        }
    }

    private LocalPlatform infrastructure() {
        return LocalPlatform.builder()
                .repositoryRoot(data)
                .dataDirectory(data)
                .ephemeralPorts()
                .infrastructureOnly(true)
                .build();
    }

    private static KafkaProducer<String, String> producer(LocalPlatform platform) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(LocalPlatform platform) {
        return consumer(platform, GROUP);
    }

    private static KafkaConsumer<String, String> consumer(LocalPlatform platform, String group) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(TOPIC));
        return consumer;
    }

    private static List<String> pollUntilRecords(KafkaConsumer<String, String> consumer) {
        List<String> received = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(r -> received.add(r.key() + "=" + r.value()));
            return !received.isEmpty();
        });
        return received;
    }
}
