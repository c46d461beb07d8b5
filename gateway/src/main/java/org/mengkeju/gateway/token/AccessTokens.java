package org.mengkeju.gateway.token;

import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.mengkeju.gateway.apikey.AuthenticatedClient;
import org.mengkeju.gateway.apikey.BearerTokens;
import org.mengkeju.gateway.apikey.ClientRole;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtAudienceValidator;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import reactor.core.publisher.Mono;

/**
 * Short-lived access tokens (JWT, RS256) for the clients the gateway knows, and their check. A token names its
 * client, role and scope, so a request with it needs no key lookup; it is accepted only if this gateway's key
 * signed it, its issuer is this gateway's, its audience is the gateway, and it has not expired.
 */
class AccessTokens implements BearerTokens {

    /** The audience of every token: the gateway, not a service (services get the gateway's signed identity). */
    static final String AUDIENCE = "mengkeju-gateway";
    private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);
    private static final String TYPE = "at+jwt";

    private final NimbusJwtEncoder encoder;
    private final NimbusReactiveJwtDecoder decoder;
    private final String kid;
    private final TokenProperties properties;
    private final Clock clock;

    AccessTokens(RSAPublicKey publicKey, RSAPrivateKey privateKey, String kid, TokenProperties properties,
            Clock clock) {
        // The key's id in its JWK too, or the encoder finds no key for the header's kid.
        this.encoder = NimbusJwtEncoder.withKeyPair(publicKey, privateKey).jwkPostProcessor(jwk -> jwk.keyID(kid))
                .build();
        this.decoder = NimbusReactiveJwtDecoder.withPublicKey(publicKey).signatureAlgorithm(SignatureAlgorithm.RS256)
                // The type is checked by the validator below, as the access-token type of RFC 9068.
                .validateType(false).build();
        JwtTimestampValidator expiry = new JwtTimestampValidator(CLOCK_SKEW);
        expiry.setClock(clock);
        OAuth2TokenValidator<Jwt> validator = new DelegatingOAuth2TokenValidator<>(List.of(expiry,
                new JwtIssuerValidator(properties.issuer()), new JwtAudienceValidator(AUDIENCE),
                new JwtTypeValidator(TYPE)));
        this.decoder.setJwtValidator(validator);
        this.kid = kid;
        this.properties = properties;
        this.clock = clock;
    }

    /** A token for the client, working for the configured lifetime. */
    IssuedToken issue(AuthenticatedClient client) {
        Instant now = clock.instant();
        Instant expiresAt = now.plus(properties.lifetime());
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .subject(client.clientId())
                .audience(List.of(AUDIENCE))
                .issuedAt(now)
                .notBefore(now)
                .expiresAt(expiresAt)
                .id(UUID.randomUUID().toString())
                .claims(map -> {
                    map.put("role", client.role().name());
                    if (client.institutionId() != null) {
                        map.put("institution_id", client.institutionId());
                    }
                    if (client.regionCode() != null) {
                        map.put("region_code", client.regionCode());
                    }
                })
                .build();
        JwsHeader header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(kid).type(TYPE).build();
        String token = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();
        return new IssuedToken(token, properties.lifetime());
    }

    @Override
    public Mono<AuthenticatedClient> authenticate(String token) {
        return decoder.decode(token)
                .flatMap(jwt -> Mono.justOrEmpty(client(jwt)))
                .onErrorResume(JwtException.class, refused -> Mono.empty());
    }

    private static Optional<AuthenticatedClient> client(Jwt jwt) {
        Map<String, Object> claims = jwt.getClaims();
        String subject = jwt.getSubject();
        Object role = claims.get("role");
        if (subject == null || !(role instanceof String roleName)) {
            return Optional.empty();
        }
        ClientRole clientRole;
        try {
            clientRole = ClientRole.valueOf(roleName);
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
        return Optional.of(new AuthenticatedClient(subject, clientRole, jwt.getClaimAsString("institution_id"),
                jwt.getClaimAsString("region_code")));
    }

    record IssuedToken(String value, Duration lifetime) {

        @Override
        public String toString() {
            return "IssuedToken[" + lifetime + "]";
        }
    }
}
