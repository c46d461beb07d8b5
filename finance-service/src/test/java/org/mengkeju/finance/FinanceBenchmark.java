package org.mengkeju.finance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.finance.FinanceFixtures.AREA;
import static org.mengkeju.finance.FinanceFixtures.bank;
import static org.mengkeju.platform.test.TestHttp.json;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.TestPropertySource;

/**
 * Re-qualification and the lead feed at the platform's scale: 50 institutions with 4 products each (200), and
 * 100,000 consenting enterprise profiles. Measures the time from one product's rule change until every profile was
 * qualified against the new rules (the leads it opens written), and the lead-feed pull rate of that product's bank
 * over HTTP. Not a test (the test phase runs {@code *Test} only): run it with {@code bin/bench-finance}; see
 * benchmarks/README.md. Writes {@code benchmarks/results/finance.md} and {@code finance.json}.
 */
@ServiceIntegrationTest
// The relay polls as the service runs it; the sweep stays out of the way of the measured run.
@TestPropertySource(properties = {"mengkeju.outbox.poll-interval=1s", "mengkeju.finance.requalification-sweep=1h"})
class FinanceBenchmark {

    static final int INSTITUTIONS = Integer.getInteger("benchmark.institutions", 50);
    static final int PRODUCTS_EACH = Integer.getInteger("benchmark.products-each", 4);
    static final int PROFILES = Integer.getInteger("benchmark.profiles", 100_000);
    static final int PULLS = Integer.getInteger("benchmark.pulls", 3);
    static final Path RESULTS = Path.of(System.getProperty("benchmark.results", "../benchmarks/results"));
    static final String[] REGIONS = {"150100", "150200", "150300", "150400", "150500", "150600", "150700",
            "150800", "150900", "152200", "152500", "152900"};

    @Autowired
    MongoTemplate mongo;
    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;

    @Test
    void measure() throws Exception {
        FinanceFixtures finance = new FinanceFixtures(port, kafka);
        long fillStarted = System.nanoTime();
        List<String> products = new ArrayList<>();
        for (int i = 0; i < INSTITUTIONS; i++) {
            for (int p = 0; p < PRODUCTS_EACH; p++) {
                // Rules nobody meets yet: the fill opens no leads, so the measured change opens all of its own.
                String body = FinanceFixtures.product("科创易贷-" + i + "-" + p, """
                        [{"anyOf":[{"field":"REGISTERED_CONTRACTS_12M","atLeast":%d}]},
                         {"anyOf":[{"field":"REGION","in":["%s"]}]}]""".formatted(50 + p, REGIONS[i % REGIONS.length]));
                var response = finance.publishProduct(institution(i), body);
                assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
                products.add(json(response).path("productId").asString());
            }
        }
        insertProfiles();
        double fillSeconds = (System.nanoTime() - fillStarted) / 1e9;

        // One bank widens one product's rules: profiles with 4 or more contracts in 12 months (a fifth of them).
        String measured = products.getFirst();
        double loadBefore = loadAverage();
        long started = System.nanoTime();
        var revised = finance.http().put(AREA + "/products/" + measured, FinanceFixtures.product("科创易贷（2027版）", """
                [{"anyOf":[{"field":"REGISTERED_CONTRACTS_12M","atLeast":4},
                           {"field":"TECHNOLOGY_TRANSACTION_AMOUNT_12M","atLeast":50000000}]}]""")
                .replace("\"type\":\"IP_PLEDGE_LOAN\",", ""), IdentityToken.HEADER, bank(institution(0)));
        assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
        awaitRequalified(measured, 2);
        double requalifySeconds = (System.nanoTime() - started) / 1e9;
        double loadAfter = loadAverage();
        long leads = mongo.getCollection("leads").countDocuments(new Document("productId", measured));
        assertThat(leads).isEqualTo(PROFILES / 5);

        // The same rules again (version 3): every candidate already has its lead, so the run opens nothing.
        long againStarted = System.nanoTime();
        var again = finance.http().put(AREA + "/products/" + measured, FinanceFixtures.product("科创易贷（2027版）", """
                [{"anyOf":[{"field":"REGISTERED_CONTRACTS_12M","atLeast":4},
                           {"field":"TECHNOLOGY_TRANSACTION_AMOUNT_12M","atLeast":50000000}]}]""")
                .replace("\"type\":\"IP_PLEDGE_LOAN\",", ""), IdentityToken.HEADER, bank(institution(0)));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        awaitRequalified(measured, 3);
        double againSeconds = (System.nanoTime() - againStarted) / 1e9;
        assertThat(mongo.getCollection("leads").countDocuments(new Document("productId", measured)))
                .as("a re-qualification with nothing new opens nothing").isEqualTo(leads);

        // The feed is measured on a settled service, as the re-qualification is on a quiet one: first the relay
        // publishes the run's 20,000 lead events (the outbox marks a lead with events to publish).
        await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200)).until(() -> mongo
                .getCollection("leads").countDocuments(new Document("outboxPendingSince", new Document("$exists", true)))
                == 0);

        // The bank pulls its whole feed, pages of 1,000, as a partner system would; the median of a few pulls.
        double[] rates = new double[PULLS];
        for (int round = 0; round < PULLS; round++) {
            long pullStarted = System.nanoTime();
            int pulled = finance.feed(institution(0)).size();
            rates[round] = pulled / ((System.nanoTime() - pullStarted) / 1e9);
            assertThat(pulled).isEqualTo((int) leads);
        }
        Arrays.sort(rates);
        double feedRate = rates[PULLS / 2];
        write(fillSeconds, requalifySeconds, againSeconds, leads, feedRate, loadBefore, loadAfter);
    }

    private static String institution(int i) {
        return String.format(Locale.ROOT, "bank-%02d", i);
    }

    /**
     * The profiles as the events would have built them, written straight into the store (the fill, not what is
     * measured): 0 to 4 registered contracts within the last 12 months, one achievement, some points (the facts
     * recorded beside the profile, one document each), a league-city, consent, and the summary the profile's updates
     * keep of the facts.
     */
    private void insertProfiles() {
        Random random = new Random(20261130);
        Instant now = Instant.now();
        Map<String, List<Document>> batch = new java.util.LinkedHashMap<>();
        for (String collection : List.of("profiles", "profile_achievements", "profile_contracts", "profile_points")) {
            batch.put(collection, new ArrayList<>(1_000));
        }
        for (int i = 0; i < PROFILES; i++) {
            String id = String.format(Locale.ROOT, "ent-%06d", i);
            long points = random.nextInt(500);
            for (int c = 0; c < i % 5; c++) {
                String contractId = id + "-c" + c;
                batch.get("profile_contracts").add(new Document("_id", id + "/" + contractId)
                        .append("enterpriseId", id).append("contractId", contractId)
                        .append("registrationNumber", String.format(Locale.ROOT, "20261501%08d", i * 5 + c))
                        .append("side", "BUYER")
                        .append("contractAmountYuan", new Decimal128(new java.math.BigDecimal("1200000.00")))
                        .append("technologyTransactionAmountYuan",
                                new Decimal128(new java.math.BigDecimal("1000000.00")))
                        .append("registeredAt", Date.from(now.minus(Duration.ofDays(1 + random.nextInt(300)))))
                        .append("cancelled", false));
            }
            batch.get("profiles").add(new Document("_id", id).append("name", "内蒙古科技企业" + i).append("creditCode",
                    "91150100MA0N7YQ37X").append("regionCode", REGIONS[i % REGIONS.length])
                    .append("institutionType", "ENTERPRISE").append("hasContracts", i % 5 > 0)
                    .append("hasAchievements", true).append("hasPoints", true)
                    .append("summarised", true)
                    .append("summary", new Document("contracts", (long) (i % 5))
                            .append("technologyAmountBound", 1_000_000L * (i % 5)).append("points", points))
                    .append("consent", new Document("granted", true).append("changedAt", Date.from(now))
                            .append("changedBy", "bench").append("settled", true))
                    .append("updatedAt", Date.from(now)));
            batch.get("profile_achievements").add(new Document("_id", id + "/ach-" + i).append("enterpriseId", id)
                    .append("achievementId", "ach-" + i).append("status", "PUBLISHED").append("version", 3L)
                    .append("grantedPatents", List.of()));
            batch.get("profile_points").add(new Document("_id", id + "/t-" + i).append("enterpriseId", id)
                    .append("transferId", "t-" + i).append("points", points));
            if (batch.get("profiles").size() == 1_000 || i == PROFILES - 1) {
                batch.forEach((collection, documents) -> {
                    if (!documents.isEmpty()) {
                        mongo.getCollection(collection).insertMany(documents);
                        documents.clear();
                    }
                });
            }
        }
    }

    /** Watched in the store, not over HTTP: a request every few milliseconds would take CPU from the run itself. */
    private void awaitRequalified(String productId, int version) {
        await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20)).until(() -> {
            Document product = mongo.getCollection("products").find(new Document("_id", productId))
                    .projection(new Document("requalifiedVersion", 1)).first();
            return product != null && ((Number) product.get("requalifiedVersion")).intValue() >= version;
        });
    }

    /** The machine's 1-minute load average: it is shared, and the numbers move with it. */
    private static double loadAverage() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private void write(double fillSeconds, double requalifySeconds, double againSeconds, long leads, double feedRate,
            double loadBefore, double loadAfter) throws Exception {
        String measuredAt = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString();
        Files.createDirectories(RESULTS);
        int products = INSTITUTIONS * PRODUCTS_EACH;
        Files.writeString(RESULTS.resolve("finance.json"), String.format(Locale.ROOT, """
                {
                  "institutions": %d,
                  "products": %d,
                  "profiles": %d,
                  "leads_opened_by_the_change": %d,
                  "requalify_seconds": %.2f,
                  "requalify_again_seconds": %.2f,
                  "lead_feed_leads_per_second": %.0f,
                  "fill_seconds": %.1f,
                  "cores": %d,
                  "load_average_before": %.2f,
                  "load_average_after": %.2f,
                  "measured_at": "%s"
                }
                """, INSTITUTIONS, products, PROFILES, leads, requalifySeconds, againSeconds, feedRate, fillSeconds,
                Runtime.getRuntime().availableProcessors(), loadBefore, loadAfter, measuredAt));
        Files.writeString(RESULTS.resolve("finance.md"), String.format(Locale.ROOT, """
                # finance-service: re-qualification and the lead feed

                %d institutions with %d products, %d consenting enterprise profiles in the MongoDB-wire store, the
                service, the store and the Kafka broker in one JVM on %d cores (`bin/bench-finance`).

                | what | result | target |
                |---|---|---|
                | re-qualify every profile after one product's rules change (%d leads opened) | %.2f s | under 10 s |
                | the same rules saved again: every candidate has its lead, nothing opened | %.2f s | |
                | lead-feed pull, one institution, pages of 1,000 over HTTP (median of %d pulls) | %.0f leads/s | over 5,000 |

                The feed is pulled once the relay has published the re-qualification's lead events. The fill (the products through the API, the profiles written straight into the store) took %.1f s
                and is not measured. Measured %s; the machine's 1-minute load average was %.2f before the rule
                change and %.2f after the re-qualification.
                """, INSTITUTIONS, products, PROFILES, Runtime.getRuntime().availableProcessors(), leads,
                requalifySeconds, againSeconds, PULLS, feedRate, fillSeconds, measuredAt, loadBefore, loadAfter));
    }
}
