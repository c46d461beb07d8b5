package org.mengkeju.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.gateway.apikey.ClientRole;
import org.mengkeju.gateway.problem.RetryLaterProblem;
import org.mengkeju.platform.test.MongoWireStore;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * The key cache on the real MongoDB-wire store: what another gateway changed is seen once the entry expires, not
 * before; a database that does not answer is a 503 within seconds, not a hang.
 */
class ClientKeyCacheTest {

    private static final Duration TTL = Duration.ofMillis(800);
    private MongoClient mongo;

    @AfterEach
    void close() {
        if (mongo != null) {
            mongo.close();
        }
    }

    @Test
    void aChangeMadeElsewhereIsSeenOnceTheEntryExpires() throws Exception {
        String uri = MongoWireStore.freshDatabaseUri("key-cache");
        mongo = MongoClients.create(uri);
        RegisteredClients clients = new RegisteredClients(new ReactiveMongoTemplate(mongo,
                new ConnectionString(uri).getDatabase()));
        ClientKeyCache cache = new ClientKeyCache(clients, Clock.systemUTC(), TTL, 100);
        NewApiKey key = NewApiKey.generate(Instant.now(), null);
        RegisteredClient chifeng = RegisteredClient.register("chifeng-tto", ClientRole.PARTNER, "chifeng-univ",
                "150400", key.issued(), Instant.now(), "kjt-client-admin");
        clients.insert(chifeng).block(Duration.ofSeconds(10));
        byte[] digest = HexFormat.of().parseHex(key.issued().sha256());

        assertThat(cache.authenticate(digest).blockOptional(Duration.ofSeconds(10))).isPresent();
        // Revoked by another gateway: written to the database, not through this cache.
        RegisteredClient loaded = clients.find("chifeng-tto").block(Duration.ofSeconds(10));
        loaded.revoke(Instant.now(), "kjt-client-admin");
        clients.save(loaded).block(Duration.ofSeconds(10));
        long revoked = System.nanoTime();

        boolean stillCached = cache.authenticate(digest).blockOptional(Duration.ofSeconds(10)).isPresent();
        await().atMost(TTL.multipliedBy(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> cache.authenticate(digest).blockOptional(Duration.ofSeconds(10)).isEmpty());
        assertThat(cache.isActive("chifeng-tto").block(Duration.ofSeconds(10))).isFalse();
        // Served from the entry until it expired (unless this machine was too slow to ask within the TTL).
        assertThat(stillCached || Duration.ofNanos(System.nanoTime() - revoked).compareTo(TTL) > 0).isTrue();
    }

    @Test
    void aDatabaseThatDoesNotAnswerIsA503WithinSeconds() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        mongo = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString("mongodb://127.0.0.1:" + closedPort + "/gateway"))
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(1, TimeUnit.SECONDS))
                .build());
        ClientKeyCache cache = new ClientKeyCache(new RegisteredClients(new ReactiveMongoTemplate(mongo, "gateway")),
                Clock.systemUTC(), TTL, 100);
        long started = System.nanoTime();

        assertThatThrownBy(() -> cache.authenticate(new byte[32]).block(Duration.ofSeconds(20)))
                .isInstanceOf(RetryLaterProblem.class).hasMessageContaining("cannot check this client now");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
    }
}
