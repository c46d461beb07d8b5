package org.mengkeju.gateway.routing;

import java.io.IOException;
import java.time.Duration;

import org.springframework.cloud.gateway.filter.factory.RetryGatewayFilterFactory.RetryConfig;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;
import static org.springframework.cloud.gateway.support.RouteMetadataUtils.RESPONSE_TIMEOUT_ATTR;

/**
 * One route per service, all built the same way from {@link Downstream}: path forwarded unchanged, a timeout,
 * a circuit breaker named after the service whose fallback answers a 503 problem, and retries for reads only.
 * Built in code rather than YAML so that no route can be added without its breaker and its fallback.
 */
@Configuration(proxyBeanMethods = false)
class RoutingConfiguration {

    @Bean
    RouteLocator serviceRoutes(RouteLocatorBuilder builder, ServiceUrls urls, RoutePolicy policy) {
        RouteLocatorBuilder.Builder routes = builder.routes();
        for (Downstream service : Downstream.values()) {
            routes.route(service.key(), route -> route.path(service.pathPattern())
                    .filters(filters -> {
                        // The breaker wraps the retries, so one request counts once however often it was tried.
                        filters.circuitBreaker(breaker -> breaker.setName(service.key())
                                .setFallbackUri("forward:" + FallbackController.PATH + service.key()));
                        if (policy.getRetries() > 0) {
                            filters.retry(retry -> readsOnly(retry, policy.getRetries()));
                        }
                        return filters;
                    })
                    .metadata(CONNECT_TIMEOUT_ATTR, Math.toIntExact(policy.connectTimeout().toMillis()))
                    .metadata(RESPONSE_TIMEOUT_ATTR, policy.responseTimeout().toMillis())
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
