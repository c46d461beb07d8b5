package org.mengkeju.platform.identity;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.json.JsonMapper;

/**
 * Mints identity tokens: only the gateway has one, since only the gateway holds the private key. Each token names
 * the one service it is for, so a token a service receives cannot be replayed against another service.
 */
public final class IdentitySigner {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_REMEMBERED = 10_000;

    private final String kid;
    private final PrivateKey key;
    private final Duration lifetime;
    private final Clock clock;
    /**
     * The token last issued per caller and service, reused during the first quarter of its lifetime: signing every
     * request would cost the gateway more than routing it, and a reused token still has most of its life left.
     */
    private final Map<Audience, Issued> issued = new ConcurrentHashMap<>();

    private record Audience(CallerIdentity caller, String service) {
    }

    private record Issued(String token, Instant at) {
    }

    public IdentitySigner(String kid, PrivateKey key, Duration lifetime, Clock clock) {
        this.kid = IdentityKeys.keyId(kid, "mengkeju.identity.signer.kid");
        this.key = key;
        this.lifetime = lifetime;
        this.clock = clock;
    }

    /** From the gateway's {@code mengkeju.identity.signer.*} settings. */
    public static IdentitySigner of(IdentityProperties properties, Clock clock) {
        if (!properties.hasSigner()) {
            throw new IllegalStateException("mengkeju.identity.signer.key is not set: the gateway cannot sign the "
                    + "identity header the services trust; give it the Ed25519 private key (PKCS#8, base64) and "
                    + "mengkeju.identity.signer.kid, and give the services the public key under that kid");
        }
        return new IdentitySigner(properties.signer().kid(),
                IdentityKeys.privateKey(properties.signer().key(), "mengkeju.identity.signer.key"),
                properties.lifetime(), clock);
    }

    public String kid() {
        return kid;
    }

    /** A token telling {@code audience} (a service's name, e.g. {@code catalog-service}) who is calling. */
    public String issue(CallerIdentity identity, String audience) {
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException("an identity token needs the service it is for");
        }
        Instant now = clock.instant();
        Audience key = new Audience(identity, audience);
        Issued last = issued.get(key);
        if (last != null && !now.isBefore(last.at()) && now.isBefore(last.at().plus(lifetime.dividedBy(4)))) {
            return last.token();
        }
        String token = sign(identity, audience, now);
        if (issued.size() >= MAX_REMEMBERED) {
            issued.clear();
        }
        issued.put(key, new Issued(token, now));
        return token;
    }

    private String sign(CallerIdentity identity, String audience, Instant now) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", identity.clientId());
        claims.put("role", identity.role().name());
        claims.put("inst", identity.institutionId());
        claims.put("region", identity.regionCode());
        claims.put("aud", audience);
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        String encodedClaims = IdentityToken.encode(JSON.writeValueAsBytes(claims));
        byte[] signed = IdentityToken.signed(kid, encodedClaims);
        return new String(signed, java.nio.charset.StandardCharsets.US_ASCII) + "." + IdentityToken.encode(signatureOf(signed));
    }

    private byte[] signatureOf(byte[] content) {
        try {
            Signature signature = Signature.getInstance(IdentityKeys.ALGORITHM);
            signature.initSign(key);
            signature.update(content);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign the identity token with key '" + kid + "'", e);
        }
    }
}
