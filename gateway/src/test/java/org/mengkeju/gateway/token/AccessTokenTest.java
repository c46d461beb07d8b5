package org.mengkeju.gateway.token;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.mengkeju.gateway.FakeService.Received;
import org.mengkeju.gateway.GatewayIntegrationTest;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityKeys;
import org.mengkeju.platform.identity.IdentityProperties;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.IdentityVerifier;
import org.mengkeju.platform.identity.Role;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * OAuth2 client credentials at the gateway: a client trades its id and API key for a short-lived token and calls
 * with it as with its key; tokens of another issuer, another key, expired or altered are refused.
 */
class AccessTokenTest extends GatewayIntegrationTest {

    private final IdentityVerifier catalog = IdentityVerifier.of(new IdentityProperties(
            List.of(KEY_ID + ":" + IdentityKeys.encode(SIGNING_KEY.getPublic())), null, "catalog-service",
            Duration.ofMinutes(2), Duration.ofSeconds(30)), "catalog-service", Clock.systemUTC());

    @Test
    void aPartnerTradesItsKeyForATokenAndCallsWithIt() {
        var issued = tokenRequest("grant_type=client_credentials", "Authorization", basic("imut-tto", PARTNER_KEY));

        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(issued.headers().firstValue("Cache-Control")).hasValueSatisfying(v -> assertThat(v).contains("no-store"));
        assertThat(body(issued).path("token_type").asString()).isEqualTo("Bearer");
        assertThat(body(issued).path("expires_in").asLong()).isEqualTo(300);
        String token = body(issued).path("access_token").asString();

        String path = "/api/v1/catalog/achievements/" + UUID.randomUUID();
        var response = get(path, "Authorization", "Bearer " + token);

        assertThat(response.statusCode()).isEqualTo(200);
        Received received = services.receivedOn(path).getFirst();
        assertThat(received.header("Authorization")).as("the token stays at the gateway").isNull();
        assertThat(catalog.verify(received.header(IdentityToken.HEADER)))
                .isEqualTo(new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100"));
    }

    @Test
    void aRegisteredClientGetsATokenWithTheSecretInTheForm() {
        String clientId = "wuhai-tto-" + UUID.randomUUID().toString().substring(0, 6);
        var registered = post("/api/v1/admin/clients", """
                {"clientId":"%s","role":"PARTNER","institutionId":"wuhai-univ","regionCode":"150300"}
                """.formatted(clientId), "X-Api-Key", ADMIN_KEY);
        String key = body(registered).path("apiKey").asString();

        var issued = tokenRequest("grant_type=client_credentials&client_id=" + clientId + "&client_secret="
                + URLEncoder.encode(key, StandardCharsets.UTF_8));
        String path = "/api/v1/catalog/achievements/" + UUID.randomUUID();
        var response = get(path, "Authorization", "Bearer " + body(issued).path("access_token").asString());

        assertThat(issued.statusCode()).isEqualTo(200);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(catalog.verify(services.receivedOn(path).getFirst().header(IdentityToken.HEADER)))
                .isEqualTo(new CallerIdentity(clientId, Role.PARTNER, "wuhai-univ", "150300"));

        // Revoking the client ends its tokens too, not only its keys.
        post("/api/v1/admin/clients/" + clientId + "/revocation", "", "X-Api-Key", ADMIN_KEY);
        var afterRevocation = get("/api/v1/catalog/achievements", "Authorization",
                "Bearer " + body(issued).path("access_token").asString());
        assertThat(afterRevocation.statusCode()).isEqualTo(401);
        assertThat(body(afterRevocation).path("detail").asString()).contains("revoked");
    }

    @Test
    void anAdministratorsTokenReachesTheAdminApiOnly() {
        String token = body(tokenRequest("grant_type=client_credentials", "Authorization",
                basic("kjt-client-admin", ADMIN_KEY))).path("access_token").asString();

        assertThat(get("/api/v1/admin/clients", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
        assertThat(get("/api/v1/catalog/achievements", "Authorization", "Bearer " + token).statusCode())
                .isEqualTo(403);
    }

    @Test
    void theTokenEndpointRefusesWhatRfc6749Refuses() {
        var wrongSecret = tokenRequest("grant_type=client_credentials", "Authorization",
                basic("imut-tto", "imut-tto-guessed"));
        var anotherClientsKey = tokenRequest("grant_type=client_credentials", "Authorization",
                basic("kjt-operations", PARTNER_KEY));
        var password = tokenRequest("grant_type=password&username=a&password=b", "Authorization",
                basic("imut-tto", PARTNER_KEY));
        var noGrant = tokenRequest("client_id=imut-tto&client_secret=" + PARTNER_KEY);
        var twoWays = tokenRequest("grant_type=client_credentials&client_secret=" + PARTNER_KEY, "Authorization",
                basic("imut-tto", PARTNER_KEY));
        var json = post("/oauth2/token", "{\"grant_type\":\"client_credentials\"}");

        assertThat(wrongSecret.statusCode()).isEqualTo(401);
        assertThat(body(wrongSecret).path("error").asString()).isEqualTo("invalid_client");
        assertThat(wrongSecret.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                v -> assertThat(v).startsWith("Basic"));
        assertThat(anotherClientsKey.statusCode()).isEqualTo(401);
        assertThat(password.statusCode()).isEqualTo(400);
        assertThat(body(password).path("error").asString()).isEqualTo("unsupported_grant_type");
        assertThat(noGrant.statusCode()).isEqualTo(400);
        assertThat(body(noGrant).path("error").asString()).isEqualTo("invalid_request");
        assertThat(twoWays.statusCode()).isEqualTo(400);
        assertThat(json.statusCode()).isEqualTo(400);
    }

    @Test
    void tokensOfAnotherIssuerOrKeyExpiredOrAlteredAreRefused() throws Exception {
        Instant now = Instant.now();
        KeyPair stranger = KeyPairGenerator.getInstance("RSA").genKeyPair();
        String otherKey = sign(stranger, TOKEN_ISSUER, now, now.plusSeconds(300), "OPERATOR");
        String otherIssuer = sign(TOKEN_KEY, "https://login.example.com", now, now.plusSeconds(300), "OPERATOR");
        String expired = sign(TOKEN_KEY, TOKEN_ISSUER, now.minusSeconds(600), now.minusSeconds(60), "OPERATOR");
        String valid = sign(TOKEN_KEY, TOKEN_ISSUER, now, now.plusSeconds(300), "PARTNER");
        String unknownClient = signFor("ghost-tto", TOKEN_KEY, now);
        String[] parts = valid.split("\\.");
        String raised = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("PARTNER", "OPERATOR").getBytes(StandardCharsets.UTF_8)) + "." + parts[2];

        // The forged ones are signed as validly as the gateway signs: only what is wrong with each differs.
        assertThat(bearer(valid).statusCode()).isEqualTo(200);
        for (String refused : List.of(otherKey, otherIssuer, expired, raised, unknownClient, "not-a-jwt")) {
            var response = bearer(refused);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(body(response).path("type").asString())
                    .isEqualTo("https://mengkeju.org/problems/unauthenticated");
        }
        assertThat(get("/actuator/prometheus").body()).containsPattern(
                "mengkeju_gateway_authentications_total\\{[^}]*method=\"bearer\",outcome=\"refused\"[^}]*} [1-9]");
    }

    private HttpResponse<String> bearer(String token) {
        return get("/api/v1/catalog/achievements", "Authorization", "Bearer " + token);
    }

    private static String sign(KeyPair key, String issuer, Instant issuedAt, Instant expiresAt, String role) {
        return sign("imut-tto", key, issuer, issuedAt, expiresAt, role);
    }

    private static String signFor(String clientId, KeyPair key, Instant now) {
        return sign(clientId, key, TOKEN_ISSUER, now, now.plusSeconds(300), "PARTNER");
    }

    private static String sign(String clientId, KeyPair key, String issuer, Instant issuedAt, Instant expiresAt,
            String role) {
        NimbusJwtEncoder encoder = NimbusJwtEncoder.withKeyPair((RSAPublicKey) key.getPublic(),
                (RSAPrivateKey) key.getPrivate()).jwkPostProcessor(jwk -> jwk.keyID("tokens-test")).build();
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).subject(clientId)
                .audience(List.of("mengkeju-gateway")).issuedAt(issuedAt).notBefore(issuedAt).expiresAt(expiresAt)
                .claim("role", role).claim("institution_id", "imut").build();
        return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256)
                .keyId("tokens-test").type("at+jwt").build(), claims)).getTokenValue();
    }

    private HttpResponse<String> tokenRequest(String form, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/x-www-form-urlencoded";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("POST", "/oauth2/token", form, all);
    }

    private static String basic(String clientId, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
    }
}
