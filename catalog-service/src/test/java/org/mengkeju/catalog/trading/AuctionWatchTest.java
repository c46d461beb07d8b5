package org.mengkeju.catalog.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.mengkeju.catalog.inquiry.Listings;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Watching a lot's auction live (server-sent events) and resuming after a reconnect, on the real store. */
@ServiceIntegrationTest
class AuctionWatchTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Value("${local.server.port}")
    int port;
    @Autowired
    Lots lots;
    @Autowired
    MongoTemplate mongo;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** A watcher's connection: the events it received, as (id, event name, data). */
    record Received(String id, String name, JsonNode data) {
    }

    /** A live watcher, collecting what the stream sends until it ends or is cancelled. */
    final class Watcher implements AutoCloseable {
        final List<Received> received = Collections.synchronizedList(new ArrayList<>());
        final StringBuilder raw = new StringBuilder();
        final CompletableFuture<HttpResponse<Stream<String>>> response;
        volatile boolean ended;

        Watcher(String lotId, String token, String lastEventId) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/catalog/trading/lots/" + lotId + "/events"))
                    .header("Accept", "text/event-stream").header(IdentityToken.HEADER, token).GET();
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            response = client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
            response.thenAcceptAsync(r -> {
                String id = null;
                String name = null;
                try (Stream<String> lines = r.body()) {
                    for (String line : (Iterable<String>) lines::iterator) {
                        synchronized (raw) {
                            raw.append(line).append('\n');
                        }
                        if (line.startsWith("id:")) {
                            id = line.substring(3).strip();
                        } else if (line.startsWith("event:")) {
                            name = line.substring(6).strip();
                        } else if (line.startsWith("data:")) {
                            received.add(new Received(id, name, JSON.readTree(line.substring(5).strip())));
                        }
                    }
                } catch (RuntimeException cancelled) {
                    // The test closed the connection.
                }
                ended = true;
            });
        }

        List<String> ids() {
            synchronized (received) {
                return received.stream().map(Received::id).toList();
            }
        }

        String raw() {
            synchronized (raw) {
                return raw.toString();
            }
        }

        @Override
        public void close() {
            response.thenAccept(r -> r.body().close());
        }
    }

    HttpResponse<String> bid(String lotId, String buyer, String amount) {
        return TestHttp.localPort(port).post("/api/v1/catalog/trading/auctions/" + lotId + "/bids",
                "{\"amountYuan\":" + amount + "}", IdentityToken.HEADER, TestIdentities.partner(buyer),
                "Idempotency-Key", UUID.randomUUID().toString());
    }

    @Test
    void watchersSeeBidsByPseudonymTheExtensionAndTheCloseAndResumeAfterTheLastEventTheySaw() {
        String first = Listings.freshInstitution("baotou-steel");
        String second = Listings.freshInstitution("wuhai-energy");
        Instant now = Instant.now();
        String lotId = LotId.next(now).value();
        // Closes in 30 minutes with the longest window, an hour: every bid moves the close to its time plus the hour.
        lots.insert(TradingFixtures.atAuction(lotId, now, now.plus(Duration.ofMinutes(30)), Duration.ofHours(1),
                List.of(first, second)));
        String bank = TestIdentities.token(new CallerIdentity("boimc-leads", Role.FINANCE_INSTITUTION, "boimc",
                "150100"));

        try (Watcher watcher = new Watcher(lotId, bank, null)) {
            var one = bid(lotId, first, "895000.00");
            var two = bid(lotId, second, "945000.00");
            var three = bid(lotId, first, "1045000.00");
            assertThat(List.of(one, two, three)).allSatisfy(r -> assertThat(r.statusCode()).as(r.body())
                    .isEqualTo(201));

            await().atMost(Duration.ofSeconds(10)).until(() -> watcher.ids().size() >= 6);
            assertThat(watcher.ids()).containsExactly("1", "1-extended", "2", "2-extended", "3", "3-extended");
            assertThat(watcher.received).extracting(Received::name)
                    .containsExactly("bid", "extended", "bid", "extended", "bid", "extended");
            Received bid = watcher.received.get(2);
            assertThat(bid.data().path("bidder").asString()).isEqualTo("bidder-002");
            assertThat(bid.data().path("bidNumber").asInt()).isEqualTo(2);
            assertThat(bid.data().path("amountYuan").decimalValue()).isEqualByComparingTo("945000.00");
            assertThat(bid.data().path("closesAt").asString()).isEqualTo(json(two).path("closesAt").asString());
            assertThat(Instant.parse(watcher.received.get(5).data().path("closesAt").asString()))
                    .isEqualTo(Instant.parse(json(three).path("placedAt").asString()).plus(Duration.ofHours(1)));
            assertThat(watcher.raw()).as("bidders are pseudonyms to watchers").doesNotContain(first)
                    .doesNotContain(second);
        }

        // A watcher that lost its connection after bid 3 resumes with the extension, then gets the close.
        try (Watcher resumed = new Watcher(lotId, TestIdentities.partner(second), "3")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> resumed.ids().equals(List.of("3-extended")));
            TradingFixtures.dueNow(mongo, lotId);
            await().atMost(Duration.ofSeconds(20)).until(() -> resumed.ended);
            assertThat(resumed.ids()).containsExactly("3-extended", "closed");
            Received closed = resumed.received.get(1);
            assertThat(closed.name()).isEqualTo("closed");
            assertThat(closed.data().path("status").asString()).isEqualTo("PUBLICATION");
            assertThat(closed.data().path("saleMode").asString()).isEqualTo("AUCTION");
            assertThat(closed.data().path("bidder").asString()).as("the winner, by pseudonym").isEqualTo("bidder-001");
            assertThat(closed.data().path("amountYuan").decimalValue()).isEqualByComparingTo(new BigDecimal("1045000.00"));
        }

        // The same events as JSON, after any of them; the closed stream has nothing after its close.
        TestHttp http = TestHttp.localPort(port);
        var all = http.get("/api/v1/catalog/trading/lots/" + lotId + "/events", IdentityToken.HEADER, bank);
        assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
        assertThat(json(all).path("events").findValuesAsString("id"))
                .containsExactly("1", "1-extended", "2", "2-extended", "3", "3-extended", "closed");
        assertThat(json(all).path("lastEventId").asString()).isEqualTo("closed");
        var afterTwo = http.get("/api/v1/catalog/trading/lots/" + lotId + "/events", IdentityToken.HEADER, bank,
                "Last-Event-ID", "2");
        assertThat(json(afterTwo).path("events").findValuesAsString("id"))
                .containsExactly("2-extended", "3", "3-extended", "closed");
        var afterClose = http.get("/api/v1/catalog/trading/lots/" + lotId + "/events", IdentityToken.HEADER, bank,
                "Last-Event-ID", "closed");
        assertThat(json(afterClose).path("events")).isEmpty();
        try (Watcher late = new Watcher(lotId, bank, "closed")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> late.ended);
            assertThat(late.ids()).isEmpty();
        }
    }

    @Test
    void aQuietAuctionsStreamSaysItIsAliveSoThatProxiesKeepItOpen() {
        Instant now = Instant.now();
        String lotId = LotId.next(now).value();
        lots.insert(TradingFixtures.atAuction(lotId, now, now.plusSeconds(3600), Duration.ZERO,
                List.of("chifeng-muge-feed", "baotou-steel-union")));

        // The test configuration sends a keep-alive after 500 ms of silence (the service's default is 5 s).
        try (Watcher watcher = new Watcher(lotId, TestIdentities.operator(), null)) {
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> watcher.raw().lines().filter(line -> line.equals(":keep-alive")).count() >= 2);
            assertThat(watcher.ids()).isEmpty();
            assertThat(watcher.ended).isFalse();
        }
    }

    @Test
    void aBadLastEventIdIsA400NamingItAndAnUnknownLotA404() {
        TestHttp http = TestHttp.localPort(port);
        Instant now = Instant.now();
        String lotId = LotId.next(now).value();
        lots.insert(TradingFixtures.atAuction(lotId, now, now.plusSeconds(3600), Duration.ZERO,
                List.of("chifeng-muge-feed", "baotou-steel-union")));

        var bad = http.get("/api/v1/catalog/trading/lots/" + lotId + "/events", IdentityToken.HEADER,
                TestIdentities.operator(), "Last-Event-ID", "latest");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("Last-Event-ID");
        var badStream = http.get("/api/v1/catalog/trading/lots/" + lotId + "/events", IdentityToken.HEADER,
                TestIdentities.operator(), "Accept", "text/event-stream", "Last-Event-ID", "3-later");
        assertThat(badStream.statusCode()).isEqualTo(400);
        var unknown = http.get("/api/v1/catalog/trading/lots/lot-0000000000ff-00000000/events",
                IdentityToken.HEADER, TestIdentities.operator(), "Accept", "text/event-stream");
        assertThat(unknown.statusCode()).isEqualTo(404);
        var anonymous = http.get("/api/v1/catalog/trading/lots/" + lotId + "/events", "Accept", "text/event-stream");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

}
