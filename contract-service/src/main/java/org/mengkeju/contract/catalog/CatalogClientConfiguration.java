package org.mengkeju.contract.catalog;

import java.util.concurrent.TimeUnit;

import feign.Contract;
import feign.Request;
import feign.RequestInterceptor;
import feign.codec.Decoder;
import feign.codec.Encoder;
import org.springframework.context.annotation.Bean;

/**
 * The catalog client's own settings (not a {@code @Configuration}: they apply to this client only). Plain Feign
 * contract and codecs: the answer is read as text, and the timeouts bound every call, so a slow catalog costs a
 * submission at most the read timeout, and an open breaker nothing.
 */
class CatalogClientConfiguration {

    @Bean
    Contract catalogContract() {
        return new Contract.Default();
    }

    @Bean
    Decoder catalogDecoder() {
        return new Decoder.Default();
    }

    @Bean
    Encoder catalogEncoder() {
        return new Encoder.Default();
    }

    @Bean
    Request.Options catalogTimeouts(CatalogProperties properties) {
        return new Request.Options(properties.connectTimeout().toMillis(), TimeUnit.MILLISECONDS,
                properties.readTimeout().toMillis(), TimeUnit.MILLISECONDS, false);
    }

    /**
     * The gateway's API key of contract-service itself: a service holds no key to sign identities, so it calls
     * another service the way any client does, through the gateway, which checks the key and signs the identity
     * for catalog-service.
     */
    @Bean
    RequestInterceptor catalogApiKey(CatalogProperties properties) {
        return template -> {
            if (properties.apiKey() != null && !properties.apiKey().isBlank()) {
                template.header("X-Api-Key", properties.apiKey());
            }
            template.header("Accept", "application/json");
        };
    }
}
