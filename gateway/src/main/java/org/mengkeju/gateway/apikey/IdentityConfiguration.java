package org.mengkeju.gateway.apikey;

import java.time.Clock;

import org.mengkeju.platform.identity.IdentityProperties;
import org.mengkeju.platform.identity.IdentitySigner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The registered API keys and the signer of the identity header. The identity settings are the platform's
 * {@code mengkeju.identity.*} record, read and checked by the same code the services verify with, so the two
 * ends cannot drift apart.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IdentityProperties.class)
class IdentityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(IdentityConfiguration.class);

    @Bean
    IdentitySigner identitySigner(IdentityProperties identity) {
        IdentitySigner signer = IdentitySigner.of(identity, Clock.systemUTC());
        log.info("signing caller identities with key '{}'", signer.kid());
        return signer;
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
