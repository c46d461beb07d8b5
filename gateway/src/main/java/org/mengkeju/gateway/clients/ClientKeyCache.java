package org.mengkeju.gateway.clients;

import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mengkeju.gateway.apikey.AuthenticatedClient;
import org.mengkeju.gateway.apikey.StoredClientKeys;
import org.mengkeju.gateway.problem.RetryLaterProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import reactor.core.publisher.Mono;

/**
 * Stored keys with a short-lived cache in front of the database, so that a request costs a map lookup, not a query.
 * The wire-compatible store has no change streams, so the cache expires: an entry (found or not found) is kept for
 * {@code ttl} (5 s by default). A change made through this gateway drops the client's entries at once; another
 * replica sees it within {@code ttl}. Expiry of a key is checked on every request against the cached document, so a
 * key stops at its {@code expiresAt} exactly, whatever the cache holds.
 */
class ClientKeyCache implements StoredClientKeys {

    private static final Logger log = LoggerFactory.getLogger(ClientKeyCache.class);

    private record Entry(Optional<RegisteredClient> client, long loadedAtNanos) {
    }

    private final RegisteredClients clients;
    private final Clock clock;
    private final long ttlNanos;
    private final int maxEntries;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    ClientKeyCache(RegisteredClients clients, Clock clock, Duration ttl, int maxEntries) {
        this.clients = clients;
        this.clock = clock;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    @Override
    public Mono<AuthenticatedClient> authenticate(byte[] keySha256) {
        String hash = HexFormat.of().formatHex(keySha256);
        long now = System.nanoTime();
        Entry cached = entries.get(hash);
        Mono<Optional<RegisteredClient>> client = cached != null && now - cached.loadedAtNanos() < ttlNanos
                ? Mono.just(cached.client())
                : clients.findByKey(hash).map(Optional::of).defaultIfEmpty(Optional.empty())
                        .doOnNext(found -> remember(hash, found, now))
                        .onErrorMap(failure -> {
                            log.warn("client store unavailable for a key lookup: {}", failure.toString());
                            return new RetryLaterProblem(HttpStatus.SERVICE_UNAVAILABLE, "client-store-unavailable",
                                    "Client store unavailable", "the gateway cannot check this API key now; "
                                            + "send again shortly", Duration.ofSeconds(5));
                        });
        return client.flatMap(found -> Mono.justOrEmpty(
                found.flatMap(registered -> registered.authenticate(hash, clock.instant()))));
    }

    /** Drops what is cached of a client, after this gateway changed it. */
    void forget(String clientId) {
        entries.values().removeIf(entry -> entry.client().map(c -> c.clientId().equals(clientId)).orElse(false));
    }

    /** Remembers a key issued just now as unknown no longer (a lookup before it was stored may have cached that). */
    void forgetKey(String sha256) {
        entries.remove(sha256);
    }

    private void remember(String hash, Optional<RegisteredClient> client, long now) {
        if (entries.size() >= maxEntries) {
            // Unknown keys sent in bulk must not grow the map without bound; starting over costs a few queries.
            entries.clear();
        }
        entries.put(hash, new Entry(client, now));
    }
}
