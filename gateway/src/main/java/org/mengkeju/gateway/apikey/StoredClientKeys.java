package org.mengkeju.gateway.apikey;

import reactor.core.publisher.Mono;

/**
 * Keys issued through the admin API, looked up by their SHA-256 after the configured keys did not match. Empty
 * when the key is unknown, revoked or expired.
 */
public interface StoredClientKeys {

    Mono<AuthenticatedClient> authenticate(byte[] keySha256);

    /** Whether a client of this id is registered and not revoked (for the bearer tokens issued to it). */
    Mono<Boolean> isActive(String clientId);
}
