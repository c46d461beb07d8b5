package org.mengkeju.contract.catalog;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How contract-service reaches catalog-service ({@code mengkeju.contract.catalog}).
 *
 * @param url                the gateway's base URL (env {@code MENGKEJU_CONTRACT_CATALOG_URL})
 * @param apiKey             contract-service's API key at the gateway, a client of role OPERATOR so that it may
 *                           read any listing (env {@code MENGKEJU_CONTRACT_CATALOG_API_KEY})
 * @param connectTimeout     bound on connecting
 * @param readTimeout        bound on waiting for the answer
 * @param failureRate        percentage of failed calls over the window that opens the breaker
 * @param window             number of calls the failure rate is taken over
 * @param minimumCalls       calls needed in the window before the rate counts
 * @param openFor            how long an open breaker refuses calls before it lets trial calls through
 * @param recheckEvery       how often pending checks are tried again
 */
@ConfigurationProperties("mengkeju.contract.catalog")
public record CatalogProperties(
        @DefaultValue("http://localhost:8080") String url,
        String apiKey,
        @DefaultValue("500ms") Duration connectTimeout,
        @DefaultValue("2s") Duration readTimeout,
        @DefaultValue("50") float failureRate,
        @DefaultValue("10") int window,
        @DefaultValue("5") int minimumCalls,
        @DefaultValue("30s") Duration openFor,
        @DefaultValue("30s") Duration recheckEvery) {
}
