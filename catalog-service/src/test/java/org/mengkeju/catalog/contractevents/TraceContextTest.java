package org.mengkeju.catalog.contractevents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mengkeju.events.Topics;
import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestEvents;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Value;

/**
 * One trace follows a deal across HTTP and Kafka hops (W3C trace context): the events a request causes carry the
 * request's trace in their {@code traceparent} header, and the events an event causes carry that event's trace.
 */
@ServiceIntegrationTest
class TraceContextTest {

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;

    @Test
    void aRequestsTraceReachesItsEventsAndAConsumedEventsTraceReachesTheEventsItCauses() {
        TestHttp http = TestHttp.localPort(port);
        var created = http.post("/api/v1/catalog/achievements", """
                {"title":"风光氢储一体化微电网调度技术","industryChain":"NEW_ENERGY","maturity":"PILOT",
                 "transferModes":["LICENCE"],"askingPriceYuan":800000}""", IdentityToken.HEADER,
                TestIdentities.partner("imut"), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = json(created).path("id").asString();
        String requestTrace = hex(32);
        var submitted = http.post("/api/v1/catalog/achievements/" + id + "/steps", "{\"action\":\"SUBMIT\"}",
                IdentityToken.HEADER, TestIdentities.partner("imut"),
                "traceparent", "00-" + requestTrace + "-" + hex(16) + "-01");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(200);

        var first = TopicReader.await(kafka, Topics.CATALOG_ACHIEVEMENTS, r -> id.equals(r.key()),
                Duration.ofSeconds(30));
        assertThat(first).isNotEmpty();
        assertThat(TopicReader.header(first.getFirst(), "traceparent")).as("the submitted event's trace")
                .startsWith("00-" + requestTrace + "-").matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");

        // A registered contract, published within another trace, transacts the achievement: the step it causes
        // belongs to the contract's trace, not to the request that created the listing.
        http.post("/api/v1/catalog/achievements/" + id + "/publish", null, IdentityToken.HEADER,
                TestIdentities.operator());
        http.post("/api/v1/catalog/achievements/" + id + "/steps", "{\"action\":\"START_NEGOTIATION\"}",
                IdentityToken.HEADER, TestIdentities.partner("imut"));
        String contractTrace = hex(32);
        TestEvents.publishTraced(kafka, ContractRegistered.CONTRACT, "ctr-traced", UUID.randomUUID().toString(),
                "/mengkeju/contract-service", registered(id), "00-" + contractTrace + "-" + hex(16) + "-01");
        await().atMost(Duration.ofSeconds(30)).until(() -> json(http.get("/api/v1/catalog/achievements/" + id,
                IdentityToken.HEADER, TestIdentities.operator())).path("status").asString().equals("TRANSACTED"));

        var transacted = TopicReader.await(kafka, Topics.CATALOG_ACHIEVEMENTS,
                r -> id.equals(r.key()) && r.value().contains("\"TRANSACTED\""), Duration.ofSeconds(30));
        assertThat(transacted).isNotEmpty();
        assertThat(TopicReader.header(transacted.getFirst(), "traceparent")).as("the transacted event's trace")
                .startsWith("00-" + contractTrace + "-");
    }

    private static ContractRegistered registered(String achievementId) {
        var seller = new ContractRegistered.Party("imut", "内蒙古工业大学", "12150000460030036T", "150100", true);
        var buyer = new ContractRegistered.Party(null, "鄂尔多斯市绿氢能源有限公司", "91150600MA0N2K7X3A", "150600", false);
        return new ContractRegistered("ctr-" + UUID.randomUUID().toString().substring(0, 12), "2026150101000077",
                "LICENCE", "NON_EXCLUSIVE", "风光氢储一体化微电网调度技术普通许可合同", seller, buyer, List.of(),
                new BigDecimal("800000.00"), new BigDecimal("800000.00"), List.of(achievementId),
                LocalDate.of(2026, 6, 1), Instant.parse("2026-06-08T03:15:00Z"), "hhht-tcr");
    }

    private static String hex(int length) {
        String digits = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        return digits.substring(0, length);
    }
}
