package org.mengkeju.finance.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.finance.FinanceFixtures.AREA;
import static org.mengkeju.finance.FinanceFixtures.bank;
import static org.mengkeju.finance.FinanceFixtures.enterprise;
import static org.mengkeju.finance.FinanceFixtures.product;
import static org.mengkeju.finance.FinanceFixtures.unique;
import static org.mengkeju.platform.test.TestHttp.json;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.finance.FinanceFixtures;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.bson.Document;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A bank's webhook, against a real HTTP receiver in the test JVM: new leads are pushed signed, a receiver that fails
 * gets the same page again after a backoff, a removed webhook is pushed nothing more, an idle one costs no write,
 * and a slow receiver holds up nobody else.
 */
@ServiceIntegrationTest
class LeadWebhookTest {

    static final String RULES = """
            [{"anyOf":[{"field":"HIGH_TECH_ENTERPRISE","is":true}]}]""";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient CLIENT = HttpClient.newHttpClient();

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    MongoTemplate mongo;
    FinanceFixtures finance;
    Receiver receiver;

    /** A bank's endpoint: records each push and answers with the next status of its script (then 200). */
    static final class Receiver {
        record Push(String body, String signature, String delivery, Instant at) {
        }

        final HttpServer server;
        final List<Push> pushes = new CopyOnWriteArrayList<>();
        final AtomicInteger failuresLeft = new AtomicInteger();
        /** While set, each push is held this long before the answer: a slow bank. */
        volatile CountDownLatch hold;
        final List<Instant> answeredAt = new CopyOnWriteArrayList<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/hook", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                pushes.add(new Push(body, exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER),
                        exchange.getRequestHeaders().getFirst("X-Mengkeju-Delivery"), Instant.now()));
                int status = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? 503 : 200;
                CountDownLatch slow = hold;
                if (slow != null) {
                    try {
                        slow.await(4, TimeUnit.SECONDS); // under the platform's 5 s timeout
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                exchange.sendResponseHeaders(status, -1);
                answeredAt.add(Instant.now());
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
        }
    }

    @BeforeEach
    void setUp() throws IOException {
        finance = new FinanceFixtures(port, kafka);
        receiver = new Receiver();
    }

    @AfterEach
    void stopReceiver() {
        CountDownLatch slow = receiver.hold;
        if (slow != null) {
            slow.countDown();
        }
        receiver.server.stop(0);
    }

    /** The webhook document's write count, as the store has it: every claim and every save moves it. */
    private long writesOf(String bank) {
        Document stored = mongo.getCollection("lead_webhooks").find(new Document("_id", bank)).first();
        assertThat(stored).as("webhook of " + bank).isNotNull();
        return ((Number) stored.get("version")).longValue();
    }

    private String registered(String bank, String url) {
        var answer = finance.http().put(AREA + "/webhook", "{\"url\":\"" + url + "\"}", IdentityToken.HEADER,
                bank(bank));
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return json(answer).path("secret").asString();
    }

    private String applied(String productId) {
        var applied = finance.http().post(AREA + "/products/" + productId + "/applications",
                "{\"requestedAmountYuan\":2000000}", IdentityToken.HEADER, enterprise(unique("dairy")),
                "Idempotency-Key", unique("a"));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        return json(applied).path("leadId").asString();
    }

    private static List<String> leadIds(Receiver.Push push) {
        List<String> ids = new java.util.ArrayList<>();
        JSON.readTree(push.body()).path("items").forEach(item -> ids.add(item.path("leadId").asString()));
        return ids;
    }

    @Test
    void aNewLeadIsPushedSignedWithTheSecretShownOnce() {
        String bank = unique("boimc");
        String productId = finance.productQualified(bank, product("科创易贷", RULES));
        String secret = registered(bank, receiver.url());
        assertThat(secret).startsWith("whsec_");

        String leadId = applied(productId);

        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.pushes.stream()
                .anyMatch(push -> leadIds(push).contains(leadId)));
        Receiver.Push push = receiver.pushes.stream().filter(p -> leadIds(p).contains(leadId)).findFirst()
                .orElseThrow();
        assertThat(WebhookSignature.verify(secret, push.signature(), push.body(), Instant.now())).isTrue();
        assertThat(WebhookSignature.verify("whsec_another", push.signature(), push.body(), Instant.now()))
                .as("another secret").isFalse();
        assertThat(WebhookSignature.verify(secret, push.signature(), push.body().replace("2000000", "9000000"),
                Instant.now())).as("a changed body").isFalse();
        assertThat(WebhookSignature.verify(secret, push.signature(), push.body(), Instant.now().plusSeconds(600)))
                .as("replayed ten minutes later").isFalse();
        // the page is the feed's: the same lead, the same shape, a cursor to pull on from
        JsonNode page = JSON.readTree(push.body());
        assertThat(page.path("items").get(0).path("productId").asString()).isEqualTo(productId);
        assertThat(page.path("next").asString()).isNotBlank();

        JsonNode status = json(finance.http().get(AREA + "/webhook", IdentityToken.HEADER, bank(bank)));
        assertThat(status.path("secret").isNull()).as("the secret is shown once").isTrue();
        assertThat(status.path("deliveredBatches").asLong()).isGreaterThanOrEqualTo(1);
        // another bank's webhook is its own: none registered
        assertThat(finance.http().get(AREA + "/webhook", IdentityToken.HEADER, bank(unique("picc"))).statusCode())
                .isEqualTo(404);
    }

    @Test
    void aWithdrawalOfConsentIsPushedAsARemovedLeadThatNamesNoOneAndNothingTheBankReadsNamesTheEnterprise() {
        String bank = unique("boimc");
        String productId = finance.productQualified(bank, product("科创易贷", RULES));
        registered(bank, receiver.url());
        String dairy = unique("dairy");
        var applied = finance.http().post(AREA + "/products/" + productId + "/applications",
                "{\"requestedAmountYuan\":2000000}", IdentityToken.HEADER, enterprise(dairy),
                "Idempotency-Key", unique("a"));
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(201);
        String leadId = json(applied).path("leadId").asString();
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.pushes.stream()
                .anyMatch(push -> push.body().contains(dairy)));

        var withdrawn = finance.withdraw(dairy);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(20)).until(() -> removedPushes(leadId).findAny().isPresent());
        JsonNode removed = removedPushes(leadId).findFirst().orElseThrow();
        assertThat(removed.path("enterprise").isNull()).isTrue();
        assertThat(removed.path("reasons")).isEmpty();
        assertThat(removed.toString()).doesNotContain(dairy);
        // what the bank may still read: its feed from the start names the lead only as removed, the lead is gone,
        // its figures count it without naming anyone
        assertThat(finance.feed(bank)).filteredOn(item -> item.path("leadId").asString().equals(leadId))
                .singleElement().satisfies(item -> {
                    assertThat(item.path("removed").asBoolean()).isTrue();
                    assertThat(item.toString()).doesNotContain(dairy);
                });
        assertThat(finance.http().get(AREA + "/products/" + productId + "/leads/" + leadId, IdentityToken.HEADER,
                bank(bank)).statusCode()).isEqualTo(404);
        var figures = finance.http().get(AREA + "/statistics", IdentityToken.HEADER, bank(bank));
        assertThat(figures.statusCode()).isEqualTo(200);
        assertThat(figures.body()).doesNotContain(dairy);
    }

    /** The items of the pushes so far that remove this lead. */
    private java.util.stream.Stream<JsonNode> removedPushes(String leadId) {
        return receiver.pushes.stream().flatMap(push -> {
            List<JsonNode> items = new java.util.ArrayList<>();
            JSON.readTree(push.body()).path("items").forEach(items::add);
            return items.stream();
        }).filter(item -> item.path("leadId").asString().equals(leadId) && item.path("removed").asBoolean());
    }

    @Test
    void aFailingReceiverGetsTheSamePageAgainAfterABackoff() {
        String bank = unique("boimc");
        String productId = finance.productQualified(bank, product("知识产权质押贷", RULES));
        registered(bank, receiver.url());
        receiver.failuresLeft.set(2);

        String leadId = applied(productId);

        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.pushes.size() >= 3);
        List<Receiver.Push> firstThree = receiver.pushes.subList(0, 3);
        assertThat(firstThree).allSatisfy(push -> assertThat(leadIds(push)).contains(leadId));
        assertThat(firstThree).extracting(Receiver.Push::delivery).as("the same page each time").containsOnly(
                firstThree.getFirst().delivery());
        // 1 s, then 2 s between the attempts (less the sweep's granularity)
        assertThat(Duration.between(firstThree.get(0).at(), firstThree.get(2).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(2500));
        await().atMost(Duration.ofSeconds(10)).until(() -> json(finance.http().get(AREA + "/webhook",
                IdentityToken.HEADER, bank(bank))).path("failures").asInt() == 0);
        JsonNode status = json(finance.http().get(AREA + "/webhook", IdentityToken.HEADER, bank(bank)));
        assertThat(status.path("lastError").isNull()).isTrue();
        assertThat(status.path("lastFailureAt").isNull()).isFalse();
    }

    @Test
    void aRemovedWebhookIsPushedNothingMore() throws Exception {
        String bank = unique("boimc");
        String productId = finance.productQualified(bank, product("采购易贷", RULES));
        registered(bank, receiver.url());
        String first = applied(productId);
        await().atMost(Duration.ofSeconds(20)).until(() -> receiver.pushes.stream()
                .anyMatch(push -> leadIds(push).contains(first)));

        var removed = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + AREA + "/webhook"))
                .header(IdentityToken.HEADER, bank(bank)).DELETE().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(removed.statusCode()).isEqualTo(204);
        String second = applied(productId);

        // the feed has the second lead; the receiver never gets it
        await().atMost(Duration.ofSeconds(20)).until(() -> finance.feed(bank).stream()
                .anyMatch(lead -> lead.path("leadId").asString().equals(second)));
        int pushes = receiver.pushes.size();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> receiver.pushes.size()
                == pushes);
        assertThat(receiver.pushes).noneMatch(push -> leadIds(push).contains(second));
    }

    @Test
    void anIdleWebhookIsNotWrittenAndIdleOnesDoNotHideOneWithNews() throws IOException {
        // More idle webhooks than a sweep reads in one page (the tests' page is 2), all due before the busy one.
        List<Receiver> idleReceivers = new java.util.ArrayList<>();
        List<String> idleBanks = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                Receiver idle = new Receiver();
                idleReceivers.add(idle);
                String bank = unique("idle");
                finance.productQualified(bank, product("易贷通循环贷", RULES));
                registered(bank, idle.url());
                idleBanks.add(bank);
            }
            String bank = unique("boimc");
            String productId = finance.productQualified(bank, product("科创易贷", RULES));
            registered(bank, receiver.url());

            Map<String, Long> before = new java.util.HashMap<>();
            idleBanks.forEach(idle -> before.put(idle, writesOf(idle)));
            before.put(bank, writesOf(bank));
            // ten sweeps of the tests' 100 ms: an idle webhook is looked at, never claimed or saved
            await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> true);
            idleBanks.forEach(idle -> assertThat(writesOf(idle)).as("writes of idle " + idle)
                    .isEqualTo(before.get(idle)));
            assertThat(writesOf(bank)).isEqualTo(before.get(bank));

            String leadId = applied(productId);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.pushes.stream()
                    .anyMatch(push -> leadIds(push).contains(leadId)));
            assertThat(writesOf(bank)).as("claimed and saved once the feed moved").isGreaterThan(before.get(bank));
            idleBanks.forEach(idle -> assertThat(writesOf(idle)).as("writes of idle " + idle)
                    .isEqualTo(before.get(idle)));
            assertThat(idleReceivers).allSatisfy(idle -> assertThat(idle.pushes).isEmpty());
        } finally {
            idleReceivers.forEach(idle -> idle.server.stop(0));
        }
    }

    @Test
    void aSlowReceiverDoesNotHoldUpAnotherBanksPush() throws IOException {
        String slowBank = unique("slow");
        String slowProduct = finance.productQualified(slowBank, product("股权质押贷", RULES));
        registered(slowBank, receiver.url());
        CountDownLatch slow = new CountDownLatch(1);
        receiver.hold = slow;
        Receiver quick = new Receiver();
        try {
            String quickBank = unique("picc");
            String quickProduct = finance.productQualified(quickBank, product("中试综合保险", RULES));
            registered(quickBank, quick.url());

            String slowLead = applied(slowProduct);
            await().atMost(Duration.ofSeconds(10)).until(() -> receiver.pushes.stream()
                    .anyMatch(push -> leadIds(push).contains(slowLead)));
            // the slow bank's receiver now holds its push open; the other bank's lead still arrives meanwhile
            String quickLead = applied(quickProduct);
            await().atMost(Duration.ofSeconds(3)).until(() -> quick.pushes.stream()
                    .anyMatch(push -> leadIds(push).contains(quickLead)));
            assertThat(receiver.answeredAt).as("the slow receiver has not answered yet").isEmpty();
            assertThat(slow.getCount()).isEqualTo(1);
        } finally {
            slow.countDown();
            quick.server.stop(0);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> !receiver.answeredAt.isEmpty());
    }

    @Test
    void onlyAFinanceInstitutionRegistersAndOnlyAnHttpsAddress() {
        var partner = finance.http().put(AREA + "/webhook", "{\"url\":\"https://imut.example/hook\"}",
                IdentityToken.HEADER, enterprise("imut"));
        assertThat(partner.statusCode()).isEqualTo(403);

        for (String url : List.of("ftp://bank.example/hook", "https:///no-host", "https://user:pw@bank.example/h",
                "not a url", "https://bank.example/hook#part")) {
            var refused = finance.http().put(AREA + "/webhook", JSON.writeValueAsString(java.util.Map.of("url", url)),
                    IdentityToken.HEADER, bank(unique("boimc")));
            assertThat(refused.statusCode()).as(url + ": " + refused.body()).isEqualTo(400);
            assertThat(refused.body()).contains("url");
        }
        var badCursor = finance.http().put(AREA + "/webhook",
                "{\"url\":\"https://bank.example/hook\",\"after\":\"not-a-cursor\"}", IdentityToken.HEADER,
                bank(unique("boimc")));
        assertThat(badCursor.statusCode()).as(badCursor.body()).isEqualTo(400);
    }
}
