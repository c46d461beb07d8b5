package org.mengkeju.gateway.clients;

import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

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
    /** The same, by client id, for the clients named by bearer tokens. */
    private final Map<String, Entry> byId = new ConcurrentHashMap<>();

    ClientKeyCache(RegisteredClients clients, Clock clock, Duration ttl, int maxEntries) {
        this.clients = clients;
        this.clock = clock;
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
    }

    @Override
    public Mono<AuthenticatedClient> authenticate(byte[] keySha256) {
        String hash = HexFormat.of().formatHex(keySha256);
        return cached(entries, hash, () -> clients.findByKey(hash)).flatMap(found -> Mono.justOrEmpty(
                found.flatMap(registered -> registered.authenticate(hash, clock.instant()))));
    }

    @Override
    public Mono<Boolean> isActive(String clientId) {
        return cached(byId, clientId, () -> clients.find(clientId)).map(found -> found.map(c -> c.status() == ClientStatus.ACTIVE).orElse(false));
    }

    /** The cached lookup while it is fresh, otherwise the query, remembered whatever it found. */
    private Mono<Optional<RegisteredClient>> cached(Map<String, Entry> cache, String key,
            Supplier<Mono<RegisteredClient>> query) {
        long now = System.nanoTime();
        Entry cached = cache.get(key);
        if (cached != null && now - cached.loadedAtNanos() < ttlNanos) {
            return Mono.just(cached.client());
        }
        return query.get().map(Optional::of).defaultIfEmpty(Optional.empty())
                .doOnNext(found -> remember(cache, key, found, now))
                .onErrorMap(ClientKeyCache::unavailable);
    }

    /** Drops what is cached of a client, after this gateway changed it. */
    void forget(String clientId) {
        entries.values().removeIf(entry -> entry.client().map(c -> c.clientId().equals(clientId)).orElse(false));
        byId.remove(clientId);
    }

    /** Remembers a key issued just now as unknown no longer (a lookup before it was stored may have cached that). */
    void forgetKey(String sha256) {
        entries.remove(sha256);
    }

    private void remember(Map<String, Entry> cache, String key, Optional<RegisteredClient> client, long now) {
        if (cache.size() >= maxEntries) {
            // Unknown keys sent in bulk must not grow the map without bound; starting over costs a few queries.
            cache.clear();
        }
        cache.put(key, new Entry(client, now));
    }

    private static Throwable unavailable(Throwable failure) {
        log.warn("client store unavailable for a client lookup: {}", failure.toString());
        return new RetryLaterProblem(HttpStatus.SERVICE_UNAVAILABLE, "client-store-unavailable",
                "Client store unavailable", "the gateway cannot check this client now; send again shortly",
                Duration.ofSeconds(5));
    }
}
