package org.mengkeju.points.contractevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventContract;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.Topics;
import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.events.contract.ContractRegistrationChanged;
import org.mengkeju.events.points.PointsDebited;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.messaging.ReceivedEvent;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestEvents;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.mengkeju.points.award.PointsAwards;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;

/** A registered contract earns both parties points by its technology transaction amount; a cancellation takes them back. */
@ServiceIntegrationTest
class ContractAwardsTest {

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    PointsAwards awards;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @Test
    void theSellerAndTheBuyerShareThePointsOnceAndACancellationReversesThem() {
        String seller = institution();
        String buyer = institution();
        String contractId = newContractId();
        // 1,262,400.50 yuan: 126 whole units of 10,000 at 1 point each; the seller 70 % (88), the buyer the rest (38)
        ContractRegistered registered = registered(contractId, seller, buyer, "1262400.50");
        String eventId = UUID.randomUUID().toString();

        for (int delivery = 0; delivery < 3; delivery++) {
            publish(ContractRegistered.CONTRACT, contractId, eventId, registered);
        }
        awaitBalance(seller, 88);
        awaitBalance(buyer, 38);

        var changed = change(contractId, "CHANGED");
        publish(ContractRegistrationChanged.CONTRACT, contractId, UUID.randomUUID().toString(), changed);
        var cancelled = change(contractId, "CANCELLED");
        publish(ContractRegistrationChanged.CONTRACT, contractId, UUID.randomUUID().toString(), cancelled);
        publish(ContractRegistrationChanged.CONTRACT, contractId, UUID.randomUUID().toString(), cancelled);

        awaitBalance(seller, 0);
        awaitBalance(buyer, 0);
        var statement = json(http.get("/api/v1/points/accounts/" + seller + "/transfers", IdentityToken.HEADER,
                TestIdentities.operator()));
        assertThat(statement.path("items").findValuesAsString("transferId")).containsExactlyInAnyOrder(
                "contract-registered:" + contractId + ":seller", "reversal:contract-registered:" + contractId + ":seller");
        // the points taken back are announced once per party, keyed by the account they left
        var debited = TopicReader.await(kafka, Topics.POINTS_TRANSFERS, r -> (seller.equals(r.key())
                || buyer.equals(r.key())) && PointsDebited.CONTRACT.type().equals(TopicReader.header(r, "ce_type")),
                Duration.ofSeconds(30), 2);
        assertThat(debited).extracting(r -> EventJson.read(r.value(), PointsDebited.class))
                .extracting(PointsDebited::accountId, PointsDebited::points, PointsDebited::reason,
                        PointsDebited::reference)
                .containsExactlyInAnyOrder(
                        tuple(seller, 88L, "REVERSAL", "contract-registered:" + contractId + ":seller"),
                        tuple(buyer, 38L, "REVERSAL", "contract-registered:" + contractId + ":buyer"));
    }

    @Test
    void aChangedTechnologyTransactionAmountTopsUpOrTakesBackToWhatTheNewAmountEarnsOnceEach() {
        String seller = institution();
        String buyer = institution();
        String contractId = newContractId();
        publish(ContractRegistered.CONTRACT, contractId, UUID.randomUUID().toString(),
                registered(contractId, seller, buyer, "1262400.50"));
        awaitBalance(seller, 88);
        awaitBalance(buyer, 38);

        // A supplementary agreement raises the technology transaction amount to 2,000,000 yuan: 200 units, 140 / 60.
        String raised = UUID.randomUUID().toString();
        for (int delivery = 0; delivery < 3; delivery++) {
            publish(ContractRegistrationChanged.CONTRACT, contractId, raised,
                    changed(contractId, "CHANGED", "2000000.00", "1262400.50"));
        }
        awaitBalance(seller, 140);
        awaitBalance(buyer, 60);

        // Then lowers it to 1,000,000 yuan: 100 units, 70 / 30; the award stands, a part of it is taken back.
        String lowered = UUID.randomUUID().toString();
        publish(ContractRegistrationChanged.CONTRACT, contractId, lowered,
                changed(contractId, "CHANGED", "1000000.00", "2000000.00"));
        publish(ContractRegistrationChanged.CONTRACT, contractId, lowered,
                changed(contractId, "CHANGED", "1000000.00", "2000000.00"));
        awaitBalance(seller, 70);
        awaitBalance(buyer, 30);

        var statement = json(http.get("/api/v1/points/accounts/" + seller + "/transfers", IdentityToken.HEADER,
                TestIdentities.operator()));
        String award = "contract-registered:" + contractId + ":seller";
        // each correction names the change that caused it and the award it corrects
        assertThat(statement.path("items")).extracting(i -> i.path("transferId").asString(),
                i -> i.path("points").asLong(), i -> i.path("reason").asString(),
                i -> i.path("sourceEventId").asString(), i -> i.path("reference").asString())
                .contains(
                        tuple("contract-changed:" + raised + ":seller", 52L, "CONTRACT_CHANGED", raised, award),
                        tuple("award-reduced:" + lowered + ":seller", -70L, "AWARD_REDUCED", lowered, award));
        assertThat(statement.path("items").findValuesAsString("transferId")).containsExactlyInAnyOrder(award,
                "contract-changed:" + raised + ":seller", "award-reduced:" + lowered + ":seller");

        // Cancelled after the changes: what the award still gives is taken back, once.
        String cancelled = UUID.randomUUID().toString();
        publish(ContractRegistrationChanged.CONTRACT, contractId, cancelled, change(contractId, "CANCELLED"));
        publish(ContractRegistrationChanged.CONTRACT, contractId, UUID.randomUUID().toString(),
                change(contractId, "CANCELLED"));
        awaitBalance(seller, 0);
        awaitBalance(buyer, 0);
        var afterCancel = json(http.get("/api/v1/points/accounts/" + buyer + "/transfers", IdentityToken.HEADER,
                TestIdentities.operator()));
        assertThat(afterCancel.path("items").findValuesAsString("transferId")).containsExactlyInAnyOrder(
                "contract-registered:" + contractId + ":buyer", "contract-changed:" + raised + ":buyer",
                "award-reduced:" + lowered + ":buyer", "award-reduced:" + cancelled + ":buyer");
    }

    @Test
    void registrationsHandledAtOnceAwardOnePartyWithoutLosingAPointOrPassingTheCap() throws Exception {
        // the group runs a consumer per partition of the contract topic (one partition in these tests, three where
        // contract-service declares the topic), each handling its records while the others handle theirs
        try (var admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            var group = admin.describeConsumerGroups(List.of(ContractEventsListener.GROUP)).all().get()
                    .get(ContractEventsListener.GROUP);
            assertThat(group.members()).hasSize(3);
        }
        String seller = institution();
        String buyer = institution();
        // 40 contracts of 2,000,000 yuan, each delivered twice, handled by 8 threads at once as the consumers of 8
        // partitions would: 140 points to the seller and 60 to the buyer each; the seller's would come to 5,600, past
        // the annual cap of 5,000: 35 whole awards, one of 100, four of nothing
        List<Callable<Object>> deliveries = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String contractId = newContractId();
            ContractRegistered registered = registered(contractId, seller, buyer, "2000000.00");
            var event = new ReceivedEvent("reg-" + contractId, ContractRegistered.CONTRACT.type(),
                    "/mengkeju/contract-service", contractId, registered.registeredAt(), null,
                    ContractRegistered.CONTRACT.topic(), contractId, EventJson.write(registered), null);
            deliveries.add(() -> awards.contractRegistered(event, registered));
            deliveries.add(() -> awards.contractRegistered(event, registered));
        }
        Collections.shuffle(deliveries, new Random(2026));
        try (var consumers = Executors.newFixedThreadPool(8)) {
            for (var done : consumers.invokeAll(deliveries)) {
                done.get();
            }
        }
        awaitBalance(buyer, 2_400);
        awaitBalance(seller, 5_000);

        var sellerTransfers = json(http.get("/api/v1/points/accounts/" + seller + "/transfers?limit=200",
                IdentityToken.HEADER, TestIdentities.operator())).path("items");
        assertThat(sellerTransfers.findValuesAsString("transferId")).hasSize(36).doesNotHaveDuplicates();
        assertThat(sellerTransfers.valueStream().mapToLong(t -> t.path("points").asLong()).sum()).isEqualTo(5_000);
        assertThat(json(http.get("/api/v1/points/accounts/" + buyer + "/transfers?limit=200", IdentityToken.HEADER,
                TestIdentities.operator())).path("items").findValuesAsString("transferId")).hasSize(40)
                .doesNotHaveDuplicates();
        assertThat(capAwarded(seller)).isEqualTo(5_000);
        assertThat(capAwarded(buyer)).isEqualTo(2_400);

        // a cancelled registration takes its 140 points back and gives the room back under the cap: the next
        // registration earns its whole award again
        String cancelledContract = sellerTransfers.valueStream().filter(t -> t.path("points").asLong() == 140)
                .map(t -> t.path("transferId").asString().split(":")[1]).findFirst().orElseThrow();
        String cancellation = UUID.randomUUID().toString();
        publish(ContractRegistrationChanged.CONTRACT, cancelledContract, cancellation,
                change(cancelledContract, "CANCELLED"));
        publish(ContractRegistrationChanged.CONTRACT, cancelledContract, cancellation,
                change(cancelledContract, "CANCELLED"));
        awaitBalance(seller, 4_860);
        assertThat(capAwarded(seller)).isEqualTo(4_860);
        String next = newContractId();
        publish(ContractRegistered.CONTRACT, next, UUID.randomUUID().toString(),
                registered(next, seller, buyer, "2000000.00"));
        awaitBalance(seller, 5_000);
        assertThat(capAwarded(seller)).isEqualTo(5_000);
        var check = json(http.get("/api/v1/points/ledger/check", IdentityToken.HEADER, TestIdentities.operator()));
        assertThat(check.path("holds").asBoolean()).as(check.toString()).isTrue();
    }

    @Test
    void aReducedAwardGivesItsPointsBackUnderTheAnnualCap() {
        String seller = institution();
        String buyer = institution();
        String contractId = newContractId();
        publish(ContractRegistered.CONTRACT, contractId, UUID.randomUUID().toString(),
                registered(contractId, seller, buyer, "2000000.00"));
        awaitBalance(seller, 140);
        String lowered = UUID.randomUUID().toString();
        for (int delivery = 0; delivery < 2; delivery++) {
            publish(ContractRegistrationChanged.CONTRACT, contractId, lowered,
                    changed(contractId, "CHANGED", "1000000.00", "2000000.00"));
        }
        awaitBalance(seller, 70);
        awaitBalance(buyer, 30);

        assertThat(capAwarded(seller)).isEqualTo(70);
        assertThat(capAwarded(buyer)).isEqualTo(30);
    }

    @Test
    void aContractThatEarnedNothingWhenRegisteredEarnsWhatItsRaisedAmountIsWorth() {
        String seller = institution();
        String buyer = institution();
        String contractId = newContractId();
        // 9,999.99 yuan: not one whole unit of 10,000, so nobody earns anything at registration
        publish(ContractRegistered.CONTRACT, contractId, UUID.randomUUID().toString(),
                registered(contractId, seller, buyer, "9999.99"));
        String raised = UUID.randomUUID().toString();
        for (int delivery = 0; delivery < 2; delivery++) {
            publish(ContractRegistrationChanged.CONTRACT, contractId, raised,
                    changed(contractId, "CHANGED", "2000000.00", "9999.99"));
        }

        awaitBalance(seller, 140);
        awaitBalance(buyer, 60);
        var statement = json(http.get("/api/v1/points/accounts/" + seller + "/transfers", IdentityToken.HEADER,
                TestIdentities.operator()));
        // the award it would have had at registration, paid now and found by what follows
        assertThat(statement.path("items").findValuesAsString("transferId"))
                .containsExactly("contract-registered:" + contractId + ":seller");
        publish(ContractRegistrationChanged.CONTRACT, contractId, UUID.randomUUID().toString(),
                change(contractId, "REVOKED"));
        awaitBalance(seller, 0);
        awaitBalance(buyer, 0);
    }

    /** What the annual cap of 2026 (the contracts' registration year) counts as awarded to {@code account}. */
    private long capAwarded(String account) {
        Document year = mongo.findById(account + ":2026", Document.class, "point_award_caps");
        return year == null ? 0 : year.get("awarded", Number.class).longValue();
    }

    @Test
    void aPartyFromOutsideThePlatformEarnsNothingAndASmallContractNothingAtAll() {
        String seller = institution();
        String contractId = newContractId();
        ContractRegistered withOutsider = registered(contractId, seller, null, "50000");
        publish(ContractRegistered.CONTRACT, contractId, UUID.randomUUID().toString(), withOutsider);
        String small = institution();
        publish(ContractRegistered.CONTRACT, "ctr-small", UUID.randomUUID().toString(),
                registered("ctr-small-" + small, small, null, "9999.99"));

        awaitBalance(seller, 3); // 5 units: 3 for the seller (70 %, rounded down), the outside buyer's 2 stay unissued
        var account = http.get("/api/v1/points/accounts/" + small, IdentityToken.HEADER, TestIdentities.operator());
        assertThat(account.statusCode() == 404 || json(account).path("balance").asLong() == 0).as(account.body())
                .isTrue();
    }

    private static ContractRegistered registered(String contractId, String seller, String buyer, String amount) {
        return new ContractRegistered(contractId, "2026150101" + (100000 + Math.abs(contractId.hashCode() % 900000)),
                "LICENCE", "EXCLUSIVE", "稀土永磁电机控制技术许可合同",
                new ContractRegistered.Party(seller, "内蒙古工业大学", "12150000460030036T", "150100", true),
                new ContractRegistered.Party(buyer, "包头市稀土电机有限公司", "91150200MA0N2K7X31", "150200", false),
                List.of(), new BigDecimal(amount).add(BigDecimal.valueOf(100000)), new BigDecimal(amount),
                List.of("ach-7f3c2a9e41d84b0c"), LocalDate.of(2026, 6, 2), Instant.parse("2026-06-10T03:00:00Z"),
                "btou-tcr");
    }

    private <T> void publish(EventContract<T> contract, String key, String eventId, T payload) {
        TestEvents.publish(kafka, contract, key, eventId, "/mengkeju/contract-service", payload);
    }

    private static String newContractId() {
        return "ctr-" + UUID.randomUUID().toString().substring(0, 12);
    }

    private static ContractRegistrationChanged changed(String contractId, String kind, String technologyAmount,
            String previousTechnologyAmount) {
        return new ContractRegistrationChanged(contractId, "2026150101000042", kind, "补充协议变更技术交易额",
                new BigDecimal(technologyAmount).add(BigDecimal.valueOf(100000)), new BigDecimal(technologyAmount),
                new BigDecimal(previousTechnologyAmount).add(BigDecimal.valueOf(100000)),
                new BigDecimal(previousTechnologyAmount), "btou-tcr", "btou-tcr-desk",
                Instant.parse("2026-07-01T03:00:00Z"));
    }

    private static ContractRegistrationChanged change(String contractId, String kind) {
        return new ContractRegistrationChanged(contractId, "2026150101000042", kind, "双方协议解除",
                new BigDecimal("1362400.50"), new BigDecimal("1262400.50"), new BigDecimal("1362400.50"),
                new BigDecimal("1262400.50"), "btou-tcr", "btou-tcr-desk", Instant.parse("2026-07-01T03:00:00Z"));
    }

    private void awaitBalance(String account, long expected) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(json(http.get("/api/v1/points/accounts/" + account, IdentityToken.HEADER,
                        TestIdentities.operator())).path("balance").asLong()).isEqualTo(expected));
    }

    private static String institution() {
        return "inst-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
