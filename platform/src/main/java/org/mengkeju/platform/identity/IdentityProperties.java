package org.mengkeju.platform.identity;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param secret   shared by the gateway and the services; at least 32 characters
 * @param lifetime how long a token the gateway issues stays valid (covers one request, retries included)
 */
@ConfigurationProperties("mengkeju.identity")
public record IdentityProperties(String secret, @DefaultValue("2m") Duration lifetime) {
}
