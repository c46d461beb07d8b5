package org.mengkeju.gateway.routing;

import java.time.Duration;
import java.util.List;

import io.netty.channel.ChannelOption;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.HttpClientProperties;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import static org.springframework.cloud.gateway.support.RouteMetadataUtils.CONNECT_TIMEOUT_ATTR;

/**
 * The gateway's routing to the services, with server-sent event streams (an auction's live feed, 竞价动态) on
 * connections of their own. A stream holds its connection to the service for as long as its watcher stays, up to the
 * service's watch length (30 minutes); on the pool every request to a service shares (64 connections), 64 watchers
 * would leave none for anybody else, and every other call to that service would wait and then be shed. Streams get a
 * pool of their own per service ({@link RoutePolicy#maxEventStreams()}); a watcher over it waits a second for a
 * connection and is then refused like any request the gateway cannot send (503, Retry-After), never counted against
 * the service. The pool's connections show in the metrics as {@code reactor_netty_connection_provider_*} with
 * {@code name="event-streams"}.
 *
 * <p>It is Spring Cloud Gateway's own routing filter with another client, placed just before it and routing only
 * event streams; every other request it passes on to the usual routing.
 */
class EventStreamRouting extends NettyRoutingFilter {

    /** The connection pool's name in the metrics. */
    static final String POOL_NAME = "event-streams";

    private final HttpClient streams;

    EventStreamRouting(HttpClient httpClient, ObjectProvider<List<HttpHeadersFilter>> headersFilters,
            HttpClientProperties properties, RoutePolicy policy) {
        super(httpClient, headersFilters, properties);
        ConnectionProvider pool = ConnectionProvider.builder(POOL_NAME)
                .maxConnections(policy.maxEventStreams())
                .pendingAcquireTimeout(Duration.ofSeconds(1))
                // Below the services' keep-alive timeout, as for the shared pool: never send on a closing connection.
                .maxIdleTime(Duration.ofSeconds(10))
                .evictInBackground(Duration.ofSeconds(5))
                .metrics(true)
                .build();
        // The response timeout is the longest silence between two reads: a stream's keep-alives reset it.
        this.streams = HttpClient.create(pool).responseTimeout(policy.responseTimeout());
    }

    @Override
    public int getOrder() {
        return NettyRoutingFilter.ORDER - 1;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        return asksForEventStream(exchange.getRequest()) ? super.filter(exchange, chain) : chain.filter(exchange);
    }

    /** Whether the caller asks for a stream of server-sent events (a read; a write is never routed here). */
    static boolean asksForEventStream(ServerHttpRequest request) {
        return HttpMethod.GET.equals(request.getMethod()) && request.getHeaders().getAccept().stream()
                .anyMatch(type -> type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM) && !type.isWildcardType());
    }

    @Override
    protected HttpClient getHttpClient(Route route, ServerWebExchange exchange) {
        Object connectTimeout = route.getMetadata().get(CONNECT_TIMEOUT_ATTR);
        return connectTimeout instanceof Integer millis
                ? streams.option(ChannelOption.CONNECT_TIMEOUT_MILLIS, millis)
                : streams;
    }
}
