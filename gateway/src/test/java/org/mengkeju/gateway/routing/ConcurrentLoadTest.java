package org.mengkeju.gateway.routing;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.mengkeju.gateway.GatewayIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many concurrent reads with one key against a healthy service: all are answered by the service and the breaker
 * stays closed. With the bulkhead Spring Cloud CircuitBreaker adds by default, a few dozen concurrent calls were
 * rejected, the rejections opened the breaker, and every caller got 503s for 15 s.
 */
class ConcurrentLoadTest extends GatewayIntegrationTest {

    private static final int CONCURRENT = 256;

    @Autowired
    private CircuitBreakerRegistry breakers;

    @Test
    void answersEveryOneOfManyConcurrentReadsWithoutOpeningTheBreaker() {
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build()) {
            for (int i = 0; i < CONCURRENT; i++) {
                responses.add(client.sendAsync(HttpRequest.newBuilder(gateway("/api/v1/catalog/achievements/load-" + i))
                                .header("X-Api-Key", PARTNER_KEY).timeout(Duration.ofSeconds(60)).GET().build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            List<Integer> statuses = responses.stream().map(CompletableFuture::join).map(HttpResponse::statusCode)
                    .toList();

            assertThat(statuses).hasSize(CONCURRENT).containsOnly(200);
        }
        CircuitBreaker catalog = breakers.circuitBreaker("catalog");
        assertThat(catalog.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(catalog.getMetrics().getNumberOfFailedCalls()).isZero();
    }
}
