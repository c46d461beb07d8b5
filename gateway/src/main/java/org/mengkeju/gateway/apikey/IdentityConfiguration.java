package org.mengkeju.gateway.apikey;

import java.time.Clock;

import org.mengkeju.platform.identity.IdentityProperties;
import org.mengkeju.platform.identity.IdentityToken;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registered API keys and the signer of the identity header. The identity settings are the platform's
 * {@code mengkeju.identity.*} record, the same the services verify with, so the two ends cannot drift apart.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

    @Bean
    IdentityToken identityToken(IdentityProperties identity) {
        if (identity.secret() == null || identity.secret().isBlank()) {
            throw new IllegalStateException("mengkeju.identity.secret is not set: the gateway cannot sign the "
                    + "identity header the services trust; set the same secret (at least 32 characters) on all");
        }
        if (identity.secret().length() < 32) {
            throw new IllegalStateException("mengkeju.identity.secret has " + identity.secret().length()
                    + " characters; it must have at least 32");
        }
        return new IdentityToken(identity.secret(), identity.lifetime(), Clock.systemUTC());
    }

    @Bean
    ApiKeys apiKeys(ApiClientsProperties properties) {
        if (properties.clients().isEmpty()) {
            log.warn("no clients are configured under mengkeju.gateway.clients: every /api request will be refused");
        } else {
            log.info("{} API clients registered", properties.clients().size());
        }
        return new ApiKeys(properties.clients());
    }
}
