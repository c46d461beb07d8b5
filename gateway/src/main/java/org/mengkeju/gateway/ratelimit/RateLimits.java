package org.mengkeju.gateway.ratelimit;

import java.time.Duration;
import java.util.Map;

import org.mengkeju.gateway.apikey.ClientRole;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Requests per client, by role, under {@code mengkeju.gateway.rate-limits}: each client has a bucket of its own, so
 * one client's burst is answered with 429 for that client alone and never uses up what the others may send.
 *
 * @param roles the rate of each role; a role not named gets {@code fallback}
 * @param fallback the rate of a role without one of its own
 * @param store where the buckets are held: {@code memory} (this gateway alone) or {@code redis} (shared by every
 *              replica, at {@code spring.data.redis.*})
 * @param redis how long to wait for Redis, and how long to use memory after Redis failed before trying it again
 */
@ConfigurationProperties("mengkeju.gateway.rate-limits")
public record RateLimits(Map<ClientRole, Rate> roles, @DefaultValue Rate fallback, @DefaultValue("memory") Store store,
        @DefaultValue Redis redis) {

    public enum Store {
        MEMORY,
        REDIS
    }

    /**
     * @param timeout     the longest a request waits for Redis before the gateway decides in memory
     * @param retryAfter  how long the gateway decides in memory after Redis failed, before it asks Redis again
     * @param keyPrefix   the prefix of the buckets' keys, so that several platforms may share one Redis
     */
    public record Redis(@DefaultValue("250ms") Duration timeout, @DefaultValue("5s") Duration retryAfter,
            @DefaultValue("mengkeju:gateway:rate:") String keyPrefix) {
    }

    /**
     * @param burst     requests a client may send at once after being quiet
     * @param perSecond requests per second it may keep sending
     */
    public record Rate(@DefaultValue("200") int burst, @DefaultValue("100") double perSecond) {

        public Rate {
            if (burst < 1 || perSecond <= 0) {
                throw new IllegalArgumentException("mengkeju.gateway.rate-limits: burst must be at least 1 and "
                        + "per-second positive");
            }
        }
    }

    public RateLimits {
        roles = roles == null ? Map.of() : Map.copyOf(roles);
    }

    Rate of(ClientRole role) {
        return roles.getOrDefault(role, fallback);
    }
}
