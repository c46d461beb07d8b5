package org.mengkeju.platform.ops;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.mengkeju.events.Topics;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.messaging.EventSubscription;
import org.mengkeju.platform.metrics.MetricNames;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.SendResult;

/**
 * The operators' desk for a service's dead letters (死信): lists what each of its consumer groups gave up on, read
 * from the groups' dead-letter topics, and replays one to the topic it came from with its key, payload and headers,
 * once, recorded and counted ({@code mengkeju_events_replayed_total}).
 *
 * <p>A replayed record reaches every group that reads its topic again, not only the one that failed: the groups
 * that processed it before skip it, because every consumer is idempotent. It carries {@value #REPLAY_OF_HEADER}
 * naming the dead letter it came from. Should it fail again, it is a new dead letter.
 *
 * <p>Only operators may use it; the dead letters are the platform's, not any institution's.
 */
public class DeadLetterDesk {

    /** Header of a replayed record: the dead letter it is a replay of. */
    public static final String REPLAY_OF_HEADER = "mengkeju_replay_of";
    static final int PAYLOAD_PREVIEW = 2_000;
    static final int MAX_LIMIT = 500;
    private static final int REASON_LENGTH = 500;
    private static final Duration READ_DEADLINE = Duration.ofSeconds(10);
    private static final Duration SEND_DEADLINE = Duration.ofSeconds(30);
    private static final Logger log = LoggerFactory.getLogger(DeadLetterDesk.class);

    /** Where the records of one dead-letter topic came from. */
    record Origin(String topic, String group) {
    }

    /**
     * What the desk shows for one service.
     *
     * @param service         the application
     * @param total           dead letters the topics hold
     * @param awaitingReplay  of them, those not replayed yet (the dead-letter backlog)
     * @param deadLetterTopics the topics read, one per consumer group and topic
     * @param deadLetters     the newest first, at most the limit asked for
     */
    public record Listing(String service, long total, long awaitingReplay, List<String> deadLetterTopics,
            List<DeadLetter> deadLetters) {
    }

    /**
     * The answer to a replay.
     *
     * @param deadLetter  the dead letter, with its replay
     * @param replayedNow true when this request published it; false when it had been replayed before
     */
    public record ReplayOutcome(DeadLetter deadLetter, boolean replayedNow) {
    }

    private final String service;
    private final Map<String, Origin> origins = new LinkedHashMap<>();
    private final Map<String, Object> consumerConfig;
    private final KafkaOperations<String, String> producer;
    private final DeadLetterReplays replays;
    private final MeterRegistry meters;
    private final Clock clock;

    public DeadLetterDesk(String service, List<EventSubscription> subscriptions, Map<String, Object> consumerConfig,
            KafkaOperations<String, String> producer, DeadLetterReplays replays, MeterRegistry meters, Clock clock) {
        this.service = service;
        for (EventSubscription subscription : subscriptions) {
            for (String topic : subscription.topics()) {
                origins.put(Topics.deadLetterOf(topic, subscription.group()), new Origin(topic, subscription.group()));
            }
        }
        Map<String, Object> config = new HashMap<>(consumerConfig);
        // Reads by assignment, commits nothing and joins no group: the consumer groups' offsets stay as they are.
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, service + "-dead-letter-desk");
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        this.consumerConfig = Map.copyOf(config);
        this.producer = producer;
        this.replays = replays;
        this.meters = meters;
        this.clock = clock;
    }

    /** Only the operations team (运维) handles dead letters. */
    public static boolean mayOperate(CallerIdentity caller) {
        return caller.is(Role.OPERATOR);
    }

    /** The service's dead letters, newest first, at most {@code limit} (1 to 500), with the backlog counted whole. */
    public Listing list(CallerIdentity caller, int limit) {
        requireOperator(caller);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiProblem.invalid("invalid-parameter", "Invalid parameter", "limit " + limit
                    + " is out of range: 1 to " + MAX_LIMIT);
        }
        List<ConsumerRecord<String, String>> records = readAll();
        Map<String, DeadLetter.Replay> done = replays.of(origins.keySet());
        List<DeadLetter> all = new ArrayList<>();
        for (ConsumerRecord<String, String> record : records) {
            DeadLetter letter = deadLetter(record);
            all.add(letter.withReplay(done.get(letter.id())));
        }
        all.sort(Comparator.comparing(DeadLetter::deadLetteredAt).reversed().thenComparing(DeadLetter::id));
        long awaiting = all.stream().filter(DeadLetter::awaitingReplay).count();
        return new Listing(service, all.size(), awaiting, List.copyOf(origins.keySet()),
                all.stream().limit(limit).toList());
    }

    /**
     * The backlog alone, without reading a record: each dead-letter partition holds end minus beginning offsets of
     * them, and those replayed are subtracted while the topic still holds them. Cheap enough for a console that asks
     * every few seconds.
     */
    public Listing summary(CallerIdentity caller) {
        requireOperator(caller);
        long total = 0;
        Map<TopicPartition, Long> beginnings = new HashMap<>();
        if (!origins.isEmpty()) {
            try (var consumer = new KafkaConsumer<String, String>(consumerConfig)) {
                List<TopicPartition> partitions = partitions(consumer);
                if (!partitions.isEmpty()) {
                    beginnings.putAll(consumer.beginningOffsets(partitions, READ_DEADLINE));
                    for (var end : consumer.endOffsets(partitions, READ_DEADLINE).entrySet()) {
                        total += end.getValue() - beginnings.get(end.getKey());
                    }
                }
            }
        }
        long replayed = 0;
        for (var replay : replays.of(origins.keySet()).entrySet()) {
            DeadLetterId id = DeadLetterId.parse(replay.getKey());
            Long beginning = beginnings.get(new TopicPartition(id.deadLetterTopic(), id.partition()));
            if (DeadLetterReplays.REPLAYED.equals(replay.getValue().state()) && beginning != null
                    && id.offset() >= beginning) {
                replayed++;
            }
        }
        return new Listing(service, total, Math.max(0, total - replayed), List.copyOf(origins.keySet()), List.of());
    }

    private List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : origins.keySet()) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, READ_DEADLINE);
            if (infos != null) {
                infos.forEach(info -> partitions.add(new TopicPartition(topic, info.partition())));
            }
        }
        return partitions;
    }

    /**
     * Publishes the dead letter {@code text} names to its original topic, unless it was replayed before (then the
     * answer says so and nothing is published). Kafka's acknowledgement comes before the replay is recorded done.
     */
    public ReplayOutcome replay(CallerIdentity caller, String text) {
        requireOperator(caller);
        DeadLetterId id = DeadLetterId.parse(text);
        Origin origin = origins.get(id.deadLetterTopic());
        if (origin == null) {
            throw ApiProblem.notFound("dead-letter topic", id.deadLetterTopic() + " of " + service);
        }
        ConsumerRecord<String, String> record = readOne(id);
        if (record == null) {
            throw ApiProblem.notFound("dead letter", id.toString());
        }
        DeadLetter letter = deadLetter(record);
        Instant now = clock.instant();
        switch (replays.claim(id, caller.clientId(), now)) {
            case DONE -> {
                return new ReplayOutcome(letter.withReplay(replays.of(id)), false);
            }
            case BUSY -> throw ApiProblem.conflict("replay-in-progress", "Replay in progress",
                    "dead letter " + id + " is being replayed by another request; read it again in a moment");
            case CLAIMED -> {
                // below
            }
        }
        SendResult<String, String> sent;
        try {
            sent = producer.send(replayOf(record, letter, id)).get(SEND_DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            replays.released(id);
            throw unavailable(id, e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            replays.released(id);
            throw unavailable(id, e);
        }
        var metadata = sent.getRecordMetadata();
        replays.completed(id, metadata.partition(), metadata.offset(), clock.instant());
        Counter.builder(MetricNames.EVENTS_REPLAYED).description("dead letters replayed to their topic by an operator")
                .tag("topic", letter.topic()).tag("group", letter.group()).register(meters).increment();
        log.info("dead letter {} ({} {}) replayed to {}-{}@{} by {}", id, letter.eventType(), letter.eventId(),
                metadata.topic(), metadata.partition(), metadata.offset(), caller.clientId());
        return new ReplayOutcome(letter.withReplay(replays.of(id)), true);
    }

    private static ApiProblem unavailable(DeadLetterId id, Exception cause) {
        log.warn("dead letter {} could not be replayed: {}", id, cause.toString());
        return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Broker unavailable",
                "dead letter " + id + " could not be published again now; nothing was replayed, try again");
    }

    private static void requireOperator(CallerIdentity caller) {
        if (!mayOperate(caller)) {
            throw ApiProblem.forbidden("only an OPERATOR handles dead letters; the caller " + caller.clientId()
                    + " is a " + caller.role());
        }
    }

    /** The record as it was, to its original topic and key, without the dead-letter headers, naming where it lay. */
    private static ProducerRecord<String, String> replayOf(ConsumerRecord<String, String> record, DeadLetter letter,
            DeadLetterId id) {
        Headers headers = new RecordHeaders();
        for (Header header : record.headers()) {
            if (!header.key().startsWith(KafkaHeaders.PREFIX + "dlt-") && !REPLAY_OF_HEADER.equals(header.key())) {
                headers.add(header);
            }
        }
        headers.add(REPLAY_OF_HEADER, id.toString().getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(letter.topic(), null, record.key(), record.value(), headers);
    }

    private DeadLetter deadLetter(ConsumerRecord<String, String> record) {
        Origin origin = origins.get(record.topic());
        String originalTopic = CloudEventHeaders.get(record.headers(), KafkaHeaders.DLT_ORIGINAL_TOPIC);
        String group = CloudEventHeaders.get(record.headers(), KafkaHeaders.DLT_ORIGINAL_CONSUMER_GROUP);
        String reason = CloudEventHeaders.get(record.headers(), KafkaHeaders.DLT_EXCEPTION_MESSAGE);
        String value = record.value();
        return new DeadLetter(new DeadLetterId(record.topic(), record.partition(), record.offset()).toString(),
                record.topic(), originalTopic != null ? originalTopic : origin.topic(),
                group != null ? group : origin.group(), record.key(),
                CloudEventHeaders.get(record.headers(), CloudEventHeaders.ID),
                CloudEventHeaders.get(record.headers(), CloudEventHeaders.TYPE),
                cut(reason == null ? "unknown" : reason, REASON_LENGTH),
                CloudEventHeaders.get(record.headers(), KafkaHeaders.DLT_EXCEPTION_FQCN),
                Instant.ofEpochMilli(record.timestamp()), value == null ? null : cut(value, PAYLOAD_PREVIEW), null);
    }

    private static String cut(String text, int length) {
        return text.length() > length ? text.substring(0, length) + "…" : text;
    }

    /** Every record of every dead-letter topic of the service, read from the start to the end as it is now. */
    private List<ConsumerRecord<String, String>> readAll() {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        if (origins.isEmpty()) {
            return records;
        }
        try (var consumer = new KafkaConsumer<String, String>(consumerConfig)) {
            List<TopicPartition> partitions = partitions(consumer);
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, READ_DEADLINE);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (!readTo(consumer, ends)) {
                if (System.nanoTime() > deadline) {
                    throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Broker unavailable",
                            "the dead-letter topics of " + service + " could not be read in time");
                }
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() < ends.get(new TopicPartition(record.topic(), record.partition()))) {
                        records.add(record);
                    }
                }
            }
        }
        return records;
    }

    private static boolean readTo(KafkaConsumer<String, String> consumer, Map<TopicPartition, Long> ends) {
        for (var end : ends.entrySet()) {
            if (consumer.position(end.getKey(), READ_DEADLINE) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The record at {@code id}, or null when the topic does not hold it (never written, or past its retention). */
    private ConsumerRecord<String, String> readOne(DeadLetterId id) {
        TopicPartition partition = new TopicPartition(id.deadLetterTopic(), id.partition());
        try (var consumer = new KafkaConsumer<String, String>(consumerConfig)) {
            List<PartitionInfo> infos = consumer.partitionsFor(id.deadLetterTopic(), READ_DEADLINE);
            if (infos == null || infos.stream().noneMatch(info -> info.partition() == id.partition())) {
                return null;
            }
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition), READ_DEADLINE).get(partition);
            long end = consumer.endOffsets(List.of(partition), READ_DEADLINE).get(partition);
            if (id.offset() < begin || id.offset() >= end) {
                return null;
            }
            consumer.seek(partition, id.offset());
            long deadline = System.nanoTime() + READ_DEADLINE.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == id.offset()) {
                        return record;
                    }
                    if (record.offset() > id.offset()) {
                        return null;
                    }
                }
            }
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "broker-unavailable", "Broker unavailable",
                    "dead letter " + id + " could not be read in time");
        }
    }
}
