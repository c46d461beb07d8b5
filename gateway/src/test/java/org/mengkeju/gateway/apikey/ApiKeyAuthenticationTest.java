package org.mengkeju.gateway.apikey;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mengkeju.gateway.FakeService.Received;
import org.mengkeju.gateway.GatewayIntegrationTest;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;

import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyAuthenticationTest extends GatewayIntegrationTest {

    /** What a service verifies the identity header with. */
    private final IdentityToken identityAtTheService = new IdentityToken(SECRET, Duration.ofMinutes(2), Clock.systemUTC());

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
        // A client claiming to be the operations team, signed with a guess at the secret.
        String forged = new IdentityToken("a-guess-at-the-platform-identity-secret", Duration.ofHours(1),
                Clock.systemUTC()).issue(new CallerIdentity("imut-tto", Role.OPERATOR, null, null));

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
        assertThat(identityAtTheService.verify(services.receivedOn(path).getFirst().header(IdentityToken.HEADER)))
                .isEqualTo(new CallerIdentity("kjt-operations", Role.OPERATOR, null, null));
    }

    @Test
    void refusesAnUnknownApiPathWithoutAKeyBeforeSayingItDoesNotExist() {
        var response = get("/api/v1/nope");

        assertThat(response.statusCode()).isEqualTo(401);
    }
}
