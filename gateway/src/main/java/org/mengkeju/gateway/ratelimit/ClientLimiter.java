package org.mengkeju.gateway.ratelimit;

import org.mengkeju.gateway.apikey.AuthenticatedClient;
import reactor.core.publisher.Mono;

/** Takes one request from a client's allowance: in this gateway's memory, or in Redis, shared by every replica. */
interface ClientLimiter {

    Mono<TokenBucket.Decision> take(AuthenticatedClient caller);

    RateLimits.Rate rateOf(AuthenticatedClient caller);
}
