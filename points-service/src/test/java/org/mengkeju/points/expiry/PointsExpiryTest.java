package org.mengkeju.points.expiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.points.award.AwardPolicy;
import org.mengkeju.points.ledger.PointsLedger;
import org.mengkeju.points.ledger.SystemAccount;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Unused points expire once the period has passed, oldest first, once per day, never what is held. */
@ServiceIntegrationTest
class PointsExpiryTest {

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    PointsExpiry expiry;
    @Autowired
    ExpiryPolicy policy;
    @Autowired
    PointsLedger ledger;
    @Autowired
    Clock clock;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @Test
    void unusedPointsExpireOnceThePeriodHasPassedAndOnlyOnce() {
        String holder = funded(100);
        LocalDate due = today().plus(policy.period()).plusDays(1);

        expiry.expire(due);
        var again = expiry.expire(due);

        assertThat(balance(holder).path("balance").asLong()).isZero();
        assertThat(balance(holder).path("transfers").asLong()).isEqualTo(2);
        assertThat(ledger.findTransfer("expiry:" + holder + ":" + due).orElseThrow().creditAccountId())
                .isEqualTo(SystemAccount.EXPIRED.accountId());
        assertThat(again.expired()).isGreaterThanOrEqualTo(1);
        // the expired points leave the holder's account, announced once however often the day is run
        var debited = org.mengkeju.platform.test.TopicReader.await(kafka, org.mengkeju.events.Topics.POINTS_TRANSFERS,
                r -> holder.equals(r.key()) && org.mengkeju.events.points.PointsDebited.CONTRACT.type().equals(
                        org.mengkeju.platform.test.TopicReader.header(r, "ce_type")), java.time.Duration.ofSeconds(30), 2);
        assertThat(debited).hasSize(1);
        var expired = org.mengkeju.events.EventJson.read(debited.getFirst().value(),
                org.mengkeju.events.points.PointsDebited.class);
        assertThat(expired.points()).isEqualTo(100);
        assertThat(expired.reason()).isEqualTo("EXPIRY");
    }

    @Test
    void pointsYoungerThanThePeriodStay() {
        String holder = funded(100);

        expiry.expire(today().plus(policy.period()).minusDays(1));

        assertThat(balance(holder).path("balance").asLong()).isEqualTo(100);
    }

    @Test
    void spendingUsesTheOldestPointsAndHeldPointsDoNotExpire() {
        String holder = funded(100);
        String payee = funded(1);
        assertThat(adjust(holder, payee, 30)).isEqualTo(201);
        var held = http.post("/api/v1/points/redemptions", "{\"accountId\":\"%s\",\"points\":40}".formatted(holder),
                IdentityToken.HEADER, TestIdentities.partner(holder), "Idempotency-Key", "redeem-" + UUID.randomUUID());
        assertThat(held.statusCode()).isEqualTo(201);

        expiry.expire(today().plus(policy.period()).plusDays(1));

        var balance = balance(holder);
        assertThat(balance.path("balance").asLong()).as("of 100, 30 paid out, 40 held, the other 30 expired")
                .isEqualTo(40);
        assertThat(balance.path("available").asLong()).isZero();
        assertThat(balance.path("pendingDebits").asLong()).isEqualTo(40);
    }

    @Test
    void onlyOperatorsRunTheExpiryAndNotForADayThatHasNotBegun() {
        String holder = funded(10);

        var byPartner = http.post("/api/v1/points/expiry-runs", "{\"day\":\"" + today() + "\"}", IdentityToken.HEADER,
                TestIdentities.partner(holder));
        var future = http.post("/api/v1/points/expiry-runs", "{\"day\":\"" + today().plusDays(1) + "\"}",
                IdentityToken.HEADER, TestIdentities.operator());
        var todays = http.post("/api/v1/points/expiry-runs", "{\"day\":\"" + today() + "\"}", IdentityToken.HEADER,
                TestIdentities.operator());

        assertThat(byPartner.statusCode()).isEqualTo(403);
        assertThat(future.statusCode()).isEqualTo(400);
        assertThat(future.body()).contains("day");
        assertThat(todays.statusCode()).isEqualTo(200);
        assertThat(json(todays).path("creditedBefore").asString()).isEqualTo(today().minus(policy.period()).toString());
        assertThat(balance(holder).path("balance").asLong()).isEqualTo(10);
    }

    private LocalDate today() {
        return clock.instant().atZone(AwardPolicy.REGION).toLocalDate();
    }

    private String funded(long points) {
        String holder = "inst-" + UUID.randomUUID().toString().substring(0, 8);
        http.post("/api/v1/points/accounts", "{\"accountId\":\"" + holder + "\",\"kind\":\"INSTITUTION\"}",
                IdentityToken.HEADER, TestIdentities.operator());
        assertThat(adjust(SystemAccount.ISSUED.accountId(), holder, points)).isEqualTo(201);
        return holder;
    }

    private int adjust(String from, String to, long points) {
        return http.post("/api/v1/points/transfers", """
                {"transferId":"adjustment-%s","debitAccountId":"%s","creditAccountId":"%s","amount":%d,
                 "reference":"内科函〔2026〕17号"}""".formatted(UUID.randomUUID(), from, to, points),
                IdentityToken.HEADER, TestIdentities.operator()).statusCode();
    }

    private JsonNode balance(String holder) {
        return json(http.get("/api/v1/points/accounts/" + holder, IdentityToken.HEADER, TestIdentities.operator()));
    }
}
