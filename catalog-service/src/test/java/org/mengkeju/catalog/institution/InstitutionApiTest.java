package org.mengkeju.catalog.institution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.catalog.InstitutionRegistered;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Value;

@ServiceIntegrationTest
class InstitutionApiTest {

    static final String PATH = "/api/v1/catalog/institutions";

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    static String[] as(String token) {
        return new String[] {IdentityToken.HEADER, token};
    }

    static String operator() {
        return TestIdentities.operator();
    }

    static String ordosSubCenter() {
        return TestIdentities.token(new CallerIdentity("ordos-sub-center", Role.SUB_CENTER, "ordos-sub-center",
                "150600"));
    }

    /** A valid credit code no other test uses: a random organisation code with its GB 32100 check character. */
    static String freshCreditCode() {
        String first17 = "121500" + "00" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    static String body(String id, String name, String creditCode, String type, String region) {
        return """
                {"id":"%s","name":"%s","creditCode":"%s","type":"%s","regionCode":"%s"}"""
                .formatted(id, name, creditCode, type, region);
    }

    static String freshId(String prefix) {
        return prefix + "-" + Long.toString(System.nanoTime(), 36);
    }

    static List<String> ids(java.net.http.HttpResponse<String> page) {
        List<String> ids = new java.util.ArrayList<>();
        json(page).path("items").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    @Test
    void anOperatorRegistersAnInstitutionOnceAndTheEventLeavesThroughTheOutbox() throws Exception {
        String id = freshId("imut");
        String code = freshCreditCode();
        var created = http.post(PATH, body(id, " 内蒙古工业大学 ", code, "PUBLIC_UNIVERSITY", "150100"), as(operator()));

        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(created.headers().firstValue("Location")).hasValue(PATH + "/" + id);
        assertThat(json(created).path("name").asString()).isEqualTo("内蒙古工业大学");
        assertThat(json(created).path("publicResearchBody").asBoolean()).isTrue();

        var again = http.post(PATH, body(id, "内蒙古工业大学", code, "PUBLIC_UNIVERSITY", "150100"), as(operator()));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(json(again).path("registeredAt").asString()).isEqualTo(json(created).path("registeredAt").asString());

        List<ConsumerRecord<String, String>> records = TopicReader.await(kafka, Topics.CATALOG_INSTITUTIONS,
                r -> id.equals(r.key()), Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        ConsumerRecord<String, String> record = records.getFirst();
        assertThat(TopicReader.header(record, CloudEventHeaders.TYPE)).isEqualTo(InstitutionRegistered.CONTRACT.type());
        assertThat(EventSchemas.violations(InstitutionRegistered.CONTRACT, record.value())).isEmpty();
        InstitutionRegistered event = EventJson.readChecked(InstitutionRegistered.CONTRACT, record.value());
        assertThat(event.creditCode()).isEqualTo(code);
        assertThat(event.type()).isEqualTo("PUBLIC_UNIVERSITY");
        assertThat(event.regionCode()).isEqualTo("150100");

        var read = http.get(PATH + "/" + id, as(TestIdentities.partner("imau")));
        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).path("creditCode").asString()).isEqualTo(code);
    }

    @Test
    void theSameIdWithOtherFactsOrAHeldCreditCodeIsAConflictNamingWhatClashes() {
        String id = freshId("imu");
        String code = freshCreditCode();
        assertThat(http.post(PATH, body(id, "内蒙古大学", code, "PUBLIC_UNIVERSITY", "150100"), as(operator()))
                .statusCode()).isEqualTo(201);

        var otherFacts = http.post(PATH, body(id, "内蒙古大学创业学院", code, "PUBLIC_UNIVERSITY", "150100"),
                as(operator()));
        assertThat(otherFacts.statusCode()).isEqualTo(409);
        assertThat(json(otherFacts).path("type").asString()).endsWith("/institution-exists");

        String other = freshId("copy");
        var sameCode = http.post(PATH, body(other, "某公司", code, "ENTERPRISE", "150100"), as(operator()));
        assertThat(sameCode.statusCode()).isEqualTo(409);
        assertThat(json(sameCode).path("type").asString()).endsWith("/credit-code-registered");
        assertThat(json(sameCode).path("detail").asString()).contains(id);
        assertThat(http.get(PATH + "/" + other, as(operator())).statusCode()).isEqualTo(404);
    }

    @Test
    void aWrongCheckCharacterOrRegionIsA400NamingTheRuleAndNothingIsWritten() {
        String id = freshId("bad");
        String code = freshCreditCode();
        char wrong = code.charAt(17) == '0' ? '1' : '0';
        var badCode = http.post(PATH, body(id, "包头稀土研究院", code.substring(0, 17) + wrong,
                "PUBLIC_RESEARCH_INSTITUTE", "150200"), as(operator()));
        assertThat(badCode.statusCode()).isEqualTo(400);
        assertThat(json(badCode).path("type").asString()).endsWith("/invalid-credit-code");
        assertThat(json(badCode).path("detail").asString()).contains("check character").contains("GB 32100");

        var badRegion = http.post(PATH, body(id, "包头稀土研究院", code, "PUBLIC_RESEARCH_INSTITUTE", "151000"),
                as(operator()));
        assertThat(badRegion.statusCode()).isEqualTo(400);
        assertThat(json(badRegion).path("detail").asString()).contains("151000").contains("league-cities");

        var badId = http.post(PATH, body("Not An Id", "包头稀土研究院", code, "PUBLIC_RESEARCH_INSTITUTE", "150200"),
                as(operator()));
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("id");

        var badType = http.post(PATH, body(id, "包头稀土研究院", code, "UNIVERSITY", "150200"), as(operator()));
        assertThat(badType.statusCode()).isEqualTo(400);
        assertThat(badType.body()).contains("type");

        assertThat(http.get(PATH + "/" + id, as(operator())).statusCode()).isEqualTo(404);
    }

    @Test
    void aSubCenterRegistersOnlyInItsOwnLeagueCityAndPartnersNotAtAll() {
        var own = http.post(PATH, body(freshId("ordos-coal"), "鄂尔多斯煤化工研究院", freshCreditCode(),
                "PRIVATE_RESEARCH_INSTITUTE", "150600"), as(ordosSubCenter()));
        assertThat(own.statusCode()).isEqualTo(201);

        String elsewhere = freshId("hohhot-dairy");
        var other = http.post(PATH, body(elsewhere, "呼和浩特乳业研究院", freshCreditCode(), "ENTERPRISE", "150100"),
                as(ordosSubCenter()));
        assertThat(other.statusCode()).isEqualTo(403);
        assertThat(json(other).path("detail").asString()).contains("150600");

        var partner = http.post(PATH, body(elsewhere, "呼和浩特乳业研究院", freshCreditCode(), "ENTERPRISE", "150100"),
                as(TestIdentities.partner("imut")));
        assertThat(partner.statusCode()).isEqualTo(403);
        assertThat(http.get(PATH + "/" + elsewhere, as(operator())).statusCode()).isEqualTo(404);
    }

    @Test
    void institutionsArePagedInIdOrderByRegionWithACursor() {
        String prefix = "pg" + Long.toString(System.nanoTime(), 36);
        for (int i = 0; i < 5; i++) {
            assertThat(http.post(PATH, body(prefix + "-" + i, "乌海企业 " + i, freshCreditCode(), "ENTERPRISE",
                    "150300"), as(operator())).statusCode()).isEqualTo(201);
        }

        var first = http.get(PATH + "?region=150300&limit=3", as(operator()));
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(ids(first))
                .containsExactly(prefix + "-0", prefix + "-1", prefix + "-2");
        String next = json(first).path("next").asString();
        assertThat(next).isEqualTo(prefix + "-2");

        var second = http.get(PATH + "?region=150300&limit=3&after=" + next, as(operator()));
        assertThat(ids(second))
                .containsExactly(prefix + "-3", prefix + "-4");
        assertThat(json(second).path("next").isMissingNode() || json(second).path("next").isNull()).isTrue();

        assertThat(http.get(PATH + "?region=150300&limit=0", as(operator())).statusCode()).isEqualTo(400);
        assertThat(http.get(PATH + "?region=151000", as(operator())).statusCode()).isEqualTo(400);
    }
}
