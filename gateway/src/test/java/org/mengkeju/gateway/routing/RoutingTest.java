package org.mengkeju.gateway.routing;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mengkeju.gateway.FakeService;
import org.mengkeju.gateway.GatewayIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class RoutingTest extends GatewayIntegrationTest {

    /** Its own client, so that the streams never share a connection with the other tests' requests. */
    private static final HttpClient STREAMS = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Autowired
    CircuitBreakerRegistry breakers;

    @AfterAll
    static void releaseHangingRequests() {
        services.releaseHanging();
    }

    @ParameterizedTest
    @ValueSource(strings = {"catalog", "matching", "contract", "points"})
    void forwardsEachServicesPathsUnchanged(String service) {
        String path = "/api/v1/" + service + "/items/" + UUID.randomUUID();

        var response = get(path + "?region=150600&cursor=abc", "X-Api-Key", PARTNER_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(body(response).path("served").asString()).isEqualTo(path);
        var received = services.receivedOn(path);
        assertThat(received).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.query()).isEqualTo("region=150600&cursor=abc");
        });
    }

    @Test
    void forwardsAPostWithItsBody() {
        String path = "/api/v1/matching/demands/" + UUID.randomUUID();
        String demand = "{\"title\":\"稀土永磁电机控制技术\",\"regionCode\":\"150200\"}";

        var response = post(path, demand, "X-Api-Key", PARTNER_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(services.receivedOn(path)).singleElement().satisfies(request -> {
            assertThat(request.method()).isEqualTo("POST");
            assertThat(request.body()).isEqualTo(demand);
        });
    }

    @Test
    void answersA503ProblemNamingAServiceThatIsDown() {
        String path = "/api/v1/finance/products/" + UUID.randomUUID();

        var response = get(path, "X-Api-Key", PARTNER_KEY);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(contentType(response)).startsWith("application/problem+json");
        var problem = body(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://mengkeju.org/problems/service-unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asString()).contains("finance-service").contains("cannot be reached");
        // Tells a partner system when to try again rather than leaving it to retry in a loop.
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(problem.path("instance").asString()).isEqualTo(path);
        assertThat(problem.path("requestId").asString()).isNotBlank();
    }

    @Test
    void answersA503ProblemToAPostForAServiceThatIsDown() {
        var response = post("/api/v1/finance/applications", "{}", "X-Api-Key", PARTNER_KEY);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(body(response).path("detail").asString()).contains("finance-service");
    }

    @Test
    void retriesAFailingReadButNeverAPost() {
        String read = FakeService.FAILING_PREFIX + UUID.randomUUID();
        String write = FakeService.FAILING_PREFIX + UUID.randomUUID();

        var readResponse = get(read, "X-Api-Key", PARTNER_KEY);
        var writeResponse = post(write, "{\"points\":100}", "X-Api-Key", PARTNER_KEY);

        // The service's own answer comes back once the attempts are spent.
        assertThat(readResponse.statusCode()).isEqualTo(503);
        assertThat(writeResponse.statusCode()).isEqualTo(503);
        assertThat(services.receivedOn(read)).hasSize(3);
        assertThat(services.receivedOn(write)).hasSize(1);
    }

    @Test
    void answersA503ProblemWhenAServiceDoesNotAnswerInTime() {
        String path = FakeService.HANGING_PREFIX + UUID.randomUUID();

        var response = get(path, "X-Api-Key", PARTNER_KEY);

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(body(response).path("detail").asString()).contains("points-service").contains("in time");
    }

    @Test
    void answersA404ProblemForAnApiNoServiceServes() {
        var response = get("/api/v1/nope", "X-Api-Key", PARTNER_KEY);

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(contentType(response)).startsWith("application/problem+json");
        var problem = body(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://mengkeju.org/problems/not-found");
        assertThat(problem.path("detail").asString()).isEqualTo("no API at GET /api/v1/nope");
        assertThat(problem.path("instance").asString()).isEqualTo("/api/v1/nope");
        assertThat(services.receivedOn("/api/v1/nope")).isEmpty();
    }

    @Test
    void answersA404ProblemForAnyOtherUnknownPath() {
        var response = get("/grafana");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(contentType(response)).startsWith("application/problem+json");
    }

    @Test
    void hidesTheFallbackFromDirectCalls() {
        var response = get("/fallback/catalog");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(contentType(response)).startsWith("application/problem+json");
    }

    @Test
    void streamsServerSentEventsPastTheResponseTimeoutWithoutCountingTheirLengthAgainstTheService() {
        // Each stream lasts 2.5 s, longer than the test's response timeout (1 s, a limit on the silence between two
        // reads, not on the whole answer) and the breaker's slow-call threshold (2 s); the service's keep-alive
        // comments keep it open. An auction closing with many watchers must not look like a slow service.
        CircuitBreaker matching = breakers.circuitBreaker("matching");
        int recordedBefore = matching.getMetrics().getNumberOfBufferedCalls();
        long slowBefore = matching.getMetrics().getNumberOfSlowCalls();
        long failedBefore = matching.getMetrics().getNumberOfFailedCalls();
        List<CompletableFuture<HttpResponse<String>>> watchers = List.of(1, 2, 3).stream()
                .map(n -> watch("lot-" + n)).toList();

        for (var watcher : watchers) {
            HttpResponse<String> stream = watcher.join();
            assertThat(stream.statusCode()).isEqualTo(200);
            assertThat(stream.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));
            assertThat(stream.body()).contains("id: 1\nevent: bid").contains(":keep-alive")
                    .endsWith("id: closed\nevent: closed\ndata: {\"status\":\"SOLD\"}\n\n");
        }
        // The three calls are recorded (the window holds 20, and this class makes few calls to matching); how
        // they are recorded must not depend on when the test happens to look.
        await().atMost(Duration.ofSeconds(5))
                .until(() -> matching.getMetrics().getNumberOfBufferedCalls() == recordedBefore + 3);
        assertThat(matching.getMetrics().getNumberOfSlowCalls()).isEqualTo(slowBefore);
        assertThat(matching.getMetrics().getNumberOfFailedCalls()).isEqualTo(failedBefore);
        assertThat(matching.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void eventStreamsTravelOnConnectionsOfTheirOwnSoThatWatchersCannotTakeTheServicesSharedPool() {
        List<CompletableFuture<HttpResponse<String>>> watchers = List.of(1, 2).stream()
                .map(n -> watch("pool-" + n)).toList();

        // While both stream (2.5 s each), each holds a connection of the streams' pool.
        await().atMost(Duration.ofSeconds(2)).until(() -> streamConnections("active") == 2);
        // A plain read meanwhile goes on the shared pool.
        assertThat(get("/api/v1/matching/items/plain", "X-Api-Key", PARTNER_KEY).statusCode()).isEqualTo(200);
        assertThat(streamConnections("active")).isEqualTo(2);
        for (var watcher : watchers) {
            assertThat(watcher.join().body()).endsWith("data: {\"status\":\"SOLD\"}\n\n");
        }
        await().atMost(Duration.ofSeconds(2)).until(() -> streamConnections("active") == 0);
    }

    /** A watcher of the fake service's stream {@code name}, through the gateway, on a connection of its own. */
    private CompletableFuture<HttpResponse<String>> watch(String name) {
        return STREAMS.sendAsync(HttpRequest.newBuilder(gateway(FakeService.STREAM_PREFIX + name))
                .header("X-Api-Key", PARTNER_KEY).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A gauge of the event streams' connection pool, as Prometheus shows it (reactor_netty_connection_provider_*). */
    private static double streamConnections(String gauge) {
        return Metrics.globalRegistry.find("reactor.netty.connection.provider." + gauge + ".connections")
                .tag("name", EventStreamRouting.POOL_NAME).gauges().stream().mapToDouble(Gauge::value).sum();
    }
}
