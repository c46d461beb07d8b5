package org.mengkeju.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mengkeju.gateway.GatewayIntegrationTest;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityKeys;
import org.mengkeju.platform.identity.IdentityProperties;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.IdentityVerifier;
import org.mengkeju.platform.identity.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Client management through the admin API, on the real gateway and the MongoDB-wire store: keys issued once,
 * kept as hashes, rotated with an overlap, revoked, expired; only administrators manage clients.
 */
class ClientAdminTest extends GatewayIntegrationTest {

    private static final String CLIENTS = "/api/v1/admin/clients";

    @Autowired
    private ReactiveMongoTemplate store;

    private final IdentityVerifier catalog = IdentityVerifier.of(new IdentityProperties(
            List.of(KEY_ID + ":" + IdentityKeys.encode(SIGNING_KEY.getPublic())), null, "catalog-service",
            Duration.ofMinutes(2), Duration.ofSeconds(30)), "catalog-service", Clock.systemUTC());

    @Test
    void aRegisteredSubCenterCallsWithItsKeyUntilRotatedOutAndRevoked() {
        String clientId = unique("baotou-sub-center");
        var registered = admin(CLIENTS, """
                {"clientId":"%s","role":"SUB_CENTER","institutionId":"baotou-sub-center","regionCode":"150200"}
                """.formatted(clientId));

        assertThat(registered.statusCode()).isEqualTo(201);
        assertThat(registered.headers().firstValue("Location")).hasValue(CLIENTS + "/" + clientId);
        assertThat(registered.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("no-store"));
        String firstKey = body(registered).path("apiKey").asString();
        assertThat(firstKey).startsWith("mkj_").hasSizeGreaterThan(40);
        assertThat(body(registered).path("client").path("status").asString()).isEqualTo("ACTIVE");

        // The key works, and the service sees the sub-center's scope.
        String path = "/api/v1/catalog/sync/changes/" + UUID.randomUUID();
        assertThat(get(path, "X-Api-Key", firstKey).statusCode()).isEqualTo(200);
        assertThat(catalog.verify(services.receivedOn(path).getFirst().header(IdentityToken.HEADER)))
                .isEqualTo(new CallerIdentity(clientId, Role.SUB_CENTER, "baotou-sub-center", "150200"));

        // Only the hash is stored, never the key.
        Document stored = store.findById(clientId, Document.class, "clients").block(Duration.ofSeconds(10));
        assertThat(stored).isNotNull();
        assertThat(stored.toJson()).doesNotContain(firstKey).contains(sha256Hex(firstKey));

        var rotated = admin(CLIENTS + "/" + clientId + "/key-rotations", "{\"overlap\":\"PT6S\"}");
        assertThat(rotated.statusCode()).isEqualTo(201);
        String secondKey = body(rotated).path("apiKey").asString();
        assertThat(secondKey).isNotEqualTo(firstKey);
        // During the overlap both keys work.
        assertThat(read(firstKey).statusCode()).isEqualTo(200);
        assertThat(read(secondKey).statusCode()).isEqualTo(200);
        JsonNode keys = body(rotated).path("client").path("keys");
        assertThat(keys.size()).isEqualTo(2);
        assertThat(keys.get(0).path("expiresAt").isNull()).isFalse();

        // After it the old key is refused, the new one still works.
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(read(firstKey).statusCode()).isEqualTo(401));
        assertThat(read(secondKey).statusCode()).isEqualTo(200);

        var revoked = admin(CLIENTS + "/" + clientId + "/revocation", "");
        assertThat(revoked.statusCode()).isEqualTo(200);
        assertThat(body(revoked).path("status").asString()).isEqualTo("REVOKED");
        assertThat(body(revoked).path("revokedBy").asString()).isEqualTo("kjt-client-admin");

        // Revoked through this gateway: refused at once, as a 401 problem.
        var refused = read(secondKey);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(contentType(refused)).startsWith("application/problem+json");
        assertThat(body(refused).path("type").asString()).isEqualTo("https://mengkeju.org/problems/unauthenticated");
        // A revoked client's key is not rotated back to life.
        assertThat(admin(CLIENTS + "/" + clientId + "/key-rotations", "{}").statusCode()).isEqualTo(409);
    }

    @Test
    void aKeyStopsWorkingWhenItExpires() {
        String clientId = unique("boimc-lending");
        // Long enough for a loaded build machine to register and call once before it ends.
        Instant expiresAt = Instant.now().plusSeconds(5);
        var registered = admin(CLIENTS, """
                {"clientId":"%s","role":"FINANCE_INSTITUTION","institutionId":"bank-of-inner-mongolia",
                 "keyExpiresAt":"%s"}
                """.formatted(clientId, expiresAt));
        assertThat(registered.statusCode()).isEqualTo(201);
        String key = body(registered).path("apiKey").asString();
        assertThat(body(registered).path("keyExpiresAt").asString()).isEqualTo(expiresAt.toString());

        assertThat(read(key).statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .untilAsserted(() -> assertThat(read(key).statusCode()).isEqualTo(401));
        assertThat(body(read(key)).path("detail").asString()).contains("revoked or has expired");
    }

    @Test
    void oneKeyOfAClientCanBeEndedBeforeItsOverlapIsOver() {
        String clientId = unique("imau-tto");
        var registered = admin(CLIENTS, """
                {"clientId":"%s","role":"PARTNER","institutionId":"imau","regionCode":"150100"}
                """.formatted(clientId));
        String oldKey = body(registered).path("apiKey").asString();
        String oldKeyId = body(registered).path("keyId").asString();
        String newKey = body(admin(CLIENTS + "/" + clientId + "/key-rotations", "{\"overlap\":\"PT24H\"}"))
                .path("apiKey").asString();
        assertThat(read(oldKey).statusCode()).isEqualTo(200);

        var ended = send("DELETE", CLIENTS + "/" + clientId + "/keys/" + oldKeyId, ADMIN_KEY);

        assertThat(ended.statusCode()).isEqualTo(200);
        assertThat(read(oldKey).statusCode()).isEqualTo(401);
        assertThat(read(newKey).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyAdministratorsManageClientsAndAdministratorsCallNoService() {
        String body = "{\"clientId\":\"" + unique("rogue") + "\",\"role\":\"OPERATOR\"}";

        var byOperator = post(CLIENTS, body, "X-Api-Key", OPERATOR_KEY);
        var byPartner = get(CLIENTS, "X-Api-Key", PARTNER_KEY);
        var adminToService = get("/api/v1/catalog/achievements", "X-Api-Key", ADMIN_KEY);
        var withoutKey = post(CLIENTS, body);

        assertThat(byOperator.statusCode()).isEqualTo(403);
        assertThat(contentType(byOperator)).startsWith("application/problem+json");
        assertThat(body(byOperator).path("type").asString()).isEqualTo("https://mengkeju.org/problems/forbidden");
        assertThat(body(byOperator).path("detail").asString()).contains("only an ADMIN");
        assertThat(byPartner.statusCode()).isEqualTo(403);
        assertThat(adminToService.statusCode()).isEqualTo(403);
        assertThat(body(adminToService).path("detail").asString()).contains("calls no service");
        assertThat(withoutKey.statusCode()).isEqualTo(401);
        assertThat(get(CLIENTS, "X-Api-Key", ADMIN_KEY).statusCode()).isEqualTo(200);
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        String clientId = unique("ordos-bank");
        assertInvalid("{\"clientId\":\"" + clientId + "\"}", "role");
        assertInvalid("{\"clientId\":\"" + clientId + "\",\"role\":\"FINANCE_INSTITUTION\"}", "institutionId");
        assertInvalid("{\"clientId\":\"" + clientId + "\",\"role\":\"SUB_CENTER\",\"regionCode\":\"Ordos\"}",
                "regionCode");
        assertInvalid("{\"clientId\":\"" + clientId + "\",\"role\":\"KING\"}", "role");
        assertInvalid("{\"clientId\":\"" + clientId + "\",\"role\":\"ADMIN\",\"institutionId\":\"imut\"}",
                "institutionId");
        assertInvalid("{\"clientId\":\"" + clientId + "\",\"role\":\"BROKER\",\"scope\":\"all\"}", "scope");
        assertInvalid("{\"clientId\":\"" + clientId + "\",\"role\":\"BROKER\",\"keyExpiresAt\":\"2020-01-01T00:00:00Z\"}",
                "keyExpiresAt");
        assertInvalid("{\"clientId\":\"Ordos Bank\",\"role\":\"BROKER\"}", "clientId");
        assertInvalid("[1,2]", "body");
        assertInvalid("", "body");

        assertThat(get(CLIENTS + "/" + clientId, "X-Api-Key", ADMIN_KEY).statusCode()).isEqualTo(404);

        String registered = unique("ordos-tto");
        admin(CLIENTS, "{\"clientId\":\"" + registered + "\",\"role\":\"PARTNER\",\"institutionId\":\"ordos-inst\"}");
        var tooLong = admin(CLIENTS + "/" + registered + "/key-rotations", "{\"overlap\":\"P90D\"}");
        assertThat(tooLong.statusCode()).isEqualTo(400);
        assertThat(body(tooLong).path("errors").get(0).path("field").asString()).isEqualTo("overlap");
        assertThat(get(CLIENTS + "/" + registered, "X-Api-Key", ADMIN_KEY).statusCode()).isEqualTo(200);
        assertThat(body(get(CLIENTS + "/" + registered, "X-Api-Key", ADMIN_KEY)).path("keys").size()).isEqualTo(1);
    }

    @Test
    void aLineBreakInAClientIdNeverReachesAHeader() {
        var inBody = admin(CLIENTS, "{\"clientId\":\"evil\\r\\nX-Role: OPERATOR\",\"role\":\"PARTNER\","
                + "\"institutionId\":\"imut\"}");
        var inPath = send("POST", CLIENTS + "/evil%0D%0AX-Injected:%20yes/key-rotations", ADMIN_KEY);

        assertThat(inBody.statusCode()).isEqualTo(400);
        assertThat(body(inBody).path("errors").get(0).path("field").asString()).isEqualTo("clientId");
        assertThat(inPath.statusCode()).isEqualTo(400);
        assertThat(body(inPath).path("errors").get(0).path("field").asString()).isEqualTo("clientId");
        assertThat(inPath.headers().firstValue("X-Injected")).isEmpty();
    }

    @Test
    void aClientIdIsTakenOnceWhetherConfiguredOrRegistered() {
        String clientId = unique("hohhot-brokerage");
        String body = "{\"clientId\":\"" + clientId + "\",\"role\":\"BROKER\"}";

        assertThat(admin(CLIENTS, body).statusCode()).isEqualTo(201);
        var again = admin(CLIENTS, body);
        var configured = admin(CLIENTS, "{\"clientId\":\"imut-tto\",\"role\":\"PARTNER\",\"institutionId\":\"imut\"}");

        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(body(again).path("type").asString()).endsWith("/client-exists");
        assertThat(configured.statusCode()).isEqualTo(409);
        assertThat(admin(CLIENTS + "/imut-tto/key-rotations", "{}").statusCode()).isEqualTo(409);
        assertThat(body(get(CLIENTS + "?limit=500", "X-Api-Key", ADMIN_KEY)).path("items").toString())
                .contains(clientId);
    }

    private void assertInvalid(String body, String field) {
        var response = admin(CLIENTS, body);
        assertThat(response.statusCode()).as(body).isEqualTo(400);
        assertThat(contentType(response)).startsWith("application/problem+json");
        assertThat(body(response).path("type").asString()).isEqualTo("https://mengkeju.org/problems/invalid-request");
        assertThat(body(response).path("errors").findValuesAsString("field")).as(body).contains(field);
    }

    private HttpResponse<String> admin(String path, String body) {
        return post(path, body, "X-Api-Key", ADMIN_KEY);
    }

    private HttpResponse<String> read(String key) {
        return get("/api/v1/catalog/achievements", "X-Api-Key", key);
    }

    private HttpResponse<String> send(String method, String path, String key) {
        return request(method, path, "X-Api-Key", key);
    }

    private static String unique(String base) {
        return base + "-" + UUID.randomUUID().toString().substring(0, 6);
    }
}
