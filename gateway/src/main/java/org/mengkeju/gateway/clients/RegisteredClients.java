package org.mengkeju.gateway.clients;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The {@code clients} collection of the gateway's own database. A key is found by its hash through an index on
 * {@code keys.sha256}; every change is one document written under its version.
 */
class RegisteredClients {

    private static final String KEY_HASH = "keys.sha256";

    private final ReactiveMongoTemplate mongo;

    RegisteredClients(ReactiveMongoTemplate mongo) {
        this.mongo = mongo;
    }

    Mono<Void> createIndexes() {
        return mongo.indexOps(RegisteredClient.class).createIndex(new Index().on(KEY_HASH, Sort.Direction.ASC)
                .named("key_hash")).then();
    }

    /** Inserts a new client; a client id already taken fails with a duplicate-key error. */
    Mono<RegisteredClient> insert(RegisteredClient client) {
        return mongo.insert(client);
    }

    /** Replaces the client if nobody changed it since it was read; otherwise an optimistic-locking failure. */
    Mono<RegisteredClient> save(RegisteredClient client) {
        return mongo.save(client);
    }

    Mono<RegisteredClient> find(String clientId) {
        return mongo.findById(clientId, RegisteredClient.class);
    }

    Mono<RegisteredClient> findByKey(String keySha256) {
        return mongo.findOne(Query.query(Criteria.where(KEY_HASH).is(keySha256)), RegisteredClient.class);
    }

    /** Clients in id order after {@code after} (null from the start). */
    Flux<RegisteredClient> list(String after, int limit) {
        Query query = after == null ? new Query() : Query.query(Criteria.where("_id").gt(after));
        return mongo.find(query.with(Sort.by("_id")).limit(limit), RegisteredClient.class);
    }
}
