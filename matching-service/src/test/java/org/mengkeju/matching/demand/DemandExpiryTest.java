package org.mengkeju.matching.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.Topics;
import org.mengkeju.events.matching.DemandStatusChanged;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Expiry by the clock. A demand posted on 18 June 2026 with that day as its deadline is written as the service would
 * have written it then; the sweep, on its own schedule and with today's clock, finds its local day over.
 */
@ServiceIntegrationTest
class DemandExpiryTest {

    static final Instant MORNING_OF_THE_DEADLINE = Instant.parse("2026-06-18T02:00:00Z");

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    Demands demands;
    @Autowired
    DemandExpiry expiry;

    @Test
    void anOpenDemandExpiresByItselfOnceItsDeadlinesLocalDayIsOverAndSaysSoOnItsTopic() {
        String id = insertPostedOn(MORNING_OF_THE_DEADLINE, LocalDate.of(2026, 6, 18));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json(TestHttp.localPort(port)
                .get("/api/v1/matching/demands/" + id, IdentityToken.HEADER, TestIdentities.operator()))
                .path("status").asString()).isEqualTo("EXPIRED"));
        var expired = TopicReader.await(kafka, Topics.MATCHING_DEMANDS, r -> id.equals(r.key())
                && DemandStatusChanged.CONTRACT.type().equals(TopicReader.header(r, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(30));
        assertThat(expired).singleElement().satisfies(r -> {
            DemandStatusChanged step = EventJson.read(r.value(), DemandStatusChanged.class);
            assertThat(step.action()).isEqualTo("EXPIRE");
            assertThat(step.toStatus()).isEqualTo("EXPIRED");
        });
    }

    @Test
    void sweepingTwiceExpiresADemandOnceAndLeavesTheDayBeforeItsDeadlineAlone() {
        // Deadlines years ahead, so that only the moments named here, not the scheduled sweep, reach them.
        String due = insertPostedOn(Instant.now(), LocalDate.of(2031, 6, 18));
        String later = insertPostedOn(Instant.now(), LocalDate.of(2031, 6, 19));
        Instant lastMinuteOfThe18th = Instant.parse("2031-06-18T15:59:00Z");
        Instant midnightOfThe19th = Instant.parse("2031-06-18T16:00:00Z");

        expiry.expireDue(lastMinuteOfThe18th);
        assertThat(demands.findById(due).orElseThrow().status()).isEqualTo(DemandStatus.OPEN);
        assertThat(expiry.expireDue(midnightOfThe19th)).isPositive();
        assertThat(expiry.expireDue(midnightOfThe19th.plusSeconds(1))).isZero();

        Demand expired = demands.findById(due).orElseThrow();
        assertThat(expired.status()).isEqualTo(DemandStatus.EXPIRED);
        assertThat(expired.version()).isEqualTo(1);
        assertThat(expired.expiredAt()).isEqualTo(midnightOfThe19th);
        assertThat(demands.findById(later).orElseThrow().status()).isEqualTo(DemandStatus.OPEN);
        // The expiry of the later demand, written after, marks the point by which every EXPIRE of this one is out.
        List<DemandStatusChanged> stepsOfDue = new ArrayList<>();
        expiry.expireDue(Instant.parse("2031-06-19T16:00:00Z"));
        TopicReader.await(kafka, Topics.MATCHING_DEMANDS, r -> {
            if (DemandStatusChanged.CONTRACT.type().equals(TopicReader.header(r, CloudEventHeaders.TYPE))
                    && due.equals(r.key())) {
                stepsOfDue.add(EventJson.read(r.value(), DemandStatusChanged.class));
            }
            return later.equals(r.key())
                    && DemandStatusChanged.CONTRACT.type().equals(TopicReader.header(r, CloudEventHeaders.TYPE));
        }, Duration.ofSeconds(30));
        assertThat(stepsOfDue).extracting(DemandStatusChanged::action).containsExactly("EXPIRE");
    }

    @Test
    void aDemandTrackedForTheLongTermOutlivesItsDeadline() {
        Demand tracked = DemandTest.posted(LocalDate.of(2026, 6, 18));
        tracked.triage(Triage.LONG_TERM_TRACKING, null, "nmg-broker-0412", "暂无成熟方案，长期跟踪",
                MORNING_OF_THE_DEADLINE);
        String id = demands.insert(withFreshId(tracked)).id();

        expiry.expireDue(Instant.parse("2026-12-01T00:00:00Z"));

        assertThat(demands.findById(id).orElseThrow().status()).isEqualTo(DemandStatus.OPEN);
    }

    private String insertPostedOn(Instant now, LocalDate deadline) {
        Demand demand = Demand.post(DemandId.next(), DemandTest.ceriumRecovery(deadline), "btrp",
                DemandTest.POLISH_ERP, java.util.UUID.randomUUID().toString(), "fingerprint", now);
        return demands.insert(demand).id();
    }

    private static Demand withFreshId(Demand tracked) {
        // A new id and idempotency key, the state as the aggregate holds it.
        return new Demand(DemandId.next().value(), tracked.title(), tracked.problem(), tracked.ownerInstitutionId(),
                tracked.industryChain(), tracked.field(), tracked.region().value(), tracked.budget().minYuan(),
                tracked.budget().maxYuan(), tracked.transferModes(), tracked.wantedMaturity(), tracked.deadline(),
                tracked.expiresAt(), "王工", "0472-5123456", "btrp-erp", java.util.UUID.randomUUID().toString(), "f",
                tracked.postedAt(), tracked.status(), tracked.triage(), tracked.triagedBy(), tracked.triagedAt(),
                null, null, null, tracked.lastNote(), tracked.terms(), null);
    }
}
