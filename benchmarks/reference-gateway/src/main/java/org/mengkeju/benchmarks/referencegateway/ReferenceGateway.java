package org.mengkeju.benchmarks.referencegateway;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.route.builder.RouteLocatorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * Spring Cloud Gateway with one route and nothing else, for the gateway benchmark: what the stack costs by itself,
 * measured beside the platform's gateway, which adds key checks, signed identities, rate limits, request ids,
 * breakers, metrics, tracing and access logs to the same stack. It checks nothing: requests carry the identity
 * header the catalog expects, as the benchmark's direct and nginx requests do.
 *
 * <p>It finds catalog-service under the property the platform's gateway reads,
 * {@code mengkeju.gateway.services.catalog}, so the benchmark starts it with that gateway's command line;
 * {@code GET /ready} answers once it is up.
 */
@SpringBootApplication
public class ReferenceGateway {

    public static void main(String[] args) {
        SpringApplication.run(ReferenceGateway.class, args);
    }

    @Bean
    RouteLocator routes(RouteLocatorBuilder builder, @Value("${mengkeju.gateway.services.catalog}") String catalog) {
        return builder.routes().route("catalog", r -> r.path("/api/v1/catalog/**").uri(catalog)).build();
    }

    @Bean
    RouterFunction<ServerResponse> ready() {
        return RouterFunctions.route().GET("/ready", request -> ServerResponse.ok().bodyValue("ready")).build();
    }
}
