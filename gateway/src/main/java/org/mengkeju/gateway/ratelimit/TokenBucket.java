package org.mengkeju.gateway.ratelimit;

/**
 * One client's allowance (令牌桶): up to {@code burst} requests at once, refilled at {@code perSecond}. Time comes
 * from the caller in nanoseconds, so the bucket is pure logic and tests need no clock.
 */
final class TokenBucket {

    private final double burst;
    private final double perNano;
    private double tokens;
    private long lastRefill;

    TokenBucket(int burst, double perSecond, long now) {
        if (burst < 1 || perSecond <= 0) {
            throw new IllegalArgumentException("a rate limit needs burst >= 1 and per-second > 0");
        }
        this.burst = burst;
        this.perNano = perSecond / 1e9;
        this.tokens = burst;
        this.lastRefill = now;
    }

    /** What a request was told: whether it may go on, what is left, and how long until the next token. */
    record Decision(boolean allowed, long remaining, long nanosUntilNext) {
    }

    synchronized Decision take(long now) {
        if (now > lastRefill) {
            tokens = Math.min(burst, tokens + (now - lastRefill) * perNano);
            lastRefill = now;
        }
        if (tokens >= 1) {
            tokens -= 1;
            return new Decision(true, (long) Math.floor(tokens), 0);
        }
        return new Decision(false, 0, (long) Math.ceil((1 - tokens) / perNano));
    }
}
