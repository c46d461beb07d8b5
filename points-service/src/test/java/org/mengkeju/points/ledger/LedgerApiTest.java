package org.mengkeju.points.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.points.PointsDebited;
import org.mengkeju.events.points.PointsPosted;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** The ledger through its API: adjustments, idempotent ids, reversals, bad input, statements, the check. */
@ServiceIntegrationTest
class LedgerApiTest {

    static final String ISSUED = SystemAccount.ISSUED.accountId();

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    TransferEngine engine;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @Test
    void anAdjustmentIsPostedOnBothAccountsAtOnceAndTheLedgerStillBalances() {
        String holder = openInstitution();
        String id = transferId();

        var response = adjust(id, ISSUED, holder, "500");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).path("state").asString()).isEqualTo("POSTED");
        var balance = balance(holder);
        assertThat(balance.path("balance").asLong()).isEqualTo(500);
        assertThat(balance.path("available").asLong()).isEqualTo(500);
        assertThat(balance.path("creditsPosted").asLong()).isEqualTo(500);
        assertThat(balance.path("transfers").asLong()).isEqualTo(1);
        var check = json(http.get("/api/v1/points/ledger/check", IdentityToken.HEADER, TestIdentities.operator()));
        assertThat(check.path("holds").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.path("sumOfBalances").asLong()).isZero();
        assertThat(check.path("totalDebitsPosted").asLong()).isEqualTo(check.path("totalCreditsPosted").asLong());
    }

    @Test
    void theSameIdWithTheSameMovementReturnsTheTransferAndWithAnotherIsRefused() {
        String holder = openInstitution();
        String id = transferId();
        assertThat(adjust(id, ISSUED, holder, "500").statusCode()).isEqualTo(201);

        var retry = adjust(id, ISSUED, holder, "500");
        var other = adjust(id, ISSUED, holder, "501");

        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(json(retry).path("transferId").asString()).isEqualTo(id);
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(json(other).path("type").asString()).isEqualTo("https://mengkeju.org/problems/transfer-id-reused");
        assertThat(balance(holder).path("balance").asLong()).isEqualTo(500);
    }

    @Test
    void badInputIsA400ProblemNamingTheFieldAndWritesNothing() {
        String holder = openInstitution();
        List<String[]> cases = List.of(
                new String[] {"0", holder, "amount"},
                new String[] {"-5", holder, "amount"},
                new String[] {"12.5", holder, ""},
                new String[] {"1000000000001", holder, "amount"},
                new String[] {"99999999999999999999999", holder, ""},
                new String[] {"\"lots\"", holder, ""},
                new String[] {"500", "no-such-holder-" + UUID.randomUUID(), "creditAccountId"},
                new String[] {"500", ISSUED, "creditAccountId"});
        List<String> ids = new ArrayList<>();
        for (String[] bad : cases) {
            String id = transferId();
            ids.add(id);

            var response = adjust(id, ISSUED, bad[1], bad[0]);

            assertThat(response.statusCode()).as(bad[0] + " to " + bad[1] + ": " + response.body()).isEqualTo(400);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(response.body()).contains(bad[2]);
        }
        assertThat(ids).allSatisfy(id -> assertThat(engine.find(id)).isEmpty());
        assertThat(balance(holder).path("balance").asLong()).isZero();
    }

    @Test
    void onlyOperatorsMovePointsByHand() {
        String holder = openInstitution();

        var response = http.post("/api/v1/points/transfers", body(transferId(), ISSUED, holder, "500"),
                IdentityToken.HEADER, TestIdentities.partner(holder));

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(balance(holder).path("balance").asLong()).isZero();
    }

    @Test
    void aReversalPostsTheSameAmountBackOnceAndIsRefusedWhenThePointsAreGone() {
        String holder = openInstitution();
        String other = openInstitution();
        String award = transferId();
        adjust(award, ISSUED, holder, "300");

        var reversal = http.post("/api/v1/points/transfers/" + award + "/reversal", "{\"note\":\"误发\"}",
                IdentityToken.HEADER, TestIdentities.operator());
        var again = http.post("/api/v1/points/transfers/" + award + "/reversal", "{}", IdentityToken.HEADER,
                TestIdentities.operator());

        assertThat(reversal.statusCode()).as(reversal.body()).isEqualTo(201);
        assertThat(json(reversal).path("transferId").asString()).isEqualTo("reversal:" + award);
        assertThat(json(reversal).path("debitAccountId").asString()).isEqualTo(holder);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(balance(holder).path("balance").asLong()).isZero();
        assertThat(balance(holder).path("transfers").asLong()).isEqualTo(2);

        String spent = transferId();
        adjust(spent, ISSUED, other, "100");
        adjust(transferId(), other, holder, "100");
        var refused = http.post("/api/v1/points/transfers/" + spent + "/reversal", "{}", IdentityToken.HEADER,
                TestIdentities.operator());
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(json(refused).path("type").asString()).isEqualTo("https://mengkeju.org/problems/insufficient-points");
        assertThat(balance(other).path("balance").asLong()).isZero();
    }

    @Test
    void aHolderCannotPayOutMoreThanItHolds() {
        String holder = openInstitution();
        String other = openInstitution();
        adjust(transferId(), ISSUED, holder, "100");

        var response = adjust(transferId(), holder, other, "101");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(balance(holder).path("balance").asLong()).isEqualTo(100);
        assertThat(balance(other).path("balance").asLong()).isZero();
    }

    @Test
    void theStatementPagesNewestFirstWithACursor() {
        String holder = openInstitution();
        List<String> posted = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = transferId();
            adjust(id, ISSUED, holder, String.valueOf(10 + i));
            posted.addFirst(id);
        }

        List<String> read = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var page = json(http.get("/api/v1/points/accounts/" + holder + "/transfers?limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor), IdentityToken.HEADER, TestIdentities.operator()));
            page.path("items").forEach(item -> read.add(item.path("transferId").asString()));
            cursor = page.path("nextCursor").isNull() || page.path("nextCursor").isMissingNode() ? null
                    : page.path("nextCursor").asString();
            pages++;
        } while (cursor != null && pages < 10);

        assertThat(read).containsExactlyElementsOf(posted);
        assertThat(pages).isEqualTo(3);
        var badCursor = http.get("/api/v1/points/accounts/" + holder + "/transfers?cursor=%25%25", IdentityToken.HEADER,
                TestIdentities.operator());
        assertThat(badCursor.statusCode()).isEqualTo(400);
    }

    @Test
    void aHolderReadsItsOwnTransfersAndNoOneElses() {
        String holder = openInstitution();
        String id = transferId();
        adjust(id, ISSUED, holder, "50");

        assertThat(http.get("/api/v1/points/transfers/" + id, IdentityToken.HEADER, TestIdentities.partner(holder))
                .statusCode()).isEqualTo(200);
        assertThat(http.get("/api/v1/points/transfers/" + id, IdentityToken.HEADER, TestIdentities.partner("imu"))
                .statusCode()).isEqualTo(404);
        assertThat(http.get("/api/v1/points/ledger/check", IdentityToken.HEADER, TestIdentities.partner(holder))
                .statusCode()).isEqualTo(403);
    }

    @Test
    void theBalanceAsOfAPastMomentCountsOnlyWhatWasPostedByThen() {
        String holder = openInstitution();
        adjust(transferId(), ISSUED, holder, "300");
        java.time.Instant between = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        // The store keeps milliseconds: the next transfer is posted in a later one.
        await(() -> java.time.Instant.now().toEpochMilli() > between.toEpochMilli());
        adjust(transferId(), ISSUED, holder, "200");

        var then = json(http.get("/api/v1/points/accounts/" + holder + "?asOf=" + between, IdentityToken.HEADER,
                TestIdentities.partner(holder)));
        var before = json(http.get("/api/v1/points/accounts/" + holder + "?asOf=2026-01-01T00:00:00Z",
                IdentityToken.HEADER, TestIdentities.partner(holder)));

        assertThat(then.path("balance").asLong()).isEqualTo(300);
        assertThat(then.path("transfers").asLong()).isEqualTo(1);
        assertThat(before.path("balance").asLong()).isZero();
        assertThat(balance(holder).path("balance").asLong()).isEqualTo(500);
        assertThat(http.get("/api/v1/points/accounts/" + holder + "?asOf=yesterday", IdentityToken.HEADER,
                TestIdentities.operator()).statusCode()).isEqualTo(400);
    }

    @Test
    void theTransfersForAReferenceTraceAnAdjustmentAndItsReversal() {
        String holder = openInstitution();
        String reference = "内科函〔2026〕" + UUID.randomUUID().toString().substring(0, 6) + "号";
        String id = transferId();
        http.post("/api/v1/points/transfers", """
                {"transferId":"%s","debitAccountId":"%s","creditAccountId":"%s","amount":40,"reference":"%s"}"""
                .formatted(id, ISSUED, holder, reference), IdentityToken.HEADER, TestIdentities.operator());
        http.post("/api/v1/points/transfers/" + id + "/reversal", "{}", IdentityToken.HEADER, TestIdentities.operator());

        var forFile = json(http.get("/api/v1/points/references/" + java.net.URLEncoder.encode(reference,
                java.nio.charset.StandardCharsets.UTF_8) + "/transfers", IdentityToken.HEADER, TestIdentities.operator()));
        var forTransfer = json(http.get("/api/v1/points/references/" + id + "/transfers", IdentityToken.HEADER,
                TestIdentities.partner(holder)));
        var forStranger = json(http.get("/api/v1/points/references/" + id + "/transfers", IdentityToken.HEADER,
                TestIdentities.partner("imu")));

        assertThat(forFile.findValuesAsString("transferId")).containsExactly(id);
        assertThat(forTransfer.findValuesAsString("transferId")).containsExactly("reversal:" + id);
        assertThat(forStranger.size()).isZero();
    }

    @Test
    void everyCreditAndDebitOfAHolderByHandIsAnnouncedOnceKeyedByTheHolder() {
        String holder = openInstitution();
        String payee = openInstitution();
        String granted = transferId();
        String paid = transferId();
        assertThat(adjust(granted, ISSUED, holder, "500").statusCode()).isEqualTo(201);
        assertThat(adjust(paid, holder, payee, "120").statusCode()).isEqualTo(201);
        // the same ids again: retries, announced nothing more
        assertThat(adjust(granted, ISSUED, holder, "500").statusCode()).isEqualTo(200);
        assertThat(adjust(paid, holder, payee, "120").statusCode()).isEqualTo(200);
        var reversed = http.post("/api/v1/points/transfers/" + paid + "/reversal", "{\"note\":\"付错了对象\"}",
                IdentityToken.HEADER, TestIdentities.operator());
        assertThat(reversed.statusCode()).as(reversed.body()).isEqualTo(201);

        java.util.function.Predicate<org.apache.kafka.clients.consumer.ConsumerRecord<String, String>> ours =
                r -> holder.equals(r.key()) || payee.equals(r.key());
        var announced = TopicReader.await(kafka, Topics.POINTS_TRANSFERS, ours, Duration.ofSeconds(30), 5);
        // nothing more comes: each posting was announced once, in the write that decided it
        var afterwards = TopicReader.await(kafka, Topics.POINTS_TRANSFERS, ours, Duration.ofSeconds(3), 6);

        assertThat(afterwards).hasSize(5);
        assertThat(announced).allSatisfy(r -> assertThat(EventSchemas.violations(
                PointsPosted.CONTRACT.type().equals(TopicReader.header(r, "ce_type")) ? PointsPosted.CONTRACT
                        : PointsDebited.CONTRACT, r.value())).isEmpty());
        assertThat(announced.stream().filter(r -> PointsPosted.CONTRACT.type().equals(TopicReader.header(r, "ce_type")))
                .map(r -> EventJson.read(r.value(), PointsPosted.class)).toList())
                .extracting(PointsPosted::transferId, PointsPosted::accountId, PointsPosted::points,
                        PointsPosted::reason, PointsPosted::reference)
                .containsExactlyInAnyOrder(
                        tuple(granted, holder, 500L, "ADJUSTMENT", "内科函〔2026〕17号"),
                        tuple(paid, payee, 120L, "ADJUSTMENT", "内科函〔2026〕17号"),
                        tuple("reversal:" + paid, holder, 120L, "REVERSAL", paid));
        assertThat(announced.stream().filter(r -> PointsDebited.CONTRACT.type().equals(TopicReader.header(r, "ce_type")))
                .map(r -> EventJson.read(r.value(), PointsDebited.class)).toList())
                .extracting(PointsDebited::transferId, PointsDebited::accountId, PointsDebited::points,
                        PointsDebited::reason)
                .containsExactlyInAnyOrder(
                        tuple(paid, holder, 120L, "ADJUSTMENT"),
                        tuple("reversal:" + paid, payee, 120L, "REVERSAL"));
        // what a reader of the events keeps equals the ledger's balances
        for (String account : List.of(holder, payee)) {
            long kept = announced.stream().filter(r -> account.equals(r.key())).mapToLong(r ->
                    PointsPosted.CONTRACT.type().equals(TopicReader.header(r, "ce_type"))
                            ? EventJson.read(r.value(), PointsPosted.class).points()
                            : -EventJson.read(r.value(), PointsDebited.class).points()).sum();
            assertThat(kept).as(account).isEqualTo(balance(account).path("balance").asLong());
        }
    }

    private static void await(java.util.function.BooleanSupplier condition) {
        org.awaitility.Awaitility.await().pollInterval(java.time.Duration.ofMillis(5)).until(condition::getAsBoolean);
    }

    private String openInstitution() {
        String id = "inst-" + UUID.randomUUID().toString().substring(0, 8);
        var response = http.post("/api/v1/points/accounts", "{\"accountId\":\"" + id + "\",\"kind\":\"INSTITUTION\"}",
                IdentityToken.HEADER, TestIdentities.operator());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return id;
    }

    private HttpResponse<String> adjust(String id, String from, String to, String amount) {
        return http.post("/api/v1/points/transfers", body(id, from, to, amount), IdentityToken.HEADER,
                TestIdentities.operator());
    }

    private static String body(String id, String from, String to, String amount) {
        return """
                {"transferId":"%s","debitAccountId":"%s","creditAccountId":"%s","amount":%s,
                 "reference":"内科函〔2026〕17号"}""".formatted(id, from, to, amount);
    }

    private tools.jackson.databind.JsonNode balance(String account) {
        return json(http.get("/api/v1/points/accounts/" + account, IdentityToken.HEADER, TestIdentities.operator()));
    }

    private static String transferId() {
        return "adjustment-" + UUID.randomUUID();
    }
}
