package org.mengkeju.platform.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The identity the gateway passes to a service: {@code v1.<base64url JSON claims>.<base64url HMAC-SHA256>},
 * signed with a secret only the gateway and the services hold, and short-lived, so a service can trust it
 * without calling anyone and a header forged or replayed by a client is refused.
 */
public final class IdentityToken {

    /** The request header that carries the token from the gateway to a service. */
    public static final String HEADER = "X-Mengkeju-Identity";
    private static final String VERSION = "v1";
    private static final String ALGORITHM = "HmacSHA256";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final Duration lifetime;
    private final Clock clock;

    public IdentityToken(String secret, Duration lifetime, Clock clock) {
        if (secret == null || secret.length() < 32) {
            throw new IllegalArgumentException("the identity secret must be at least 32 characters");
        }
        this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.lifetime = lifetime;
        this.clock = clock;
    }

    public String issue(CallerIdentity identity) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", identity.clientId());
        claims.put("role", identity.role().name());
        claims.put("inst", identity.institutionId());
        claims.put("region", identity.regionCode());
        claims.put("exp", clock.instant().plus(lifetime).getEpochSecond());
        String body = VERSION + "." + ENCODER.encodeToString(JSON.writeValueAsBytes(claims));
        return body + "." + ENCODER.encodeToString(sign(body));
    }

    /** The identity in a token, or an {@link InvalidIdentityException} saying why it cannot be trusted. */
    public CallerIdentity verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidIdentityException("no verified identity on the request");
        }
        int lastDot = token.lastIndexOf('.');
        if (!token.startsWith(VERSION + ".") || lastDot <= VERSION.length()) {
            throw new InvalidIdentityException("identity token is not in the v1 format");
        }
        String body = token.substring(0, lastDot);
        byte[] signature;
        try {
            signature = DECODER.decode(token.substring(lastDot + 1));
        } catch (IllegalArgumentException e) {
            throw new InvalidIdentityException("identity signature is not base64url");
        }
        if (!MessageDigest.isEqual(sign(body), signature)) {
            throw new InvalidIdentityException("identity signature does not verify");
        }
        try {
            var claims = JSON.readTree(DECODER.decode(body.substring(VERSION.length() + 1)));
            if (Instant.ofEpochSecond(claims.path("exp").asLong()).isBefore(clock.instant())) {
                throw new InvalidIdentityException("identity token expired");
            }
            return new CallerIdentity(claims.path("sub").asString(), Role.valueOf(claims.path("role").asString()),
                    textOrNull(claims.get("inst")), textOrNull(claims.get("region")));
        } catch (JacksonException | IllegalArgumentException e) {
            throw new InvalidIdentityException("identity claims are unreadable");
        }
    }

    private static String textOrNull(tools.jackson.databind.JsonNode node) {
        return node == null || node.isNull() ? null : node.asString();
    }

    private byte[] sign(String body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 unavailable", e);
        }
    }
}
