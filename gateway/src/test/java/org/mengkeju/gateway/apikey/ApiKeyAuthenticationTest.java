package org.mengkeju.gateway.apikey;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mengkeju.gateway.FakeService.Received;
import org.mengkeju.gateway.GatewayIntegrationTest;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityKeys;
import org.mengkeju.platform.identity.IdentityProperties;
import org.mengkeju.platform.identity.IdentitySigner;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.IdentityVerifier;
import org.mengkeju.platform.identity.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyAuthenticationTest extends GatewayIntegrationTest {

    /** What a service verifies the identity header with: the gateway's public key, and its own name. */
    private static IdentityVerifier service(String name) {
        return IdentityVerifier.of(new IdentityProperties(
                List.of(KEY_ID + ":" + IdentityKeys.encode(SIGNING_KEY.getPublic())), null, name,
                Duration.ofMinutes(2), Duration.ofSeconds(30)), name, Clock.systemUTC());
    }

    private final IdentityVerifier identityAtTheService = service("catalog-service");

    @Test
    void refusesARequestWithoutAnApiKeyAndNeverForwardsIt() {
        String path = "/api/v1/catalog/achievements/" + UUID.randomUUID();

        var response = get(path);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(contentType(response)).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).contains("X-Api-Key"));
        var problem = body(response);
        assertThat(problem.path("type").asString()).isEqualTo("https://mengkeju.org/problems/unauthenticated");
        assertThat(problem.path("title").asString()).isEqualTo("Unauthenticated");
        assertThat(problem.path("status").asInt()).isEqualTo(401);
        assertThat(problem.path("detail").asString()).contains("no X-Api-Key header");
        assertThat(problem.path("instance").asString()).isEqualTo(path);
        assertThat(problem.path("requestId").asString())
                .isEqualTo(response.headers().firstValue("X-Request-Id").orElseThrow());
        assertThat(services.receivedOn(path)).isEmpty();
    }

    @Test
    void refusesAnUnregisteredKeyAndNeverForwardsIt() {
        String path = "/api/v1/contract/registrations/" + UUID.randomUUID();

        var response = post(path, "{\"amountYuan\":\"5000000.00\"}", "X-Api-Key", "imut-tto-guessed-key");

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(contentType(response)).startsWith("application/problem+json");
        assertThat(body(response).path("detail").asString()).contains("not a registered API key");
        assertThat(services.receivedOn(path)).isEmpty();
    }

    @Test
    void forwardsWithASignedIdentityInPlaceOfTheKeyAndOfAnyForgedIdentity() {
        String path = "/api/v1/catalog/achievements/" + UUID.randomUUID();
        // A client claiming to be the operations team, signed with a key of its own under the gateway's key id.
        String forged = new IdentitySigner(KEY_ID, IdentityKeys.generate().getPrivate(), Duration.ofMinutes(2),
                Clock.systemUTC()).issue(new CallerIdentity("imut-tto", Role.OPERATOR, null, null), "catalog-service");

        var response = get(path, "X-Api-Key", PARTNER_KEY, IdentityToken.HEADER, forged);

        assertThat(response.statusCode()).isEqualTo(200);
        Received received = services.receivedOn(path).getFirst();
        assertThat(received.header("X-Api-Key")).isNull();
        assertThat(received.headers().get(IdentityToken.HEADER)).hasSize(1).doesNotContain(forged);
        assertThat(identityAtTheService.verify(received.header(IdentityToken.HEADER)))
                .isEqualTo(new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100"));
    }

    @Test
    void signsAnOperatorWithoutInstitutionOrRegion() {
        String path = "/api/v1/points/accounts/" + UUID.randomUUID();

        var response = get(path, "X-Api-Key", OPERATOR_KEY);

        assertThat(response.statusCode()).isEqualTo(200);
        String token = services.receivedOn(path).getFirst().header(IdentityToken.HEADER);
        assertThat(service("points-service").verify(token))
                .isEqualTo(new CallerIdentity("kjt-operations", Role.OPERATOR, null, null));
        // Signed for the points service only: the catalog refuses it.
        assertThatThrownBy(() -> identityAtTheService.verify(token)).hasMessageContaining("another service");
    }

    @Test
    void everySpellingOfAnApiPathNeedsTheKeyAndIsForwardedWithTheIdentity() {
        for (String api : List.of("/%61pi", "/api;x=1", "/a%70i")) {
            String path = api + "/v1/catalog/achievements/" + UUID.randomUUID();

            var refused = get(path);
            var forwarded = get(path, "X-Api-Key", PARTNER_KEY);

            assertThat(refused.statusCode()).as(path).isEqualTo(401);
            assertThat(body(refused).path("type").asString()).as(path)
                    .isEqualTo("https://mengkeju.org/problems/unauthenticated");
            assertThat(forwarded.statusCode()).as(path).isEqualTo(200);
            assertThat(services.receivedOn(path)).as(path).hasSize(1);
            assertThat(identityAtTheService.verify(services.receivedOn(path).getFirst().header(IdentityToken.HEADER)))
                    .isEqualTo(new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100"));
        }
    }

    @Test
    void anIdentityHeaderAClientSendsOutsideTheApiIsNotPassedOn() {
        String forged = new IdentitySigner(KEY_ID, IdentityKeys.generate().getPrivate(), Duration.ofMinutes(2),
                Clock.systemUTC()).issue(new CallerIdentity("x", Role.OPERATOR, null, null), "catalog-service");
        String path = "//api/v1/catalog/achievements/" + UUID.randomUUID();

        var response = get(path, IdentityToken.HEADER, forged);

        // Not an API path to the gateway and no route serves it; whatever answered, nothing reached a service.
        assertThat(response.statusCode()).isIn(401, 404);
        assertThat(services.receivedOn(path)).isEmpty();
    }

    @Test
    void refusesAnUnknownApiPathWithoutAKeyBeforeSayingItDoesNotExist() {
        var response = get("/api/v1/nope");

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
