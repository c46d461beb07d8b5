package org.mengkeju.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mengkeju.launcher.LocalPlatform;
import org.mengkeju.launcher.demo.DemoLoader;

/**
 * {@code bin/run --demo}: the demo scenario loads into the whole platform through the gateway, and loading it a second
 * time changes nothing, neither what the clients see nor any version or balance. It counts everything on the
 * platform, as a newcomer's {@code bin/run --demo} starts empty, so it is the first class on the shared platform.
 */
@Order(1)
@ExtendWith(SharedPlatform.class)
class DemoScenarioSystemTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<String> HOLDERS = List.of("imut", "imu", "imau", "cas-baotou-rare-earth", "imust",
            "ordos-institute-of-technology", "chifeng-caoyuan-feed", "mengyao-pharma");

    static LocalPlatform platform;

    @BeforeAll
    static void theWholeSystem(LocalPlatform shared) {
        platform = shared;
    }

    @Test
    void theDemoLoadsThroughTheGatewayAndLoadingItAgainChangesNothing() throws Exception {
        List<String> progress = new ArrayList<>();
        DemoLoader.Summary first = new DemoLoader(platform.gatewayUrl(), platform::apiKey, progress::add).load();
        assertThat(first.writes()).as(progress.toString()).isGreaterThan(first.achievements() + first.demands());
        Map<String, Object> loaded = settledSnapshot();

        @SuppressWarnings("unchecked")
        var achievements = (Map<String, String>) loaded.get("achievements");
        assertThat(achievements).hasSize(first.achievements() + first.subCenterListings());
        assertThat(achievements.values().stream().filter(s -> s.startsWith("TRANSACTED"))).hasSize(2);
        assertThat(achievements.values().stream().filter(s -> s.startsWith("SUBMITTED"))).isNotEmpty();
        @SuppressWarnings("unchecked")
        var contracts = (Map<String, String>) loaded.get("contracts");
        assertThat(contracts.values()).filteredOn(s -> s.startsWith("REGISTERED")).hasSize(2);
        assertThat(contracts.values()).filteredOn(s -> s.startsWith("UNDER_REVIEW")).hasSize(1);
        @SuppressWarnings("unchecked")
        var proposals = (Map<String, String>) loaded.get("proposals");
        assertThat(proposals.values()).filteredOn(s -> s.startsWith("CLOSED_WON")).hasSize(1);
        assertThat(proposals).hasSizeGreaterThanOrEqualTo(first.proposals());
        assertThat(loaded.get("demands").toString()).contains("MATCHED");
        @SuppressWarnings("unchecked")
        var balances = (Map<String, Long>) loaded.get("balances");
        // imut: 58 listings published (50 each), the feed contract as seller, the match closed won, 500 redeemed
        assertThat(balances.get("imut")).isGreaterThan(2_000L);
        assertThat(balances.get("chifeng-caoyuan-feed")).isPositive();
        assertThat(loaded.get("ledgerHolds")).isEqualTo(true);
        // the bank disbursed 3,000,000 yuan on the feed company's lead; the insurer's lead is contacted
        assertThat(loaded.get("financing").toString()).endsWith(", 3000000 yuan");
        assertThat((Map<?, ?>) loaded.get("bankProducts")).hasSize(1);

        List<String> again = new ArrayList<>();
        DemoLoader.Summary second = new DemoLoader(platform.gatewayUrl(), platform::apiKey, again::add).load();
        assertThat(second.writes()).as(again.toString()).isZero();
        assertThat(settledSnapshot()).isEqualTo(loaded);
        java.nio.file.Files.writeString(Path.of("target", "demo-load.txt"), "first load: " + first
                + System.lineSeparator() + "second load: " + second + System.lineSeparator());
    }

    /** What the clients can see, taken again until two readings a few seconds apart agree. */
    private static Map<String, Object> settledSnapshot() {
        AtomicReference<Map<String, Object>> last = new AtomicReference<>();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(3)).until(() -> {
            Map<String, Object> now = snapshot();
            return now.equals(last.getAndSet(now));
        });
        return last.get();
    }

    private static Map<String, Object> snapshot() throws Exception {
        String operator = platform.apiKey("dev-operator");
        Map<String, Object> snapshot = new TreeMap<>();
        snapshot.put("institutions", pages("/api/v1/catalog/institutions?limit=200", operator, "id", "name"));
        snapshot.put("achievements", pages("/api/v1/catalog/achievements?limit=200", operator, "id", "status",
                "version"));
        Map<String, String> demands = pages("/api/v1/matching/demands?limit=200", operator, "id", "status", "version");
        snapshot.put("demands", demands);
        Map<String, String> proposals = new TreeMap<>();
        for (String demand : demands.keySet()) {
            proposals.putAll(pages("/api/v1/matching/demands/" + demand + "/proposals?limit=200", operator,
                    "proposalId", "status", "version"));
        }
        snapshot.put("proposals", proposals);
        snapshot.put("contracts", pages("/api/v1/contract/contracts?limit=200",
                platform.apiKey("dev-registration-desk"), "id", "status", "version"));
        Map<String, Long> balances = new TreeMap<>();
        for (String holder : HOLDERS) {
            balances.put(holder, read("/api/v1/points/accounts/" + holder, operator).path("balance").asLong());
        }
        snapshot.put("balances", balances);
        JsonNode check = read("/api/v1/points/ledger/check", operator);
        snapshot.put("ledgerHolds", check.path("holds").asBoolean());
        snapshot.put("transfers", check.path("transfers").asLong());
        snapshot.put("syncStates", read("/api/v1/catalog/sync/states", operator).toString());
        JsonNode financing = read("/api/v1/finance/statistics", operator);
        snapshot.put("financing", financing.path("leads").asLong() + " leads, "
                + financing.path("totalFinancingYuan").decimalValue().stripTrailingZeros().toPlainString() + " yuan");
        snapshot.put("bankProducts", pages("/api/v1/finance/products?limit=200", platform.apiKey("dev-bank"),
                "productId", "name", "version"));
        return snapshot;
    }

    /** Every item of a paged list, by its id: the other fields joined. */
    private static Map<String, String> pages(String path, String apiKey, String idField, String... fields)
            throws Exception {
        Map<String, String> items = new TreeMap<>();
        String after = null;
        do {
            JsonNode page = read(path + (after == null ? "" : "&after=" + after), apiKey);
            for (JsonNode item : page.path("items")) {
                List<String> values = new ArrayList<>();
                for (String field : fields) {
                    values.add(item.path(field).asText());
                }
                items.put(item.path(idField).asText(), String.join(" ", values));
            }
            after = page.path("next").isTextual() ? page.path("next").asText() : null;
        } while (after != null);
        return items;
    }

    private static JsonNode read(String path, String apiKey) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path))
                .header("X-Api-Key", apiKey).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
