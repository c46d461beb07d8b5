package org.mengkeju.gateway.routing;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import org.mengkeju.gateway.logging.LogThrottle;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.config.HttpClientCustomizer;
import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import reactor.netty.http.client.HttpClient;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;

/**
 * One route per service, all built the same way from {@link Downstream}: path forwarded unchanged, a timeout,
 * a circuit breaker named after the service that answers a 503 problem while open, and retries for reads only.
 * Built in code rather than YAML so that no route can be added without its breaker.
 *
 * <p>There is deliberately no bulkhead: a cap on concurrent calls per service turned ordinary load into
 * rejections, and the rejections into an open breaker. How many requests wait for a service is bounded by the
 * connection pool ({@code spring.cloud.gateway.server.webflux.httpclient.pool}), whose refusals are shed per
 * request and never count against the service.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    /** At most one line per service and kind of failure in this time, with a count of the ones held back. */
    private static final Duration FAILURE_LOG_INTERVAL = Duration.ofSeconds(10);

    @Bean
    CircuitBreakerRegistry circuitBreakers(RoutePolicy policy) {
        return CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(20)
                .minimumNumberOfCalls(10)
                .failureRateThreshold(50)
                // Above the response timeout: a service slower than that has already failed as too slow.
                .slowCallDurationThreshold(policy.responseTimeout().plusSeconds(1))
                .waitDurationInOpenState(policy.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(3)
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
    }

    /** Breaker states and calls in /actuator/prometheus, as resilience4j_circuitbreaker_*. */
    @Bean
    TaggedCircuitBreakerMetrics circuitBreakerMetrics(CircuitBreakerRegistry breakers) {
        return TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(breakers);
    }

    /**
     * The response timeout on the client, where its clock starts once the request is sent. The gateway's own
     * per-route timeout would also count the wait for a free connection, so a queue in the gateway would look
     * like a slow service to the breaker; that wait is bounded by the pool's acquire timeout instead.
     */
    @Bean
    HttpClientCustomizer responseTimeout(RoutePolicy policy, org.mengkeju.gateway.edge.BodyLimit limits) {
        // A bulk upload is answered once it is written: its request gets the longer timeout, set on the request itself.
        return client -> client.responseTimeout(policy.responseTimeout()).doOnRequest((request, connection) -> {
            if (limits.isBulk(request.path().startsWith("/") ? request.path() : "/" + request.path())) {
                request.responseTimeout(policy.bulkResponseTimeout());
            }
        });
    }

    /** Spring Cloud Gateway's routing filter, with event streams on connections of their own. */
    @Bean
    EventStreamRouting eventStreamRouting(HttpClient httpClient,
            ObjectProvider<List<HttpHeadersFilter>> headersFilters, HttpClientProperties properties,
            RoutePolicy policy) {
        return new EventStreamRouting(httpClient, headersFilters, properties, policy);
    }

    @Bean
    RouteLocator serviceRoutes(RouteLocatorBuilder builder, ServiceUrls urls, RoutePolicy policy,
            CircuitBreakerRegistry breakers) {
        LogThrottle failureLog = new LogThrottle(FAILURE_LOG_INTERVAL);
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (Downstream service : Downstream.values()) {
            var breaker = new DownstreamBreakerFilter(service, breakers.circuitBreaker(service.key()),
                    policy.breakerOpenFor(), failureLog);
            routes.route(service.key(), route -> route.path(service.pathPattern())
                    .filters(filters -> {
                        // The breaker wraps the retries, so one request counts once however often it was tried.
                        filters.filter(breaker);
                        if (policy.getRetries() > 0) {
                            filters.retry(retry -> readsOnly(retry, policy.getRetries()));
                        }
                        return filters;
                    })
                    .metadata(CONNECT_TIMEOUT_ATTR, Math.toIntExact(policy.connectTimeout().toMillis()))
                    .uri(urls.of(service)));
        }
        return routes.build();
    }

    @SuppressWarnings("unchecked")
    private static void readsOnly(RetryConfig retry, int retries) {
        retry.setRetries(retries)
                .setMethods(HttpMethod.GET, HttpMethod.HEAD)
                .setSeries()
                .setStatuses(HttpStatus.BAD_GATEWAY, HttpStatus.SERVICE_UNAVAILABLE, HttpStatus.GATEWAY_TIMEOUT)
                // Not TimeoutException: a service too slow once is as slow the second time, and the caller waits.
                .setExceptions(IOException.class)
                .setBackoff(Duration.ofMillis(50), Duration.ofMillis(500), 2, false);
    }
}
