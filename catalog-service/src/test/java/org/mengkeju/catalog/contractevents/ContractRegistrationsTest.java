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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestEvents;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Value;

/** A registered contract makes its achievements transacted, once, whatever Kafka redelivers. */
@ServiceIntegrationTest
class ContractRegistrationsTest {

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    @Test
    void aRegisteredContractTransactsItsPublishedAchievementOnceAndLeavesADraftAlone() {
        String offered = draft();
        step(offered, "SUBMIT", TestIdentities.partner("imut"));
        assertThat(http.post(path(offered) + "/publish", null, IdentityToken.HEADER, TestIdentities.operator())
                .statusCode()).isEqualTo(200);
        step(offered, "START_NEGOTIATION", TestIdentities.partner("imut"));
        String draft = draft();
        String eventId = UUID.randomUUID().toString();
        ContractRegistered registered = registered(List.of(offered, draft, "ach-unknown"));

        TestEvents.publish(kafka, ContractRegistered.CONTRACT, registered.contractId(), eventId,
                "/mengkeju/contract-service", registered);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(status(offered)).isEqualTo("TRANSACTED"));
        TestEvents.publish(kafka, ContractRegistered.CONTRACT, registered.contractId(), eventId,
                "/mengkeju/contract-service", registered);
        TestEvents.publish(kafka, ContractRegistered.CONTRACT, registered.contractId(), UUID.randomUUID().toString(),
                "/mengkeju/contract-service", registered);

        // the redeliveries are consumed once a later marker event is: its effect shows they were read
        String marker = draft();
        step(marker, "SUBMIT", TestIdentities.partner("imut"));
        http.post(path(marker) + "/publish", null, IdentityToken.HEADER, TestIdentities.operator());
        TestEvents.publish(kafka, ContractRegistered.CONTRACT, "ctr-marker", UUID.randomUUID().toString(),
                "/mengkeju/contract-service", registered(List.of(marker)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(marker)).isEqualTo("TRANSACTED"));

        var history = json(http.get(path(offered) + "/history", IdentityToken.HEADER, TestIdentities.operator()));
        assertThat(history.findValuesAsString("action")).containsOnlyOnce("TRANSACT");
        assertThat(history.get(history.size() - 1).path("actor").asString()).isEqualTo("contract-service");
        assertThat(history.get(history.size() - 1).path("note").asString()).contains("2026150101000042");
        assertThat(status(draft)).isEqualTo("DRAFT");
    }

    private static ContractRegistered registered(List<String> achievements) {
        var seller = new ContractRegistered.Party("imut", "内蒙古工业大学", "12150000460030036T", "150100", true);
        var buyer = new ContractRegistered.Party(null, "赤峰市草原牧歌饲料有限公司", "91150400MA0N2K7X37", "150400", false);
        return new ContractRegistered("ctr-" + UUID.randomUUID().toString().substring(0, 12), "2026150101000042",
                "LICENCE", "EXCLUSIVE", "玉米皮菌体蛋白生物发酵饲料生产技术独占许可合同", seller, buyer, List.of(),
                new BigDecimal("1500000.00"), new BigDecimal("1262400.50"), achievements, LocalDate.of(2026, 5, 12),
                Instant.parse("2026-05-26T03:15:00Z"), "hhht-tcr");
    }

    private String draft() {
        var created = http.post("/api/v1/catalog/achievements", """
                {"title":"玉米皮菌体蛋白生物发酵饲料","industryChain":"MODERN_AGRICULTURE","maturity":"INDUSTRIALISED",
                 "transferModes":["LICENCE"],"askingPriceYuan":1500000}""", IdentityToken.HEADER,
                TestIdentities.partner("imut"), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json(created).path("id").asString();
    }

    private void step(String id, String action, String token) {
        var response = http.post(path(id) + "/steps", "{\"action\":\"" + action + "\"}", IdentityToken.HEADER, token);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private String status(String id) {
        return json(http.get(path(id), IdentityToken.HEADER, TestIdentities.operator())).path("status").asString();
    }

    private static String path(String id) {
        return "/api/v1/catalog/achievements/" + id;
    }
}
