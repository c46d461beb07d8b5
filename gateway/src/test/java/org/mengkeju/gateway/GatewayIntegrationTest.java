package org.mengkeju.gateway;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;

import org.mengkeju.platform.identity.IdentityKeys;
import org.mengkeju.platform.test.MongoWireStore;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The real gateway on a random port in front of a real HTTP server standing in for the services; finance is
 * pointed at a port where nothing listens. Every test class extends this one, so they share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class GatewayIntegrationTest {

    /** The gateway's signing key in these tests; the services trust its public half under {@link #KEY_ID}. */
    protected static final KeyPair SIGNING_KEY = IdentityKeys.generate();
    /** The key the gateway signs access tokens with (RS256), and the issuer it names in them. */
    protected static final KeyPair TOKEN_KEY = rsaKeyPair();
    protected static final String TOKEN_ISSUER = "https://gateway.test.mengkeju.org";
    protected static final String KEY_ID = "gateway-test";
    /** Inner Mongolia University of Technology's tech-transfer office, a partner in Hohhot (150100). */
    protected static final String PARTNER_KEY = "imut-tto-4f9c2a7e-key";
    protected static final String OPERATOR_KEY = "kjt-ops-81d0b3c5-key";
    /** A technology broker, whose role has a small rate in these tests so that the rate-limit test is quick. */
    protected static final String BROKER_KEY = "hohhot-brokers-5e21-key";
    /** The science department's client administrator: manages clients, calls no service. */
    protected static final String ADMIN_KEY = "kjt-client-admin-07aa-key";
    protected static final int BROKER_BURST = 5;
    /** Small, so that the body-limit tests send little. */
    protected static final int MAX_BODY_BYTES = 64 * 1024;
    protected static final int MAX_BULK_BODY_BYTES = 4 * MAX_BODY_BYTES;

    protected static final FakeService services = FakeService.start();
    private static final String CLIENT_STORE = MongoWireStore.freshDatabaseUri("gateway");
    private static final URI DOWN = FakeService.downServiceUrl();
    private static final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    protected static final JsonMapper json = JsonMapper.builder().build();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void gatewayConfiguration(DynamicPropertyRegistry registry) {
        registry.add("mengkeju.identity.signer.kid", () -> KEY_ID);
        registry.add("mengkeju.identity.signer.key", () -> IdentityKeys.encode(SIGNING_KEY.getPrivate()));
        registry.add("mengkeju.gateway.services.catalog", services::url);
        registry.add("mengkeju.gateway.services.matching", services::url);
        registry.add("mengkeju.gateway.services.contract", services::url);
        registry.add("mengkeju.gateway.services.points", services::url);
        registry.add("mengkeju.gateway.services.finance", () -> DOWN);
        // Short, so that the hanging-service test is quick.
        registry.add("mengkeju.gateway.routes.response-timeout", () -> "1s");
        registry.add("mengkeju.gateway.routes.bulk-response-timeout", () -> "10s");
        // Generous, so that a busy build machine does not shed the concurrent-load test's requests.
        registry.add("spring.cloud.gateway.server.webflux.httpclient.pool.acquire-timeout", () -> "60000");
        registry.add("mengkeju.gateway.max-request-body", () -> MAX_BODY_BYTES + "B");
        registry.add("mengkeju.gateway.max-bulk-request-body", () -> MAX_BULK_BODY_BYTES + "B");
        registry.add("mengkeju.gateway.downstream-health.interval", () -> "200ms");

        registry.add("mengkeju.gateway.clients[0].client-id", () -> "imut-tto");
        registry.add("mengkeju.gateway.clients[0].role", () -> "PARTNER");
        registry.add("mengkeju.gateway.clients[0].institution-id", () -> "imut");
        registry.add("mengkeju.gateway.clients[0].region-code", () -> "150100");
        registry.add("mengkeju.gateway.clients[0].key-sha256", () -> sha256Hex(PARTNER_KEY));
        registry.add("mengkeju.gateway.clients[1].client-id", () -> "kjt-operations");
        registry.add("mengkeju.gateway.clients[1].role", () -> "OPERATOR");
        registry.add("mengkeju.gateway.clients[1].key-sha256", () -> sha256Hex(OPERATOR_KEY));
        registry.add("mengkeju.gateway.clients[2].client-id", () -> "hohhot-brokers");
        registry.add("mengkeju.gateway.clients[2].role", () -> "BROKER");
        registry.add("mengkeju.gateway.clients[2].key-sha256", () -> sha256Hex(BROKER_KEY));
        registry.add("mengkeju.gateway.clients[3].client-id", () -> "kjt-client-admin");
        registry.add("mengkeju.gateway.clients[3].role", () -> "ADMIN");
        registry.add("mengkeju.gateway.clients[3].key-sha256", () -> sha256Hex(ADMIN_KEY));
        // The gateway's own database, for clients registered through the admin API.
        registry.add("spring.mongodb.uri", () -> CLIENT_STORE);
        registry.add("mengkeju.gateway.tokens.issuer", () -> TOKEN_ISSUER);
        registry.add("mengkeju.gateway.tokens.signer.kid", () -> "tokens-test");
        registry.add("mengkeju.gateway.tokens.signer.key",
                () -> Base64.getEncoder().encodeToString(TOKEN_KEY.getPrivate().getEncoded()));
        registry.add("mengkeju.gateway.rate-limits.roles.BROKER.burst", () -> BROKER_BURST);
        // One token per 2 s: slow enough that a loaded build machine sends the whole burst before it refills.
        registry.add("mengkeju.gateway.rate-limits.roles.BROKER.per-second", () -> 0.5);
    }

    protected URI gateway(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    protected HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(gateway(path)).GET(), headers);
    }

    protected HttpResponse<String> post(String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(gateway(path)).POST(HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json"), headers);
    }

    /** A request of any method with a body, its headers (Content-Type among them) as given. */
    protected HttpResponse<String> send(String method, String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(gateway(path)).method(method, HttpRequest.BodyPublishers.ofString(body)),
                headers);
    }

    /** A request of any method without a body, e.g. a DELETE. */
    protected HttpResponse<String> request(String method, String path, String... headers) {
        return send(HttpRequest.newBuilder(gateway(path)).method(method, HttpRequest.BodyPublishers.noBody()), headers);
    }

    protected static JsonNode body(HttpResponse<String> response) {
        return json.readTree(response.body());
    }

    protected static String contentType(HttpResponse<String> response) {
        return response.headers().firstValue("Content-Type").orElse("");
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String... headers) {
        if (headers.length > 0) {
            request.headers(headers);
        }
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    protected static String sha256Hex(String key) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
