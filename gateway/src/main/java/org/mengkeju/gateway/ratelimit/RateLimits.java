package org.mengkeju.gateway.ratelimit;

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
 */
@ConfigurationProperties("mengkeju.gateway.rate-limits")
public record RateLimits(Map<ClientRole, Rate> roles, @DefaultValue Rate fallback) {

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
