package org.mengkeju.gateway.routing;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.netty.channel.ConnectTimeoutException;
import org.mengkeju.gateway.logging.LogThrottle;
import org.mengkeju.gateway.problem.RetryLaterProblem;
import org.mengkeju.gateway.exchange.RequestLogContext;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * A route's circuit breaker, counting only what says the service is failing: it could not be reached, it did not
 * answer in time, or it answered 5xx. A request the gateway itself could not send (no free connection in its pool,
 * a body over the limit, a caller who went away) is not the service's fault and is not counted, so that load on
 * the gateway can never pause a healthy service for everybody.
 *
 * <p>The service's own 5xx answer is passed on as it is (counted, not replaced). While the breaker is open, and
 * when the gateway could not reach or hear from the service, the caller gets a 503 problem naming the service with
 * {@code Retry-After}. Lines about such failures are throttled per service and kind: a service that is down
 * would otherwise write one per request.
 */
final class DownstreamBreakerFilter implements GatewayFilter {

    private static final Logger log = LoggerFactory.getLogger(DownstreamBreakerFilter.class);
    /** How long a caller refused for want of a free connection should wait: the queue drains within a second. */
    static final Duration SHED_RETRY_AFTER = Duration.ofSeconds(1);

    /** What a failed call says about the service. */
    enum Verdict {
        /** The service could not be reached or closed the connection: counts against it. */
        UNREACHABLE,
        /** The service did not answer in time: counts against it. */
        TOO_SLOW,
        /** The gateway had no free connection to send it on: load shedding, not the service's fault. */
        GATEWAY_BUSY,
        /** Anything else (a refused body, a bug in the gateway): not the service's fault; handled further out. */
        NOT_THE_SERVICE
    }

    private final Downstream service;
    private final CircuitBreaker breaker;
    private final Duration openFor;
    private final LogThrottle throttle;

    DownstreamBreakerFilter(Downstream service, CircuitBreaker breaker, Duration openFor, LogThrottle throttle) {
        this.service = service;
        this.breaker = breaker;
        this.openFor = openFor;
        this.throttle = throttle;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        if (!breaker.tryAcquirePermission()) {
            warn(exchange, "paused", "{} is paused by the circuit breaker ({} more refused since the last line)");
            return Mono.error(unavailable("failed repeatedly and is paused by the gateway's circuit breaker",
                    openFor));
        }
        long started = breaker.getCurrentTimestamp();
        return chain.filter(exchange)
                .doOnSuccess(ignored -> recordAnswer(exchange.getResponse().getStatusCode(), started))
                .doOnCancel(breaker::releasePermission)
                .onErrorResume(failure -> failed(exchange, failure, started));
    }

    private void recordAnswer(HttpStatusCode status, long started) {
        long elapsed = breaker.getCurrentTimestamp() - started;
        if (status != null && status.is5xxServerError()) {
            breaker.onError(elapsed, breaker.getTimestampUnit(), new DownstreamAnswered5xx(status.value()));
        } else {
            breaker.onSuccess(elapsed, breaker.getTimestampUnit());
        }
    }

    private Mono<Void> failed(ServerWebExchange exchange, Throwable failure, long started) {
        Verdict verdict = judge(failure);
        switch (verdict) {
            case UNREACHABLE, TOO_SLOW -> {
                breaker.onError(breaker.getCurrentTimestamp() - started, breaker.getTimestampUnit(), failure);
                warn(exchange, verdict.name(), "{} failed, answering 503: " + failure
                        + " ({} more since the last line)");
                return Mono.error(unavailable(verdict == Verdict.TOO_SLOW ? "did not answer in time"
                        : "cannot be reached", SHED_RETRY_AFTER));
            }
            case GATEWAY_BUSY -> {
                breaker.releasePermission();
                warn(exchange, verdict.name(), "no free connection to {}, shedding with 503 ({} more since the"
                        + " last line)");
                return Mono.error(new RetryLaterProblem(HttpStatus.SERVICE_UNAVAILABLE, "gateway-busy",
                        "Gateway busy", "the gateway has more requests for " + service.serviceName()
                        + " in flight than it lets wait; retry after the time in Retry-After", SHED_RETRY_AFTER));
            }
            default -> {
                breaker.releasePermission();
                return Mono.error(failure);
            }
        }
    }

    /**
     * Which failures are the service's. Looks through the causes, since Netty and Spring wrap them, and lets the
     * gateway's own reasons (a refused body, a full pool) win over what wraps them.
     */
    static Verdict judge(Throwable failure) {
        Verdict verdict = Verdict.NOT_THE_SERVICE;
        int depth = 0;
        for (Throwable cause = failure; cause != null && depth < 20; cause = cause.getCause(), depth++) {
            if (cause instanceof ApiProblem) {
                return Verdict.NOT_THE_SERVICE;
            }
            // reactor-netty's pool exceptions are shaded into an internal package; their names are the contract.
            String name = cause.getClass().getSimpleName();
            if (name.equals("PoolAcquireTimeoutException") || name.equals("PoolAcquirePendingLimitException")) {
                return Verdict.GATEWAY_BUSY;
            }
            if (verdict != Verdict.NOT_THE_SERVICE) {
                continue;
            }
            if (cause instanceof TimeoutException || cause instanceof io.netty.handler.timeout.TimeoutException
                    || cause instanceof ResponseStatusException status && status.getStatusCode().value() == 504) {
                verdict = Verdict.TOO_SLOW;
            } else if (cause instanceof ConnectTimeoutException || cause instanceof IOException) {
                verdict = Verdict.UNREACHABLE;
            }
        }
        return verdict;
    }

    private RetryLaterProblem unavailable(String reason, Duration retryAfter) {
        return new RetryLaterProblem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                service.serviceName() + " " + reason + "; try again shortly", retryAfter);
    }

    private void warn(ServerWebExchange exchange, String kind, String pattern) {
        throttle.log(service.key() + ":" + kind, suppressed -> RequestLogContext.log(exchange,
                () -> log.warn(pattern, service.serviceName(), suppressed)));
    }

    /** What the breaker records for a 5xx the service answered, which is passed on unchanged. */
    static final class DownstreamAnswered5xx extends RuntimeException {
        DownstreamAnswered5xx(int status) {
            super("answered " + status, null, false, false);
        }
    }
}
