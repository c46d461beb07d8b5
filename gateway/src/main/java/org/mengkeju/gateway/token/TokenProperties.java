package org.mengkeju.gateway.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access tokens of the OAuth2 client-credentials grant, under {@code mengkeju.gateway.tokens}.
 *
 * @param issuer   the {@code iss} of every token this gateway issues, and the only one it accepts
 * @param lifetime how long a token works; short, because a revoked client's tokens work until they expire
 * @param signer   the RSA key tokens are signed with (RS256); every replica needs the same one. Without it, each
 *                 gateway makes one at start-up: its tokens then work on that gateway only, until it restarts
 */
@ConfigurationProperties("mengkeju.gateway.tokens")
public record TokenProperties(@DefaultValue("https://gateway.mengkeju.org") String issuer,
        @DefaultValue("5m") Duration lifetime, Signer signer) {

    /**
     * @param kid the key's id, in each token's header
     * @param key the private key, PKCS#8 base64 ({@code openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048})
     */
    public record Signer(String kid, String key) {
    }

    public TokenProperties {
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("mengkeju.gateway.tokens.issuer must not be blank");
        }
        if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("mengkeju.gateway.tokens.lifetime must be positive and at most 1h");
        }
    }
}
