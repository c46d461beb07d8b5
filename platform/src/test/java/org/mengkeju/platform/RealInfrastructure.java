package org.mengkeju.platform;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.event.CommandSucceededEvent;
import de.bwaldvogel.mongo.MongoServer;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.mengkeju.devstore.IndexedMemoryBackend;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.messaging.EventDispatcher;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.platform.messaging.MessagingProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The real Kafka broker code (KRaft, in-process) and the MongoDB-wire store over TCP, started once for the
 * platform's tests, which exercise the plumbing without a Spring context.
 */
public final class RealInfrastructure {

    private static EmbeddedKafkaKraftBroker broker;
    private static MongoServer mongoServer;
    private static MongoClient mongoClient;

    private RealInfrastructure() {
    }

    public static synchronized String kafkaBootstrap() {
        if (broker == null) {
            broker = new EmbeddedKafkaKraftBroker(1, 1);
            broker.afterPropertiesSet();
            Runtime.getRuntime().addShutdownHook(new Thread(broker::destroy));
        }
        return broker.getBrokersAsString();
    }

    /** A fresh database on the shared store. */
    public static synchronized MongoTemplate freshMongo() {
        if (mongoServer == null) {
            mongoServer = new MongoServer(new IndexedMemoryBackend());
            var address = mongoServer.bind();
            mongoClient = MongoClients.create("mongodb://127.0.0.1:" + address.getPort());
            Runtime.getRuntime().addShutdownHook(new Thread(mongoServer::shutdownNow));
        }
        return new MongoTemplate(mongoClient, "platform-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** What a client sent to the store and the ids the store answered with, per collection. */
    public record WatchedMongo(MongoTemplate template, List<Document> sent, List<Document> replies) {

        /** The read commands of {@code names} sent against {@code collection}. */
        public List<Document> commands(String collection, String... names) {
            synchronized (sent) {
                return sent.stream().filter(c -> java.util.Arrays.stream(names)
                        .anyMatch(n -> collection.equals(c.get(n)))).toList();
            }
        }

        /** The ids of every document the store returned to a find on {@code collection}. */
        public List<Object> returnedIds(String collection) {
            synchronized (replies) {
                return replies.stream().filter(r -> collection.equals(r.getString("collection")))
                        .flatMap(r -> r.getList("ids", Object.class).stream()).toList();
            }
        }
    }

    /** A template on {@code database} of the shared store whose client records every command and find reply. */
    public static WatchedMongo watchedMongo(String database) {
        freshMongo();
        List<Document> sent = new ArrayList<>();
        List<Document> replies = new ArrayList<>();
        Map<Integer, String> findCollections = new java.util.concurrent.ConcurrentHashMap<>();
        var listener = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                Document command = Document.parse(event.getCommand().toJson());
                synchronized (sent) {
                    sent.add(command);
                }
                if (command.containsKey("find")) {
                    findCollections.put(event.getRequestId(), command.getString("find"));
                }
            }

            @Override
            public void commandSucceeded(CommandSucceededEvent event) {
                String collection = findCollections.remove(event.getRequestId());
                if (collection != null) {
                    Document cursor = Document.parse(event.getResponse().toJson()).get("cursor", Document.class);
                    List<Object> ids = cursor.getList("firstBatch", Document.class).stream()
                            .map(d -> d.get("_id")).toList();
                    synchronized (replies) {
                        replies.add(new Document("collection", collection).append("ids", ids));
                    }
                }
            }
        };
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:"
                        + mongoServer.getLocalAddress().getPort()))
                .addCommandListener(listener).build());
        return new WatchedMongo(new MongoTemplate(client, database), sent, replies);
    }

    public static KafkaTemplate<String, String> kafkaTemplate(String bootstrap, Map<String, Object> overrides) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.ACKS_CONFIG, "all"));
        config.putAll(overrides);
        return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(config));
    }

    /**
     * A dispatcher for one subscription, reading from the earliest offset, retrying 3 times 50 ms apart and
     * dead-lettering through {@code template}; started.
     */
    public static EventDispatcher startDispatcher(EventSubscription subscription, KafkaTemplate<String, String> template,
            MeterRegistry meters, String applicationName) {
        var consumers = new DefaultKafkaConsumerFactory<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        var dispatcher = new EventDispatcher(List.of(subscription), consumers, template,
                MessagingProperties.of(List.of(), 1, 3, Duration.ofMillis(50)), meters, applicationName);
        dispatcher.start();
        return dispatcher;
    }

    /** Sends {@code payload} with the CloudEvents headers a catalog-service event carries. */
    public static void sendEvent(KafkaTemplate<String, String> template, String topic, String key, String id,
            String type, String payload) {
        var record = new ProducerRecord<>(topic, key, payload);
        CloudEventHeaders.write(record.headers(), id, type, "/mengkeju/catalog-service", Instant.now(), key, null);
        template.send(record);
    }

    public static String uniqueTopic(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /**
     * Every record the topic holds now, read by assignment up to each partition's end offset: no consumer group to
     * join and no waiting for records that will not come, for a test that knows everything it expects is written.
     */
    public static List<ConsumerRecord<String, String>> readTopicToEnd(String topic) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap(),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 30 s");
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    /** Reads a topic from the beginning until {@code expected} records arrived or the deadline passed. */
    public static List<ConsumerRecord<String, String>> readTopic(String topic, int expected, Duration deadline) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap(),
                ConsumerConfig.GROUP_ID_CONFIG, "reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (var consumer = new KafkaConsumer<String, String>(config)) {
            consumer.subscribe(List.of(topic));
            long end = System.nanoTime() + deadline.toNanos();
            while (records.size() < expected && System.nanoTime() < end) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
