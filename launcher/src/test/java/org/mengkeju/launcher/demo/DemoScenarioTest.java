package org.mengkeju.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.mengkeju.launcher.DevCredentials;

class DemoScenarioTest {

    @Test
    void creditCodesCarryTheGb32100CheckCharacter() {
        // published codes: 内蒙古工业大学 and the contract example's buyer
        assertThat(CreditCodes.withCheckCharacter("12150000460030036")).isEqualTo("12150000460030036T");
        assertThat(CreditCodes.withCheckCharacter("91150400MA0N2K7X3")).isEqualTo("91150400MA0N2K7X37");
        assertThatThrownBy(() -> CreditCodes.withCheckCharacter("91150400MA0N2K7XO"))
                .hasMessageContaining("'O' is not allowed");
        assertThat(DemoScenario.INSTITUTIONS).extracting(DemoScenario.Institution::creditCode).doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).hasSize(18));
    }

    @Test
    void everyClientTheScenarioActsAsIsADevelopmentClientOfTheRightRole() {
        Map<String, String> roles = new java.util.HashMap<>();
        DevCredentials.DEFAULT_CLIENTS.forEach(c -> roles.put(c.clientId(), c.role()));
        for (DemoScenario.Institution institution : DemoScenario.INSTITUTIONS) {
            if (institution.client() != null) {
                assertThat(roles.get(institution.client())).as(institution.client()).isEqualTo("PARTNER");
                assertThat(DevCredentials.DEFAULT_CLIENTS).filteredOn(c -> c.clientId().equals(institution.client()))
                        .singleElement().satisfies(c -> assertThat(c.institutionId()).isEqualTo(institution.id()));
            }
        }
        assertThat(DemoScenario.SUB_CENTERS).allSatisfy(s -> assertThat(roles.get(s.client())).isEqualTo("SUB_CENTER"));
        assertThat(roles.get(DemoLoader.REGISTRATION_DESK)).isEqualTo("OPERATOR");
        assertThat(roles.get(DemoLoader.BROKER)).isEqualTo("BROKER");
        assertThat(DemoScenario.TOPICS).allSatisfy(t -> assertThat(t.owner().client()).isNotNull());
    }

    @Test
    void aFewHundredListingsWithDistinctTitlesKeysAndATrlTheirMaturityAdmits() {
        Set<String> titles = new HashSet<>();
        Set<String> keys = new HashSet<>();
        List<DemoScenario.Topic> topics = new ArrayList<>(DemoScenario.TOPICS);
        DemoScenario.SUB_CENTERS.forEach(s -> topics.addAll(s.topics()));
        for (DemoScenario.Topic topic : topics) {
            for (int n = 0; n < 6; n++) {
                Map<String, Object> listing = DemoScenario.listing(topic, n);
                assertThat(titles.add((String) listing.get("title"))).as(listing.get("title").toString()).isTrue();
                assertThat(keys.add(DemoScenario.achievementKey(topic, n))).isTrue();
                int trl = (Integer) listing.get("technologyReadinessLevel");
                int[] range = switch ((String) listing.get("maturity")) {
                    case "LAB" -> new int[] {1, 4};
                    case "PILOT" -> new int[] {4, 7};
                    case "SMALL_BATCH" -> new int[] {6, 8};
                    default -> new int[] {8, 9};
                };
                assertThat(trl).as(listing.toString()).isBetween(range[0], range[1]);
                assertThat(DemoScenario.listing(topic, n)).isEqualTo(listing); // the same body on every load
            }
        }
        assertThat(titles).hasSizeGreaterThanOrEqualTo(300);
    }

    @Test
    void jsonReadsWhatItWrites() {
        Map<String, Object> value = Map.of("title", "稀土\"抛光\"\n粉", "price", new BigDecimal("237599.50"),
                "modes", List.of("LICENCE", "ASSIGNMENT"), "open", true);
        assertThat(Json.parse(Json.write(value))).isEqualTo(value);
        assertThat(Json.object("{\"a\":[1,{\"b\":null}],\"c\":\"\\u7a00\"}"))
                .containsEntry("c", "稀").containsKey("a");
        assertThatThrownBy(() -> Json.parse("{\"a\":1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anUnexpectedAnswerStopsTheLoadWithTheProblemBody() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = """
                    {"type":"https://mengkeju.org/problems/invalid-credit-code","status":400,\
                    "detail":"creditCode: the check character is wrong"}""".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(400, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            DemoLoader loader = new DemoLoader("http://127.0.0.1:" + server.getAddress().getPort(), client -> "k",
                    line -> { });
            assertThatThrownBy(loader::load).isInstanceOf(DemoLoadException.class)
                    .hasMessageContaining("POST /api/v1/catalog/institutions as dev-operator answered 400")
                    .hasMessageContaining("creditCode: the check character is wrong");
        } finally {
            server.stop(0);
        }
    }
}
