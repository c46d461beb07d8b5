package org.mengkeju.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.IdentityKeys;
import org.mengkeju.platform.test.MongoWireStore;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two gateway replicas sharing their rate limits in a real Redis server and their registered clients in one
 * database: a client's burst is counted once across both; when Redis goes away both keep serving from memory and
 * say so in a metric, and share again once it is back; a key revoked through one is refused by the other once its
 * cache entry expires.
 */
class GatewayReplicasTest {

    private static final String BROKER_KEY = "baotou-brokers-3c1d-key";
    private static final String BANK_KEY = "picc-nmg-77e0-key";
    private static final String ADMIN_KEY = "kjt-client-admin-19bf-key";
    private static final Duration KEY_CACHE = Duration.ofSeconds(2);
    private static final String CLIENT_STORE = MongoWireStore.freshDatabaseUri("gateway-replicas");
    private static final JsonMapper json = JsonMapper.builder().build();
    private static final int BURST = 6;

    private static final FakeService services = FakeService.start();
    private static RedisServer redis;
    private static ConfigurableApplicationContext first;
    private static ConfigurableApplicationContext second;

    @BeforeAll
    static void startRedisAndTwoGateways() throws Exception {
        redis = RedisServer.start();
        String signingKey = IdentityKeys.encode(IdentityKeys.generate().getPrivate());
        first = gateway(signingKey);
        second = gateway(signingKey);
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (ConfigurableApplicationContext gateway : new ConfigurableApplicationContext[] {first, second}) {
            if (gateway != null) {
                gateway.close();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void aClientsBurstIsCountedOnceAcrossBothReplicas() {
        List<Integer> served = new ArrayList<>();
        List<String> remaining = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            var response = read(i % 2 == 0 ? first : second, BROKER_KEY);
            served.add(response.statusCode());
            remaining.add(response.headers().firstValue("RateLimit-Remaining").orElse("?"));
        }
        var overFirst = read(first, BROKER_KEY);
        var overSecond = read(second, BROKER_KEY);

        assertThat(served).containsOnly(200);
        // One bucket: what is left goes down across both replicas.
        assertThat(remaining).containsExactly("5", "4", "3", "2", "1", "0");
        assertThat(overFirst.statusCode()).isEqualTo(429);
        assertThat(overSecond.statusCode()).isEqualTo(429);
        assertThat(overSecond.headers().firstValue("Retry-After")).isPresent();
        // Another client has its own bucket.
        assertThat(read(second, BANK_KEY).statusCode()).isEqualTo(200);
        assertThat(metrics(first)).contains("mengkeju_gateway_rate_limit_fallback{application=\"gateway\"} 0.0");
    }

    @Test
    void withoutRedisEachReplicaKeepsServingFromMemoryAndSaysSo() throws Exception {
        redis.stop();
        try {
            var duringOutage = read(first, BANK_KEY);
            var onTheOther = read(second, BANK_KEY);

            // Not failed closed: served, limited by each replica's own bucket.
            assertThat(duringOutage.statusCode()).isEqualTo(200);
            assertThat(onTheOther.statusCode()).isEqualTo(200);
            assertThat(duringOutage.headers().firstValue("RateLimit-Limit")).hasValue(String.valueOf(BURST));
            assertThat(metrics(first)).contains("mengkeju_gateway_rate_limit_fallback{application=\"gateway\"} 1.0")
                    .containsPattern("mengkeju_gateway_rate_limit_store_failures_total\\{[^}]*} [1-9]");
        } finally {
            redis.startAgain();
        }
        // Back to the shared buckets once Redis answers (after the retry interval).
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(300)).untilAsserted(() -> {
            read(first, BANK_KEY);
            assertThat(metrics(first)).contains("mengkeju_gateway_rate_limit_fallback{application=\"gateway\"} 0.0");
        });
    }

    @Test
    void aKeyRevokedThroughOneReplicaIsRefusedByTheOtherOnceItsCacheExpires() throws Exception {
        HttpResponse<String> registered = post(first, "/api/v1/admin/clients",
                "{\"clientId\":\"chifeng-tto\",\"role\":\"PARTNER\",\"institutionId\":\"chifeng-univ\"}");
        assertThat(registered.statusCode()).isEqualTo(201);
        String key = json.readTree(registered.body()).path("apiKey").asString();
        // Registered through the first, known to the second, which now caches it.
        assertThat(read(second, key).statusCode()).isEqualTo(200);

        assertThat(post(first, "/api/v1/admin/clients/chifeng-tto/revocation", "").statusCode()).isEqualTo(200);
        long revoked = System.nanoTime();

        assertThat(read(first, key).statusCode()).as("the replica that revoked it").isEqualTo(401);
        await().atMost(KEY_CACHE.plusSeconds(3)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(read(second, key).statusCode()).isEqualTo(401));
        assertThat(Duration.ofNanos(System.nanoTime() - revoked)).isLessThan(KEY_CACHE.plusSeconds(2));
    }

    private static ConfigurableApplicationContext gateway(String signingKey) {
        URI service = services.url();
        // Arguments, not default properties: they must win over application.yml (server.port).
        return new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--mengkeju.identity.signer.kid=gateway-test",
                "--mengkeju.identity.signer.key=" + signingKey,
                "--mengkeju.gateway.services.catalog=" + service,
                "--mengkeju.gateway.services.matching=" + service,
                "--mengkeju.gateway.services.contract=" + service,
                "--mengkeju.gateway.services.points=" + service,
                "--mengkeju.gateway.services.finance=" + service,
                "--mengkeju.gateway.clients[0].client-id=baotou-brokers",
                "--mengkeju.gateway.clients[0].role=BROKER",
                "--mengkeju.gateway.clients[0].key-sha256=" + sha256Hex(BROKER_KEY),
                "--mengkeju.gateway.clients[1].client-id=picc-nmg",
                "--mengkeju.gateway.clients[1].role=FINANCE_INSTITUTION",
                "--mengkeju.gateway.clients[1].institution-id=picc",
                "--mengkeju.gateway.clients[1].key-sha256=" + sha256Hex(BANK_KEY),
                "--mengkeju.gateway.clients[2].client-id=kjt-client-admin",
                "--mengkeju.gateway.clients[2].role=ADMIN",
                "--mengkeju.gateway.clients[2].key-sha256=" + sha256Hex(ADMIN_KEY),
                "--spring.mongodb.uri=" + CLIENT_STORE,
                "--mengkeju.gateway.client-store.cache-ttl=" + KEY_CACHE.toMillis() + "ms",
                // Slow refills, so that the count does not depend on how fast the test runs.
                "--mengkeju.gateway.rate-limits.roles.BROKER.burst=" + BURST,
                "--mengkeju.gateway.rate-limits.roles.BROKER.per-second=0.05",
                "--mengkeju.gateway.rate-limits.roles.FINANCE_INSTITUTION.burst=" + BURST,
                "--mengkeju.gateway.rate-limits.roles.FINANCE_INSTITUTION.per-second=50",
                "--mengkeju.gateway.rate-limits.store=redis",
                "--mengkeju.gateway.rate-limits.redis.retry-after=1s",
                "--spring.data.redis.host=127.0.0.1",
                "--spring.data.redis.port=" + redis.port(),
                "--spring.data.redis.connect-timeout=500ms");
    }

    private static int port(ConfigurableApplicationContext gateway) {
        return ((WebServerApplicationContext) gateway).getWebServer().getPort();
    }

    private static HttpResponse<String> read(ConfigurableApplicationContext gateway, String key) {
        return send(gateway, "/api/v1/catalog/achievements", key);
    }

    private static HttpResponse<String> post(ConfigurableApplicationContext gateway, String path, String body) {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            return client.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port(gateway) + path))
                    .timeout(Duration.ofSeconds(20)).header("X-Api-Key", ADMIN_KEY)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String metrics(ConfigurableApplicationContext gateway) {
        return send(gateway, "/actuator/prometheus", null).body();
    }

    private static HttpResponse<String> send(ConfigurableApplicationContext gateway, String path, String key) {
        try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port(gateway) + path))
                    .timeout(Duration.ofSeconds(20)).GET();
            if (key != null) {
                request.header("X-Api-Key", key);
            }
            return client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
