package org.mengkeju.gateway.apikey;

import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one check of an API key, wherever it is presented ({@code X-Api-Key}, or as the client secret at the token
 * endpoint): configured keys first, which need no database, then keys issued through the admin API.
 */
@Component
public class ClientCredentials {

    private final ApiKeys configured;
    private final ObjectProvider<StoredClientKeys> stored;

    ClientCredentials(ApiKeys configured, ObjectProvider<StoredClientKeys> stored) {
        this.configured = configured;
        this.stored = stored;
    }

    /** The client the key belongs to, or empty for a key that is unknown, revoked or expired. */
    public Mono<AuthenticatedClient> authenticate(String key) {
        Optional<ApiClient> client = configured.authenticate(key);
        if (client.isPresent()) {
            return Mono.just(client.get().authenticated());
        }
        StoredClientKeys store = stored.getIfAvailable();
        return store == null || key == null || key.isEmpty() ? Mono.empty() : store.authenticate(ApiKeys.sha256(key));
    }

    /**
     * Whether the client still exists and is not revoked: a token names its client, so a revoked client's tokens
     * stop when its key would, not when they expire.
     */
    public Mono<Boolean> isActive(String clientId) {
        if (configured.hasClient(clientId)) {
            return Mono.just(true);
        }
        StoredClientKeys store = stored.getIfAvailable();
        return store == null ? Mono.just(false) : store.isActive(clientId);
    }
}
