package org.mengkeju.gateway.apikey;

import reactor.core.publisher.Mono;

/**
 * Access tokens the gateway issued itself (OAuth2 client credentials), presented as {@code Authorization: Bearer}.
 * Empty for a token that is not one of them: another issuer, another key, expired, malformed.
 */
public interface BearerTokens {

    Mono<AuthenticatedClient> authenticate(String token);
}
