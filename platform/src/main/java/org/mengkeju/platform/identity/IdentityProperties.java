package org.mengkeju.platform.identity;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The identity header's keys and limits, under {@code mengkeju.identity}. The gateway holds the private key and
 * signs; a service holds only public keys and verifies, so a service (or whoever reads its configuration) can
 * check an identity but never mint one.
 *
 * @param keys     trusted public keys, {@code <kid>:<X.509 base64>} each (env {@code MENGKEJU_IDENTITY_KEYS},
 *                 comma-separated); list the old and the new key while rotating
 * @param signer   the gateway's current signing key; must be absent on a service
 * @param audience who a service accepts tokens for; its {@code spring.application.name} when not set
 * @param lifetime how long a token the gateway issues stays valid (covers one request, retries included)
 * @param maxClockSkew how far the gateway's and a service's clocks may disagree
 */
@ConfigurationProperties("mengkeju.identity")
public record IdentityProperties(List<String> keys, Signer signer, String audience,
        @DefaultValue("2m") Duration lifetime, @DefaultValue("30s") Duration maxClockSkew) {

    /**
     * @param kid the key id written into every token, so services can pick the key while two are trusted
     * @param key the Ed25519 private key, PKCS#8 base64 (env {@code MENGKEJU_IDENTITY_SIGNER_KEY})
     */
    public record Signer(String kid, String key) {
    }

    public IdentityProperties {
        keys = keys == null ? List.of() : List.copyOf(keys);
    }

    public boolean hasSigner() {
        return signer != null && signer.key() != null && !signer.key().isBlank();
    }
}
