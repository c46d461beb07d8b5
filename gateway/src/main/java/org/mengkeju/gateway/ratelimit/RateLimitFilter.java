package org.mengkeju.gateway.ratelimit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.mengkeju.gateway.apikey.ApiKeyFilter;
import org.mengkeju.gateway.apikey.AuthenticatedClient;
import org.mengkeju.gateway.problem.ProblemResponses;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Answers a client over its rate with a 429 problem and {@code Retry-After} (whole seconds until it may send
 * again), before the request reaches a service; every answer to an identified client carries
 * {@code RateLimit-Limit} and {@code RateLimit-Remaining}. Right after the API-key check, which names the client.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11)
class RateLimitFilter implements WebFilter {

    private final ClientLimiter limiter;
    private final ProblemResponses problems;
    private final MeterRegistry meters;

    RateLimitFilter(ClientLimiter limiter, ProblemResponses problems, MeterRegistry meters) {
        this.limiter = limiter;
        this.problems = problems;
        this.meters = meters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        AuthenticatedClient caller = exchange.getAttribute(ApiKeyFilter.CLIENT_ATTRIBUTE);
        if (caller == null) {
            return chain.filter(exchange);
        }
        return limiter.take(caller).flatMap(decision -> decide(exchange, chain, caller, decision));
    }

    private Mono<Void> decide(ServerWebExchange exchange, WebFilterChain chain, AuthenticatedClient caller,
            TokenBucket.Decision decision) {
        RateLimits.Rate rate = limiter.rateOf(caller);
        HttpHeaders headers = exchange.getResponse().getHeaders();
        headers.set("RateLimit-Limit", String.valueOf(rate.burst()));
        headers.set("RateLimit-Remaining", String.valueOf(decision.remaining()));
        if (decision.allowed()) {
            return chain.filter(exchange);
        }
        long retryAfter = Math.max(1, (decision.nanosUntilNext() + 999_999_999L) / 1_000_000_000L);
        Counter.builder("mengkeju_gateway_rate_limited").description("requests refused for a client over its rate")
                .tag("client", caller.clientId()).tag("role", caller.role().name()).register(meters).increment();
        HttpHeaders retry = new HttpHeaders();
        retry.set(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfter));
        retry.set("RateLimit-Limit", String.valueOf(rate.burst()));
        retry.set("RateLimit-Remaining", "0");
        return problems.write(exchange, new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited",
                "Too many requests", "client " + caller.clientId() + " may send " + rate.burst() + " requests at once "
                        + "and " + rate.perSecond() + " per second; send again in " + retryAfter + " s"), retry);
    }
}
