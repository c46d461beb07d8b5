package org.mengkeju.gateway.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import org.mengkeju.gateway.apikey.AuthenticatedClient;
import reactor.core.publisher.Mono;

/**
 * A token bucket per client, in this gateway's memory. Clients are registered, so the number of buckets is
 * bounded by the number of clients; a bucket keeps the rate of the role its client had when it was made.
 */
class ClientRateLimiter implements ClientLimiter {

    private final RateLimits limits;
    private final LongSupplier nanoTime;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    ClientRateLimiter(RateLimits limits) {
        this(limits, System::nanoTime);
    }

    ClientRateLimiter(RateLimits limits, LongSupplier nanoTime) {
        this.limits = limits;
        this.nanoTime = nanoTime;
    }

    @Override
    public Mono<TokenBucket.Decision> take(AuthenticatedClient caller) {
        return Mono.just(takeNow(caller));
    }

    TokenBucket.Decision takeNow(AuthenticatedClient caller) {
        RateLimits.Rate rate = limits.of(caller.role());
        long now = nanoTime.getAsLong();
        return buckets.computeIfAbsent(caller.role() + "/" + caller.clientId(),
                key -> new TokenBucket(rate.burst(), rate.perSecond(), now)).take(now);
    }

    @Override
    public RateLimits.Rate rateOf(AuthenticatedClient caller) {
        return limits.of(caller.role());
    }
}
