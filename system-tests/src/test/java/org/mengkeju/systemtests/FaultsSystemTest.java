package org.mengkeju.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mengkeju.events.EventContract;
import org.mengkeju.events.EventContracts;
import org.mengkeju.events.Topics;
import org.mengkeju.launcher.LocalPlatform;

/**
 * Faults that lose nothing. One platform (every service its own process on the real broker and store) carries one
 * steady flow of deals through the gateway, as the clients would: the seller submits technology contracts and the
 * registration desk registers them (contract → points to both parties, the buyer's finance profile, a bank's lead),
 * and the seller lists achievements that an operator publishes (catalog → points, the matching index). Faults are
 * applied to it one after another: every service killed with SIGKILL mid-flow, the broker restarted while events
 * are in flight, the store crashed and reopened, a poison record on every consumed topic, every topic replayed from
 * its beginning. After each, once the consumers have caught up: the points ledger check holds, every count matches
 * what the clients were told succeeded, and no award was posted twice. How long each recovery took is logged and
 * written to {@code target/fault-recovery.md}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsSystemTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** How long the platform has to be consistent again after a fault. */
    static final Duration SETTLE = Duration.ofSeconds(240);
    /** How long a killed service has to be ready again, and a client keeps repeating a call; generous, since the
     * machine is shared and a JVM's start takes many times longer under load. */
    static final Duration RESTART = Duration.ofSeconds(240);
    /** The contract's technology transaction amount, 200,000 yuan: 20 points, 14 to the seller and 6 to the buyer. */
    static final long SELLER_POINTS = 14;
    static final long BUYER_POINTS = 6;
    static final long PUBLISHED_POINTS = 50;
    /** points-service's lease on a transfer it moves; recovery takes an abandoned one over after it. */
    static final Duration LEASE = Duration.ofSeconds(10);
    static final Map<String, String> BUYERS = Map.of(
            "yili", """
                    {"institutionId":"yili","name":"内蒙古伊利实业集团股份有限公司","creditCode":"91150100MA0N1YL015",
                     "regionCode":"150100","publicResearchBody":false}""",
            "baogang", """
                    {"institutionId":"baogang","name":"包头钢铁（集团）有限责任公司","creditCode":"91150200114390825U",
                     "regionCode":"150200","publicResearchBody":false}""");

    @TempDir
    static Path data;
    static LocalPlatform platform;
    static Deals deals;
    static String productId;
    static final Map<String, String> RECOVERY = new LinkedHashMap<>();
    /** The last call through the gateway that failed, for a failure's message. */
    static volatile String lastFailedCall = "none";

    @BeforeAll
    static void startThePlatformAndTheFlow() throws Exception {
        platform = LocalPlatform.builder()
                .repositoryRoot(RepositoryRoot.find())
                .dataDirectory(data)
                .ephemeralPorts()
                .restartBackoff(Duration.ofMillis(200))
                .healthTimeout(Duration.ofSeconds(420))
                // recovery of abandoned transfers within seconds rather than 30 s, so what it does is seen here
                .serviceArguments("points-service", "--mengkeju.points.ledger.lease=" + LEASE.toSeconds() + "s",
                        "--mengkeju.points.ledger.sweep-interval=2s")
                .build();
        platform.start();
        // The bank's product: any enterprise with a registered contract in 12 months; both buyers consent.
        productId = call("dev-bank", "POST", "/api/v1/finance/products", """
                {"type":"TECH_INNOVATION_CREDIT","name":"科创易贷","amountMinYuan":500000,"amountMaxYuan":5000000,
                 "termMonthsMin":6,"termMonthsMax":36,"rateMinPercent":3.45,"rateMaxPercent":4.35,
                 "rules":[{"anyOf":[{"field":"REGISTERED_CONTRACTS_12M","atLeast":1}]}]}""",
                "fault-product").path("productId").asText();
        call("dev-enterprise-yili", "PUT", "/api/v1/finance/enterprises/yili/consent", null, null);
        call("dev-enterprise-baogang", "PUT", "/api/v1/finance/enterprises/baogang/consent", null, null);
        deals = new Deals();
        deals.start();
        deals.awaitAtLeast(3);
    }

    @AfterAll
    static void stop() throws IOException {
        if (deals != null) {
            deals.stop();
        }
        if (platform != null) {
            platform.close();
            // the services' logs outlive the temporary data folder, for a look after a failure
            Path logs = Path.of("target", "fault-logs");
            if (Files.isDirectory(Path.of("target")) && Files.isDirectory(platform.logDirectory())) {
                Files.createDirectories(logs);
                try (var files = Files.list(platform.logDirectory())) {
                    for (Path log : files.toList()) {
                        Files.copy(log, logs.resolve(log.getFileName()),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
        if (!RECOVERY.isEmpty()) {
            StringBuilder report = new StringBuilder("# Recovery after each fault\n\n| fault | recovery |\n|---|---|\n");
            RECOVERY.forEach((fault, took) -> report.append("| ").append(fault).append(" | ").append(took)
                    .append(" |\n"));
            System.out.println(report);
            Path target = Path.of("target");
            if (Files.isDirectory(target)) {
                Files.writeString(target.resolve("fault-recovery.md"), report);
            }
        }
    }

    @Test
    @Order(1)
    void consumersKilledMidFlowCatchUpOnWhatTheyMissed() throws Exception {
        killMidFlow(List.of("points-service", "finance-service", "matching-service", "catalog-service"));
    }

    @Test
    @Order(2)
    void producersAndTheGatewayKilledMidFlowLoseNoWriteTheyAcknowledged() throws Exception {
        killMidFlow(List.of("contract-service", "gateway"));
    }

    @Test
    @Order(3)
    void theBrokerRestartedWhileEventsAreInFlightDeliversEveryOneOnce() throws Exception {
        deals.awaitAtLeast(deals.registered() + 2);
        long begin = System.nanoTime();
        platform.restartBroker(Duration.ofSeconds(2));
        deals.awaitAtLeast(deals.registered() + 2); // the flow goes on through the restarted broker
        settle("broker restarted (down 2 s)", begin);
    }

    @Test
    @Order(4)
    void theStoreCrashedAndReopenedKeepsEveryAcknowledgedWrite() throws Exception {
        deals.awaitAtLeast(deals.registered() + 2);
        long begin = System.nanoTime();
        platform.crashAndRestartStore(Duration.ofSeconds(2));
        deals.awaitAtLeast(deals.registered() + 2);
        settle("store crashed and reopened (down 2 s)", begin);
    }

    @Test
    @Order(5)
    void aPoisonRecordOnEveryTopicIsDeadLetteredAndBlocksNothing() throws Exception {
        Map<String, Set<String>> groupsByTopic = consumersByTopic();
        assertThat(groupsByTopic).containsKeys(Topics.CONTRACT_CONTRACTS, Topics.CATALOG_ACHIEVEMENTS,
                Topics.POINTS_TRANSFERS);
        long begin = System.nanoTime();
        Map<String, String> unreadable = new HashMap<>();
        Set<String> broken = new HashSet<>();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (String topic : groupsByTopic.keySet()) {
                // no CloudEvents attributes at all: no group can ever read it
                String key = "poison-" + UUID.randomUUID();
                unreadable.put(topic, key);
                producer.send(new ProducerRecord<>(topic, null, bytes(key), bytes("\u0000not json"))).get();
                // a known type whose payload is cut off: poison to every group that handles the type
                for (EventContract<?> contract : EventContracts.all()) {
                    if (contract.topic().equals(topic)) {
                        String brokenKey = "broken-" + UUID.randomUUID();
                        broken.add(brokenKey);
                        producer.send(new ProducerRecord<>(topic, null, bytes(brokenKey),
                                bytes("{\"contractId\":\"2026150101"), cloudEvent(contract.type(), brokenKey)))
                                .get();
                    }
                }
            }
        }
        deals.awaitAtLeast(deals.registered() + 2); // the flow goes on behind the poison
        settle("a poison record on each of " + groupsByTopic.size() + " topics", begin);

        Set<String> brokenSeen = new HashSet<>();
        for (var topic : groupsByTopic.entrySet()) {
            for (String group : topic.getValue()) {
                String deadLetters = Topics.deadLetterOf(topic.getKey(), group);
                Set<String> keys = keysOf(deadLetters);
                assertThat(keys).as("%s holds the record without CloudEvents attributes", deadLetters)
                        .contains(unreadable.get(topic.getKey()));
                keys.stream().filter(broken::contains).forEach(brokenSeen::add);
            }
        }
        assertThat(brokenSeen).as("records of a known type that cannot be read are dead-lettered").isNotEmpty();
    }

    @Test
    @Order(6)
    void everyTopicReplayedFromItsBeginningChangesNothing() throws Exception {
        deals.pause();
        Observed before = settledNow();
        long begin = System.nanoTime();
        int replayed = 0;
        Map<String, Set<String>> groupsByTopic = consumersByTopic();
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (String topic : groupsByTopic.keySet()) {
                for (ConsumerRecord<byte[], byte[]> record : readAll(topic)) {
                    producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()));
                    replayed++;
                }
            }
            producer.flush();
        }
        assertThat(replayed).isGreaterThan(deals.registered() * 2);
        // the flow stays held: what the services show after the replay must be what they showed before it
        await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(FaultsSystemTest::caughtUp);
        assertThat(observed()).as("nothing changed by the replay").isEqualTo(before);
        JsonNode check = call("dev-operator", "GET", "/api/v1/points/ledger/check", null, null);
        assertThat(check.path("holds").asBoolean()).as("ledger check after the replay: %s", check).isTrue();
        RECOVERY.put("every topic replayed (" + replayed + " records): every group caught up", seconds(begin));
        deals.resume();
    }

    @Test
    @Order(7)
    void onceRecoveryHasSweptAfterEveryFaultTheLedgerStillHoldsAndMatchesTheClients() throws Exception {
        deals.pause();
        Observed expected = deals.expected();
        // Recovery takes over a transfer a fault left in flight once its lease ran out: what it does must change
        // nothing the clients were told. Held for a lease and two sweeps, polled.
        try {
            await().during(LEASE.plusSeconds(5)).atMost(LEASE.plus(SETTLE)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> expected.equals(observed())
                            && call("dev-operator", "GET", "/api/v1/points/ledger/check", null, null).path("holds")
                                    .asBoolean());
        } catch (ConditionTimeoutException e) {
            throw inconsistency("after recovery's sweeps", expected, e);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private static void killMidFlow(List<String> modules) throws Exception {
        deals.awaitAtLeast(deals.registered() + 2);
        long begin = System.nanoTime();
        Map<String, Long> killed = new LinkedHashMap<>();
        for (String module : modules) {
            killed.put(module, platform.killService(module));
        }
        List<CompletableFuture<Void>> restarts = new ArrayList<>();
        // The waits block: on threads of their own, not the common pool's single worker of a 2-core machine.
        try (var waiters = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
            for (var entry : killed.entrySet()) {
                restarts.add(CompletableFuture.runAsync(() -> {
                    platform.awaitRestarted(entry.getKey(), entry.getValue(), RESTART);
                    RECOVERY.put(entry.getKey() + " killed (SIGKILL): ready again", seconds(begin));
                }, waiters));
            }
            CompletableFuture.allOf(restarts.toArray(CompletableFuture[]::new)).get(RESTART.toSeconds() + 10,
                    TimeUnit.SECONDS);
        }
        deals.awaitAtLeast(deals.registered() + 2);
        settle(String.join(", ", modules) + " killed together mid-flow", begin);
    }

    /**
     * Stops the flow, waits until every consumer group has read every record and what the services show matches
     * what the clients were told, checks it, and lets the flow go on.
     */
    private static void settle(String fault, long begin) throws Exception {
        deals.pause();
        try {
            Observed expected = deals.expected();
            try {
                await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                        .until(() -> caughtUp() && expected.equals(observed()));
            } catch (ConditionTimeoutException e) {
                throw inconsistency("after " + fault, expected, e);
            }
            JsonNode check = call("dev-operator", "GET", "/api/v1/points/ledger/check", null, null);
            assertThat(check.path("holds").asBoolean()).as("ledger check after %s: %s", fault, check).isTrue();
            assertThat(check.path("sumOfBalances").asLong()).isZero();
            RECOVERY.put(fault + ": consistent again", seconds(begin));
            System.out.printf("after %s: consistent again in %s (%s)%n", fault, seconds(begin), expected);
        } finally {
            deals.resume(); // a failed step leaves the flow running for the next one
        }
    }

    private static Observed settledNow() throws Exception {
        Observed expected = deals.expected();
        try {
            await().atMost(SETTLE).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> caughtUp() && expected.equals(observed()));
        } catch (ConditionTimeoutException e) {
            throw inconsistency("with the flow held", expected, e);
        }
        return observed();
    }

    /**
     * A failure that says what is still wrong: the figures that differ from what the clients were told, the groups
     * still behind, and the last call that failed. A shared machine's CI shows little else of a run.
     */
    private static AssertionError inconsistency(String when, Observed expected, Throwable cause) {
        String now;
        try {
            Observed observed = observed();
            List<String> differences = new ArrayList<>();
            for (RecordComponent component : Observed.class.getRecordComponents()) {
                Object want = component.getAccessor().invoke(expected);
                Object have = component.getAccessor().invoke(observed);
                if (!want.equals(have)) {
                    differences.add(component.getName() + " " + have + " (expected " + want + ")");
                }
            }
            Map<String, Long> behind = new TreeMap<>(lag());
            behind.values().removeIf(l -> l == 0);
            now = (differences.isEmpty() ? "every figure as expected" : String.join(", ", differences))
                    + "; groups behind: " + behind;
        } catch (Throwable unreadable) {
            now = "the services could not be read: " + unreadable;
        }
        return new AssertionError("not consistent " + when + ": " + now + "; last failed call: " + lastFailedCall,
                cause);
    }

    private static String seconds(long begin) {
        return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - begin) / 1e9);
    }

    /** What the services show: balances, award transfers, finance profiles and leads, the matching index. */
    record Observed(long sellerBalance, Map<String, Long> buyerBalances, int sellerContractAwards,
            int sellerPublishAwards, Map<String, Integer> buyerContractAwards, long ledgerTransfers,
            Map<String, Integer> profileContracts, Map<String, Integer> leads, long indexedAchievements) {
    }

    private static Observed observed() throws Exception {
        Map<String, Long> buyerBalances = new TreeMap<>();
        Map<String, Integer> buyerAwards = new TreeMap<>();
        Map<String, Integer> profiles = new TreeMap<>();
        for (String buyer : BUYERS.keySet()) {
            buyerBalances.put(buyer, balance(buyer));
            buyerAwards.put(buyer, (int) transferIds(buyer).stream()
                    .filter(id -> id.startsWith("contract-registered:")).count());
            profiles.put(buyer, call("dev-operator", "GET", "/api/v1/finance/enterprises/" + buyer + "/profile", null,
                    null).path("contracts").asInt());
        }
        List<String> seller = transferIds("imut");
        JsonNode check = call("dev-operator", "GET", "/api/v1/points/ledger/check", null, null);
        return new Observed(balance("imut"), buyerBalances,
                (int) seller.stream().filter(id -> id.startsWith("contract-registered:")).count(),
                (int) seller.stream().filter(id -> id.startsWith("achievement-published:")).count(),
                buyerAwards, check.path("transfers").asLong(), profiles, leads(),
                call("dev-operator", "GET", "/api/v1/matching/search?kind=ACHIEVEMENT&limit=1", null, null)
                        .path("total").asLong());
    }

    private static long balance(String account) throws Exception {
        return call("dev-operator", "GET", "/api/v1/points/accounts/" + account, null, null).path("balance")
                .asLong();
    }

    /** Every transfer on an account's statement; a transfer id appears once per transfer, so twice is a double. */
    private static List<String> transferIds(String account) throws Exception {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = call("dev-operator", "GET", "/api/v1/points/accounts/" + account + "/transfers?limit=200"
                    + (cursor == null ? "" : "&cursor=" + cursor), null, null);
            page.path("items").forEach(item -> ids.add(item.path("transferId").asText()));
            cursor = page.hasNonNull("nextCursor") ? page.path("nextCursor").asText() : null;
        } while (cursor != null);
        assertThat(ids).as("transfers on %s", account).doesNotHaveDuplicates();
        return ids;
    }

    /** The bank's open leads for the product, by enterprise, from the whole feed. */
    private static Map<String, Integer> leads() throws Exception {
        Map<String, String> enterpriseByLead = new HashMap<>();
        String after = null;
        for (int page = 0; page < 100; page++) {
            JsonNode feed = call("dev-bank", "GET", "/api/v1/finance/leads?limit=500"
                    + (after == null ? "" : "&after=" + after), null, null);
            for (JsonNode lead : feed.path("items")) {
                if (productId.equals(lead.path("productId").asText()) && !lead.path("removed").asBoolean()) {
                    enterpriseByLead.put(lead.path("leadId").asText(),
                            lead.path("enterprise").path("enterpriseId").asText());
                }
            }
            if (!feed.path("more").asBoolean() || feed.path("items").isEmpty()) {
                break;
            }
            after = feed.path("next").asText();
        }
        return new TreeMap<>(enterpriseByLead.values().stream()
                .collect(Collectors.groupingBy(e -> e, Collectors.summingInt(e -> 1))));
    }

    // ---- the broker, as an operator looks at it ----------------------------------------------------------------

    /**
     * Every consumer group of the services, by the topics it reads (dead letters aside): those its members are
     * assigned, empty topics included, and those it has committed offsets on.
     */
    private static Map<String, Set<String>> consumersByTopic() throws Exception {
        Map<String, Set<String>> byTopic = new TreeMap<>();
        try (Admin admin = admin()) {
            List<String> groups = admin.listConsumerGroups().all().get().stream().map(ConsumerGroupListing::groupId)
                    .toList();
            for (var group : admin.describeConsumerGroups(groups).all().get().values()) {
                for (MemberDescription member : group.members()) {
                    for (TopicPartition partition : member.assignment().topicPartitions()) {
                        byTopic.computeIfAbsent(partition.topic(), t -> new HashSet<>()).add(group.groupId());
                    }
                }
            }
            for (String group : groups) {
                for (TopicPartition partition : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get().keySet()) {
                    byTopic.computeIfAbsent(partition.topic(), t -> new HashSet<>()).add(group);
                }
            }
        }
        byTopic.keySet().removeIf(topic -> topic.endsWith(".dlt"));
        return byTopic;
    }

    private static boolean caughtUp() throws Exception {
        return lag().values().stream().allMatch(l -> l == 0);
    }

    /** Per group, the records on its topics it has not committed yet. */
    private static Map<String, Long> lag() throws Exception {
        Map<String, Long> lag = new TreeMap<>();
        try (Admin admin = admin()) {
            for (ConsumerGroupListing group : admin.listConsumerGroups().all().get()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.groupId())
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = committed.keySet().stream()
                        .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
                var ends = admin.listOffsets(latest).all().get();
                long behind = 0;
                for (var entry : committed.entrySet()) {
                    behind += ends.get(entry.getKey()).offset() - entry.getValue().offset();
                }
                lag.put(group.groupId(), behind);
            }
        }
        return lag;
    }

    private static Set<String> keysOf(String topic) {
        return readAll(topic).stream().map(r -> r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8))
                .collect(Collectors.toSet());
    }

    /** Every record on a topic up to its end now, read without a group. */
    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ZERO).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return partitions.stream().allMatch(p -> consumer.position(p) >= ends.get(p));
            });
        }
        return records;
    }

    private static KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 5),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers()));
    }

    private static RecordHeaders cloudEvent(String type, String subject) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", bytes(UUID.randomUUID().toString()));
        headers.add("ce_type", bytes(type));
        headers.add("ce_source", bytes("/fault-tests"));
        headers.add("ce_time", bytes(Instant.now().toString()));
        headers.add("ce_subject", bytes(subject));
        headers.add("ce_specversion", bytes("1.0"));
        headers.add("content-type", bytes("application/json"));
        return headers;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ---- the clients -------------------------------------------------------------------------------------------

    /**
     * One client's call through the gateway, repeated as a client would while the platform is partly down (no
     * answer, a 5xx, a 429, or the first request with the same key still running): a create keeps its
     * {@code Idempotency-Key}, so a repeat returns the first result. Fails on a 4xx or at the deadline.
     */
    static JsonNode call(String client, String method, String path, String body, String idempotencyKey)
            throws Exception {
        return answer(client, method, path, body, idempotencyKey, true).body();
    }

    record Answer(int status, JsonNode body) {
    }

    private static String failedCall(String client, String method, String path, String answer) {
        return Instant.now() + " " + method + " " + path + " as " + client + ": " + answer;
    }

    static Answer answer(String client, String method, String path, String body, String idempotencyKey,
            boolean require2xx) throws Exception {
        long deadline = System.nanoTime() + RESTART.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            HttpRequest.Builder request = PartnerCalls.asClient(platform, client, method, path, body,
                    idempotencyKey);
            try {
                HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
                int status = response.statusCode();
                last = status + " " + response.body();
                if (status >= 400) {
                    lastFailedCall = failedCall(client, method, path, last);
                }
                boolean retry = status >= 500 || status == 429 || status == 409 && response.body()
                        .contains("request-in-progress");
                if (!retry) {
                    if (require2xx) {
                        assertThat(status).as("%s %s as %s: %s", method, path, client, response.body())
                                .isBetween(200, 299);
                    }
                    return new Answer(status, response.body().isBlank() ? JSON.createObjectNode()
                            : JSON.readTree(response.body()));
                }
            } catch (IOException e) {
                last = e.toString();
                lastFailedCall = failedCall(client, method, path, last);
            }
            TimeUnit.MILLISECONDS.sleep(200); // the client's retry interval while the platform recovers
        }
        throw new AssertionError(method + " " + path + " as " + client + " got no answer within " + RESTART
                + "; last: " + last);
    }

    /**
     * The steady flow: one client after another, deal after deal. The counts are of what the clients were told
     * succeeded: a contract the desk saw REGISTERED, an achievement the operator saw PUBLISHED.
     */
    static final class Deals {

        private final List<String> registeredBuyers = new CopyOnWriteArrayList<>();
        private final List<String> published = new CopyOnWriteArrayList<>();
        private final Object lock = new Object();
        private final String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        private volatile boolean paused;
        private volatile boolean idle;
        private volatile boolean stopped;
        private volatile Throwable failure;
        private Thread thread;

        void start() {
            thread = Thread.ofPlatform().name("deals").daemon().start(this::run);
        }

        int registered() {
            return registeredBuyers.size();
        }

        private void run() {
            int n = 0;
            while (!stopped) {
                synchronized (lock) {
                    while (paused && !stopped) {
                        idle = true;
                        lock.notifyAll();
                        try {
                            lock.wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    idle = false;
                }
                if (stopped) {
                    return;
                }
                try {
                    n++;
                    String buyer = n % 2 == 0 ? "baogang" : "yili";
                    registerContract("fault-contract-" + n, buyer);
                    registeredBuyers.add(buyer);
                    if (n % 3 == 0) {
                        publishAchievement("fault-achievement-" + n);
                        published.add("fault-achievement-" + n);
                    }
                } catch (Throwable e) {
                    failure = e;
                    stopped = true;
                }
            }
        }

        private void registerContract(String key, String buyer) throws Exception {
            JsonNode contract = call("dev-partner", "POST", "/api/v1/contract/contracts", """
                    {"type":"LICENCE","subType":"NON_EXCLUSIVE","title":"稀土抛光粉回收工艺普通许可合同（%s）",
                     "seller":{"institutionId":"imut","name":"内蒙古工业大学","creditCode":"12150000460030036T",
                               "regionCode":"150100","publicResearchBody":true},
                     "buyer":%s,
                     "signedOn":"%s","validFrom":"%s","validUntil":"2030-12-31","contractAmountYuan":200000.00,
                     "payments":[{"dueOn":"2027-06-30","amountYuan":200000.00}],
                     "documents":["docs://imut/2026/%s/contract.pdf"],"inventorSharePercent":70}"""
                    .formatted(key, BUYERS.get(buyer), today, today, key), key);
            String path = "/api/v1/contract/contracts/" + contract.path("id").asText();
            decide(path, "ACCEPT_FOR_REVIEW", "UNDER_REVIEW", "REGISTERED");
            decide(path, "REGISTER", "REGISTERED");
        }

        /** A decision, repeated until the desk reads the contract in one of the states it leads to. */
        private static void decide(String path, String decision, String... reached) throws Exception {
            long deadline = System.nanoTime() + RESTART.toNanos();
            while (true) {
                Answer answer = answer("dev-registration-desk", "POST", path + "/decisions",
                        "{\"decision\":\"" + decision + "\"}", null, false);
                String status = answer.status() == 200 ? answer.body().path("status").asText()
                        : call("dev-registration-desk", "GET", path, null, null).path("status").asText();
                if (List.of(reached).contains(status)) {
                    return;
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(decision + " on " + path + " did not take: " + answer);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }

        private void publishAchievement(String key) throws Exception {
            JsonNode created = call("dev-partner", "POST", "/api/v1/catalog/achievements", """
                    {"title":"稀土抛光粉废料回收再生技术（%s）","summary":"从抛光粉废料中回收氧化铈，回收率95%%以上。",
                     "technologyField":"稀土材料","industryChain":"RARE_EARTHS","keywords":["抛光粉","回收"],
                     "maturity":"PILOT","technologyReadinessLevel":6,"transferModes":["LICENCE"],
                     "askingPriceYuan":800000}""".formatted(key), key);
            String path = "/api/v1/catalog/achievements/" + created.path("id").asText();
            long deadline = System.nanoTime() + RESTART.toNanos();
            while (true) {
                String status = call("dev-operator", "GET", path, null, null).path("status").asText();
                if (status.equals("PUBLISHED")) {
                    return;
                }
                if (status.equals("DRAFT")) {
                    answer("dev-partner", "POST", path + "/steps", "{\"action\":\"SUBMIT\"}", null, false);
                } else {
                    answer("dev-operator", "POST", path + "/publish", null, null, false);
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError(path + " not published: " + status);
                }
            }
        }

        void awaitAtLeast(int registered) {
            await().atMost(RESTART).pollInterval(Duration.ofMillis(100))
                    .until(() -> failed() || registeredBuyers.size() >= registered);
            failed();
        }

        private boolean failed() {
            if (failure != null) {
                throw new AssertionError("the flow of deals failed", failure);
            }
            return false;
        }

        /** Lets the deal in progress finish, then holds the flow. */
        void pause() {
            synchronized (lock) {
                paused = true;
                long deadline = System.currentTimeMillis() + RESTART.toMillis();
                while (!idle && failure == null && System.currentTimeMillis() < deadline) {
                    try {
                        lock.wait(500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
            failed();
            assertThat(idle).as("the deal in progress finished").isTrue();
        }

        void resume() {
            synchronized (lock) {
                paused = false;
                lock.notifyAll();
            }
        }

        void stop() {
            stopped = true;
            resume();
        }

        /** What the services must show for the deals the clients finished. */
        Observed expected() {
            int contracts = registeredBuyers.size();
            Map<String, Long> buyerBalances = new TreeMap<>();
            Map<String, Integer> buyerAwards = new TreeMap<>();
            Map<String, Integer> leads = new TreeMap<>();
            for (String buyer : BUYERS.keySet()) {
                int theirs = (int) registeredBuyers.stream().filter(buyer::equals).count();
                buyerBalances.put(buyer, theirs * BUYER_POINTS);
                buyerAwards.put(buyer, theirs);
                if (theirs > 0) {
                    leads.put(buyer, 1);
                }
            }
            return new Observed(contracts * SELLER_POINTS + published.size() * PUBLISHED_POINTS, buyerBalances,
                    contracts, published.size(), buyerAwards, 2L * contracts + published.size(),
                    new TreeMap<>(buyerAwards), leads, published.size());
        }
    }
}
