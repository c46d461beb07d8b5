package org.mengkeju.gateway.requestid;

import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.mengkeju.gateway.apikey.ApiKeyFilter;
import org.mengkeju.gateway.apikey.AuthenticatedClient;
import org.mengkeju.gateway.exchange.RequestLogContext;
import org.mengkeju.gateway.problem.GatewayErrorHandler;
import org.mengkeju.platform.web.RequestIds;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * First of all filters: gives the request its id (the caller's when it is sane), forwards it to the service,
 * returns it on the response, and writes one access-log line per request once the answer is known. Counts the
 * answers that refused a caller's credentials or rights (401, 403) by client, for the authentication-failure alert.
 *
 * <p>Failures from further in are rendered here, not only by the exception handler, so that the access line
 * carries the status the caller actually got.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RequestIdFilter implements WebFilter {

    /** Exchange attribute holding the request id. */
    public static final String ATTRIBUTE = RequestLogContext.REQUEST_ID_ATTRIBUTE;

    private static final Logger access = LoggerFactory.getLogger("org.mengkeju.gateway.access");

    /** The client tag of a refusal whose caller the gateway could not identify (no key, an unknown key). */
    static final String UNKNOWN_CLIENT = "unknown";

    private final GatewayErrorHandler errors;
    private final MeterRegistry meters;

    public RequestIdFilter(GatewayErrorHandler errors, MeterRegistry meters) {
        this.errors = errors;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        long started = System.nanoTime();
        String requestId = RequestIds.acceptOrCreate(exchange.getRequest().getHeaders().getFirst(RequestIds.HEADER));
        exchange.getAttributes().put(ATTRIBUTE, requestId);

        ServerHttpResponse response = exchange.getResponse();
        // At commit, so that headers copied from the service's response cannot replace or drop it.
        response.beforeCommit(() -> {
            response.getHeaders().set(RequestIds.HEADER, requestId);
            return Mono.empty();
        });
        ServerWebExchange withId = exchange.mutate()
                .request(request -> request.headers(headers -> headers.set(RequestIds.HEADER, requestId)))
                .build();

        return chain.filter(withId)
                .onErrorResume(failure -> errors.handle(exchange, failure))
                .doFinally(signal -> {
                    countRefusal(exchange);
                    logAccess(exchange, started, signal);
                });
    }

    /**
     * A 401 or 403, whoever answered it (the key check, or a service refusing the caller's role or scope). The
     * client tag is bounded by the registered clients: an unidentified caller counts as {@value #UNKNOWN_CLIENT}.
     */
    private void countRefusal(ServerWebExchange exchange) {
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        if (status == null || (status.value() != 401 && status.value() != 403)) {
            return;
        }
        AuthenticatedClient caller = exchange.getAttribute(ApiKeyFilter.CLIENT_ATTRIBUTE);
        Counter.builder("mengkeju_gateway_auth_failures")
                .description("answers that refused the caller's credentials (401) or rights (403), by client")
                .tag("client", caller == null ? UNKNOWN_CLIENT : caller.clientId())
                .tag("status", String.valueOf(status.value()))
                .register(meters).increment();
    }

    private static void logAccess(ServerWebExchange exchange, long started, SignalType signal) {
        ServerHttpRequest request = exchange.getRequest();
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        AuthenticatedClient caller = exchange.getAttribute(ApiKeyFilter.CLIENT_ATTRIBUTE);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        String outcome = signal == SignalType.CANCEL ? "cancelled" : status == null ? "-" : String.valueOf(status.value());
        String client = caller == null ? "-" : caller.clientId();
        // Scrapes and probes would drown the requests partners make.
        boolean operational = request.getPath().value().startsWith("/actuator");
        RequestLogContext.log(exchange, () -> {
            if (operational) {
                access.debug("{} {} {} client={} {} ms", request.getMethod(), request.getPath().value(), outcome,
                        client, millis);
            } else {
                access.info("{} {} {} client={} {} ms", request.getMethod(), request.getPath().value(), outcome,
                        client, millis);
            }
        });
    }
}
