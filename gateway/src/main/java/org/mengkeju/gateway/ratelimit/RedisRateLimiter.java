package org.mengkeju.gateway.ratelimit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.mengkeju.gateway.apikey.AuthenticatedClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;

/**
 * The token bucket of each client in Redis, so that every gateway replica draws on the same allowance. One Lua
 * script per request refills and takes atomically on the Redis server, by the server's clock, so replicas with
 * drifting clocks still agree.
 *
 * <p>Redis being down or slow must not refuse everybody: the request is then decided by this replica's in-memory
 * buckets (each replica then allows the rate on its own), Redis is left alone for {@code retry-after}, and
 * {@code mengkeju_gateway_rate_limit_fallback} is 1 until Redis answers again; both changes are logged once.
 */
class RedisRateLimiter implements ClientLimiter {

    private static final Logger log = LoggerFactory.getLogger(RedisRateLimiter.class);

    /**
     * KEYS[1] the bucket; ARGV burst, tokens per microsecond, time to live in ms. Returns allowed (0/1), whole
     * tokens left, microseconds until the next token. State: tokens and the time of the last refill (µs).
     */
    @SuppressWarnings("rawtypes") // the reply is a Lua table: a list of integers
    private static final RedisScript<List> TAKE = RedisScript.of("""
            local burst = tonumber(ARGV[1])
            local per_micro = tonumber(ARGV[2])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
            local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
            local tokens = tonumber(state[1])
            local at = tonumber(state[2])
            if tokens == nil or at == nil then
              tokens = burst
              at = now
            end
            if now > at then
              tokens = math.min(burst, tokens + (now - at) * per_micro)
              at = now
            end
            local allowed = 0
            local wait = 0
            if tokens >= 1 then
              tokens = tokens - 1
              allowed = 1
            else
              wait = math.ceil((1 - tokens) / per_micro)
            end
            redis.call('HSET', KEYS[1], 'tokens', string.format('%.6f', tokens), 'at', string.format('%.0f', at))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return {allowed, math.floor(tokens), wait}
            """, List.class);

    private final ReactiveStringRedisTemplate redis;
    private final ClientRateLimiter memory;
    private final RateLimits limits;
    private final Counter failures;
    private final AtomicBoolean fallingBack = new AtomicBoolean();
    /** System.nanoTime() from which Redis is asked again; compared by difference, as nanoTime may be negative. */
    private final AtomicLong redisAgainAt = new AtomicLong(System.nanoTime());

    RedisRateLimiter(ReactiveStringRedisTemplate redis, ClientRateLimiter memory, RateLimits limits,
            MeterRegistry meters) {
        this.redis = redis;
        this.memory = memory;
        this.limits = limits;
        this.failures = Counter.builder("mengkeju_gateway_rate_limit_store_failures")
                .description("rate-limit decisions Redis did not answer in time, decided in memory instead")
                .register(meters);
        Gauge.builder("mengkeju_gateway_rate_limit_fallback", fallingBack, on -> on.get() ? 1 : 0)
                .description("1 while the shared rate limits in Redis are unavailable and each gateway decides "
                        + "in its own memory")
                .register(meters);
    }

    /** Connects ahead of the first request, so that it is not the one that waits for the connection. */
    void connect() {
        redis.execute(connection -> connection.ping()).next().timeout(Duration.ofSeconds(5)).subscribe(
                pong -> log.info("Redis answers: rate limits are shared by every gateway replica"),
                failure -> fellBack(failure));
    }

    @Override
    public Mono<TokenBucket.Decision> take(AuthenticatedClient caller) {
        if (System.nanoTime() - redisAgainAt.get() < 0) {
            return memory.take(caller);
        }
        RateLimits.Rate rate = rateOf(caller);
        double perMicro = rate.perSecond() / 1e6;
        // Kept while it may still differ from a full bucket, plus a second.
        long ttlMillis = (long) Math.ceil(rate.burst() / rate.perSecond() * 1000) + 1000;
        String key = limits.redis().keyPrefix() + caller.role() + ":" + caller.clientId();
        return redis.execute(TAKE, List.of(key), List.of(String.valueOf(rate.burst()), Double.toString(perMicro),
                        String.valueOf(ttlMillis)))
                .next()
                .timeout(limits.redis().timeout())
                .map(RedisRateLimiter::decision)
                .doOnNext(decision -> restored())
                .onErrorResume(failure -> {
                    fellBack(failure);
                    return memory.take(caller);
                });
    }

    @Override
    public RateLimits.Rate rateOf(AuthenticatedClient caller) {
        return memory.rateOf(caller);
    }

    private static TokenBucket.Decision decision(List<?> reply) {
        boolean allowed = ((Number) reply.get(0)).longValue() == 1;
        long remaining = ((Number) reply.get(1)).longValue();
        long nanosUntilNext = ((Number) reply.get(2)).longValue() * 1000;
        return new TokenBucket.Decision(allowed, remaining, nanosUntilNext);
    }

    private void fellBack(Throwable failure) {
        failures.increment();
        Duration retryAfter = limits.redis().retryAfter();
        redisAgainAt.set(System.nanoTime() + retryAfter.toNanos());
        if (fallingBack.compareAndSet(false, true)) {
            log.warn("Redis did not answer for the shared rate limits ({}); deciding in this gateway's memory, "
                    + "trying Redis again every {}", failure.toString(), retryAfter);
        }
    }

    private void restored() {
        if (fallingBack.compareAndSet(true, false)) {
            log.info("Redis answers again: rate limits are shared by every gateway replica");
        }
    }
}
