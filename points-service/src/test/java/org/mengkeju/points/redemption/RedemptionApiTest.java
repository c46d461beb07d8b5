package org.mengkeju.points.redemption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.points.PointsRedemptionApproved;
import org.mengkeju.events.points.PointsRedemptionRequested;
import org.mengkeju.events.points.PointsRedemptionVoided;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.mengkeju.points.ledger.LedgerRecovery;
import org.mengkeju.points.ledger.PointsLedger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Redemptions through the API: held, approved or refused by an operator, expired, never beyond the balance. */
@ServiceIntegrationTest
class RedemptionApiTest {

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    PointsLedger ledger;
    @Autowired
    LedgerRecovery recovery;
    @Autowired
    RedemptionPolicy policy;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @Test
    void aRequestHoldsThePointsAndAnApprovalRedeemsThem() {
        String holder = funded(500);

        var requested = request(holder, holder, key(), "300");

        assertThat(requested.statusCode()).as(requested.body()).isEqualTo(201);
        String id = json(requested).path("redemptionId").asString();
        assertThat(json(requested).path("status").asString()).isEqualTo("PENDING");
        assertThat(balance(holder).path("balance").asLong()).isEqualTo(500);
        assertThat(balance(holder).path("available").asLong()).isEqualTo(200);
        assertThat(balance(holder).path("pendingDebits").asLong()).isEqualTo(300);
        assertEvent(id, PointsRedemptionRequested.CONTRACT.type(), PointsRedemptionRequested.CONTRACT);

        var approved = decide(id, "APPROVE", null);

        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(json(approved).path("status").asString()).isEqualTo("APPROVED");
        assertThat(json(approved).path("decidedBy").asString()).isEqualTo("ops-console");
        assertThat(balance(holder).path("balance").asLong()).isEqualTo(200);
        assertThat(balance(holder).path("available").asLong()).isEqualTo(200);
        var event = assertEvent(id, PointsRedemptionApproved.CONTRACT.type(), PointsRedemptionApproved.CONTRACT);
        assertThat(parse(event).path("points").asLong()).isEqualTo(300);
        assertThat(decide(id, "APPROVE", null).statusCode()).as("the same decision again").isEqualTo(200);
        assertThat(decide(id, "REFUSE", "late").statusCode()).isEqualTo(409);
        assertThat(balance(holder).path("balance").asLong()).isEqualTo(200);
        // the points paid out leave the holder's account, announced once on the transfers topic, keyed by the holder
        var debited = TopicReader.await(kafka, Topics.POINTS_TRANSFERS, r -> holder.equals(r.key())
                && org.mengkeju.events.points.PointsDebited.CONTRACT.type().equals(TopicReader.header(r, "ce_type")),
                Duration.ofSeconds(30), 2);
        assertThat(debited).hasSize(1);
        var paidOut = org.mengkeju.events.EventJson.read(debited.getFirst().value(),
                org.mengkeju.events.points.PointsDebited.class);
        assertThat(paidOut.points()).isEqualTo(300);
        assertThat(paidOut.reason()).isEqualTo("REDEMPTION");
        assertThat(paidOut.transferId()).isEqualTo(id);
    }

    @Test
    void aRefusalReleasesTheHeldPointsAndSaysWhy() {
        String holder = funded(500);
        String id = json(request(holder, holder, key(), "300")).path("redemptionId").asString();

        var refused = decide(id, "REFUSE", "开户名称与机构不符");

        assertThat(json(refused).path("status").asString()).isEqualTo("REFUSED");
        assertThat(balance(holder).path("balance").asLong()).isEqualTo(500);
        assertThat(balance(holder).path("available").asLong()).isEqualTo(500);
        var event = assertEvent(id, PointsRedemptionVoided.CONTRACT.type(), PointsRedemptionVoided.CONTRACT);
        assertThat(parse(event).path("reason").asString()).isEqualTo("REFUSED");
        assertThat(parse(event).path("note").asString()).isEqualTo("开户名称与机构不符");
        assertThat(decide(id, "APPROVE", null).statusCode()).isEqualTo(409);
    }

    @Test
    void aRequestNobodyDecidesExpiresByItself() {
        String holder = funded(500);
        String id = json(request(holder, holder, key(), "120")).path("redemptionId").asString();
        var held = ledger.findTransfer(id).orElseThrow();
        assertThat(Duration.between(held.createdAt(), held.timeoutAt())).isEqualTo(policy.hold());

        recovery.sweep(held.timeoutAt().plusSeconds(1));

        var expired = json(http.get("/api/v1/points/redemptions/" + id, IdentityToken.HEADER,
                TestIdentities.partner(holder)));
        assertThat(expired.path("status").asString()).isEqualTo("EXPIRED");
        assertThat(balance(holder).path("available").asLong()).isEqualTo(500);
        var event = assertEvent(id, PointsRedemptionVoided.CONTRACT.type(), PointsRedemptionVoided.CONTRACT);
        assertThat(parse(event).path("reason").asString()).isEqualTo("EXPIRED");
    }

    @Test
    void aRetriedRequestHoldsThePointsOnceAndTheSameKeyForOtherPointsIsRefused() {
        String holder = funded(500);
        String key = key();

        var first = request(holder, holder, key, "100");
        var retry = request(holder, holder, key, "100");
        var other = request(holder, holder, key, "200");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(retry).path("redemptionId").asString()).isEqualTo(json(first).path("redemptionId").asString());
        assertThat(other.statusCode()).isEqualTo(409);
        assertThat(balance(holder).path("available").asLong()).isEqualTo(400);
    }

    @Test
    void moreThanTheAvailableBalanceIsRefusedAndNothingIsWritten() {
        String holder = funded(100);
        String key = key();

        var response = request(holder, holder, key, "101");

        assertThat(response.statusCode()).isEqualTo(409);
        assertThat(json(response).path("type").asString()).isEqualTo("https://mengkeju.org/problems/insufficient-points");
        assertThat(ledger.findTransfer(Redemptions.redemptionId(
                new org.mengkeju.platform.identity.CallerIdentity(holder + "-tto",
                        org.mengkeju.platform.identity.Role.PARTNER, holder, "150100"), key))).isEmpty();
        assertThat(balance(holder).path("available").asLong()).isEqualTo(100);
    }

    @Test
    void parallelRequestsNeverRedeemMoreThanTheBalance() throws Exception {
        String holder = funded(1000);
        List<HttpResponse<String>> responses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(12)) {
            List<Future<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                all.add(pool.submit(() -> request(holder, holder, key(), "100")));
            }
            for (Future<HttpResponse<String>> f : all) {
                responses.add(f.get());
            }
        }

        assertThat(responses).filteredOn(r -> r.statusCode() == 201).hasSize(10);
        assertThat(responses).filteredOn(r -> r.statusCode() == 409).hasSize(20);
        assertThat(balance(holder).path("available").asLong()).isZero();
        assertThat(balance(holder).path("balance").asLong()).isEqualTo(1000);
    }

    @Test
    void onlyTheHolderAsksOnlyOperatorsDecideAndNobodyElseSeesIt() {
        String holder = funded(500);
        String id = json(request(holder, holder, key(), "100")).path("redemptionId").asString();

        assertThat(request("imu", holder, key(), "100").statusCode()).isEqualTo(403);
        assertThat(http.get("/api/v1/points/redemptions/" + id, IdentityToken.HEADER, TestIdentities.partner("imu"))
                .statusCode()).isEqualTo(404);
        var byHolder = http.post("/api/v1/points/redemptions/" + id, "{}", IdentityToken.HEADER,
                TestIdentities.partner(holder));
        assertThat(byHolder.statusCode()).isIn(404, 405);
        var decidedByHolder = patch("/api/v1/points/redemptions/" + id, "{\"decision\":\"APPROVE\"}",
                IdentityToken.HEADER, TestIdentities.partner(holder));
        assertThat(decidedByHolder.statusCode()).isEqualTo(403);
        assertThat(balance(holder).path("balance").asLong()).isEqualTo(500);
    }

    @Test
    void badInputIsA400NamingTheField() {
        String holder = funded(100);
        for (String points : List.of("0", "-1", "1.5", "1000000000001", "\"all\"")) {
            var response = request(holder, holder, key(), points);
            assertThat(response.statusCode()).as(points + ": " + response.body()).isEqualTo(400);
        }
        var system = http.post("/api/v1/points/redemptions", "{\"accountId\":\"system:points-issued\",\"points\":1}",
                IdentityToken.HEADER, TestIdentities.operator(), "Idempotency-Key", key());
        assertThat(system.statusCode()).isEqualTo(400);
        assertThat(system.body()).contains("accountId");
        assertThat(balance(holder).path("available").asLong()).isEqualTo(100);
    }

    private HttpResponse<String> request(String callerInstitution, String account, String key, String points) {
        return http.post("/api/v1/points/redemptions", "{\"accountId\":\"%s\",\"points\":%s}".formatted(account, points),
                IdentityToken.HEADER, TestIdentities.partner(callerInstitution), "Idempotency-Key", key);
    }

    private HttpResponse<String> decide(String id, String decision, String note) {
        String body = note == null ? "{\"decision\":\"%s\"}".formatted(decision)
                : "{\"decision\":\"%s\",\"note\":\"%s\"}".formatted(decision, note);
        return patch("/api/v1/points/redemptions/" + id, body, IdentityToken.HEADER,
                TestIdentities.operator());
    }

    private String assertEvent(String redemptionId, String type,
            org.mengkeju.events.EventContract<?> contract) {
        var records = TopicReader.await(kafka, Topics.POINTS_REDEMPTIONS, r -> redemptionId.equals(r.key())
                && type.equals(TopicReader.header(r, "ce_type")), Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        assertThat(EventSchemas.violations(contract, records.getFirst().value())).isEmpty();
        return records.getFirst().value();
    }

    private static JsonNode parse(String body) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body);
    }

    /** TestHttp sends GET and POST; a decision is a PATCH. */
    private HttpResponse<String> patch(String path, String body, String... headers) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                    .headers(headers).header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String funded(long points) {
        String holder = "inst-" + UUID.randomUUID().toString().substring(0, 8);
        http.post("/api/v1/points/accounts", "{\"accountId\":\"" + holder + "\",\"kind\":\"INSTITUTION\"}",
                IdentityToken.HEADER, TestIdentities.operator());
        var funded = http.post("/api/v1/points/transfers", """
                {"transferId":"adjustment-%s","debitAccountId":"system:points-issued","creditAccountId":"%s",
                 "amount":%d,"reference":"内科函〔2026〕17号"}""".formatted(UUID.randomUUID(), holder, points),
                IdentityToken.HEADER, TestIdentities.operator());
        assertThat(funded.statusCode()).as(funded.body()).isEqualTo(201);
        return holder;
    }

    private JsonNode balance(String holder) {
        return TestHttp.json(http.get("/api/v1/points/accounts/" + holder, IdentityToken.HEADER,
                TestIdentities.operator()));
    }

    private static String key() {
        return "redeem-" + UUID.randomUUID();
    }
}
