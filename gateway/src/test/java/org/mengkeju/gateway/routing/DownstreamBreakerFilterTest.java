package org.mengkeju.gateway.routing;

import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import org.mengkeju.gateway.logging.LogThrottle;
import org.mengkeju.gateway.problem.RetryLaterProblem;
import org.mengkeju.gateway.routing.DownstreamBreakerFilter.Verdict;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquirePendingLimitException;
import reactor.netty.internal.shaded.reactor.pool.PoolAcquireTimeoutException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class DownstreamBreakerFilterTest {

    private final CircuitBreaker breaker = CircuitBreaker.of("catalog", CircuitBreakerConfig.custom()
            .slidingWindowSize(20)
            .minimumNumberOfCalls(10)
            .failureRateThreshold(50)
            .waitDurationInOpenState(Duration.ofSeconds(15))
            .build());
    private final DownstreamBreakerFilter filter = new DownstreamBreakerFilter(Downstream.CATALOG, breaker,
            Duration.ofSeconds(15), new LogThrottle(Duration.ofSeconds(10)));

    @Test
    void judgesConnectErrorsAndTimeoutsAsTheServicesFailures() {
        assertThat(DownstreamBreakerFilter.judge(new ConnectException("Connection refused")))
                .isEqualTo(Verdict.UNREACHABLE);
        assertThat(DownstreamBreakerFilter.judge(new ConnectTimeoutException("connect timed out")))
                .isEqualTo(Verdict.UNREACHABLE);
        assertThat(DownstreamBreakerFilter.judge(new IllegalStateException(new ConnectException("wrapped"))))
                .isEqualTo(Verdict.UNREACHABLE);
        assertThat(DownstreamBreakerFilter.judge(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT,
                "Response took longer than timeout", new TimeoutException()))).isEqualTo(Verdict.TOO_SLOW);
    }

    @Test
    void judgesAFullConnectionPoolAsTheGatewaysLoadNotTheServices() {
        assertThat(DownstreamBreakerFilter.judge(new PoolAcquirePendingLimitException(400)))
                .isEqualTo(Verdict.GATEWAY_BUSY);
        // A TimeoutException by type, but the wait was for the gateway's own pool.
        assertThat(DownstreamBreakerFilter.judge(new PoolAcquireTimeoutException(Duration.ofSeconds(5))))
                .isEqualTo(Verdict.GATEWAY_BUSY);
        // Also when a timeout further out wraps it.
        assertThat(DownstreamBreakerFilter.judge(new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "timeout",
                new PoolAcquireTimeoutException(Duration.ofSeconds(5))))).isEqualTo(Verdict.GATEWAY_BUSY);
    }

    @Test
    void judgesARefusedBodyAndGatewayBugsAsNotTheServices() {
        assertThat(DownstreamBreakerFilter.judge(new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                "Request body too large", "too large"))).isEqualTo(Verdict.NOT_THE_SERVICE);
        assertThat(DownstreamBreakerFilter.judge(new IllegalArgumentException("bug")))
                .isEqualTo(Verdict.NOT_THE_SERVICE);
    }

    @Test
    void neverOpensOnAThousandRequestsShedForWantOfAConnection() {
        for (int i = 0; i < 1000; i++) {
            Throwable answer = run(exchange -> Mono.error(new PoolAcquirePendingLimitException(400)));

            assertThat(answer).isInstanceOfSatisfying(RetryLaterProblem.class, problem -> {
                assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                assertThat(problem.toProblemDetail().getType().toString()).endsWith("/gateway-busy");
                assertThat(problem.retryAfterSeconds()).isEqualTo(1);
            });
        }

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void neverCountsACallTheCallerCancelled() {
        run(exchange -> Mono.never(), true);

        assertThat(breaker.getMetrics().getNumberOfBufferedCalls()).isZero();
    }

    @Test
    void countsTheServicesOwn5xxPassedOnAndOpensOnThem() {
        for (int i = 0; i < 10; i++) {
            Throwable answer = run(exchange -> {
                exchange.getResponse().setStatusCode(HttpStatus.INTERNAL_SERVER_ERROR);
                return Mono.empty();
            });
            // Passed on as the service answered it, not replaced.
            assertThat(answer).isNull();
        }

        assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
        Throwable refused = run(exchange -> Mono.error(new AssertionError("no call while open")));
        assertThat(refused).isInstanceOfSatisfying(RetryLaterProblem.class, problem -> {
            assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(problem.getMessage()).contains("catalog-service").contains("circuit breaker");
            assertThat(problem.retryAfterSeconds()).isEqualTo(15);
        });
    }

    @Test
    void answersAnUnreachableServiceWithA503ProblemAndCountsIt() {
        Throwable answer = run(exchange -> Mono.error(PrematureCloseException.TEST_EXCEPTION));

        assertThat(answer).isInstanceOfSatisfying(RetryLaterProblem.class, problem ->
                assertThat(problem.getMessage()).isEqualTo("catalog-service cannot be reached; try again shortly"));
        assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
    }

    @Test
    void countsA2xxOr4xxAsSuccess() {
        run(exchange -> {
            exchange.getResponse().setStatusCode(HttpStatus.NOT_FOUND);
            return Mono.empty();
        });
        run(exchange -> {
            exchange.getResponse().setStatusCode(HttpStatus.OK);
            return Mono.empty();
        });

        assertThat(breaker.getMetrics().getNumberOfSuccessfulCalls()).isEqualTo(2);
    }

    private Throwable run(Function<ServerWebExchange, Mono<Void>> downstream) {
        return run(downstream, false);
    }

    private Throwable run(Function<ServerWebExchange, Mono<Void>> downstream, boolean cancel) {
        MockServerWebExchange exchange = MockServerWebExchange.from(
                MockServerHttpRequest.get("/api/v1/catalog/achievements/a1"));
        GatewayFilterChain chain = downstream::apply;
        if (cancel) {
            filter.filter(exchange, chain).subscribe().dispose();
            return null;
        }
        return catchThrowable(() -> filter.filter(exchange, chain).block(Duration.ofSeconds(5)));
    }
}
