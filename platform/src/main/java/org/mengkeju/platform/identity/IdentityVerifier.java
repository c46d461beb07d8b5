package org.mengkeju.platform.identity;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks the identity header on a service: signed by a trusted gateway key (chosen by the token's kid, so two keys
 * can be trusted while one replaces the other), issued for this service, and within its lifetime. Holds public
 * keys only: it can tell a real identity from a forged one but cannot make one.
 */
public final class IdentityVerifier {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int MAX_REMEMBERED = 10_000;
    /** Far above a real token (about 350 characters); longer is refused before any decoding. */
    private static final int MAX_TOKEN_LENGTH = 2_048;

    private final Map<String, PublicKey> trusted;
    private final String audience;
    private final Duration maxLifetime;
    private final Duration maxClockSkew;
    private final Clock clock;
    /**
     * Tokens already verified, with their expiry: a gateway reuses a token for a while and an Ed25519 check costs
     * more than the rest of a small request. Keyed by the whole token, signature included, and expiry is checked on
     * every use, so a hit is exactly as valid as a fresh check.
     */
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(CallerIdentity identity, Instant expires) {
    }

    /**
     * @param maxLifetime the longest {@code exp - iat} accepted, so a token minted with a long life is refused even
     *                    when its signature is good
     */
    public IdentityVerifier(Map<String, PublicKey> trusted, String audience, Duration maxLifetime,
            Duration maxClockSkew, Clock clock) {
        if (trusted.isEmpty()) {
            throw new IllegalStateException("mengkeju.identity.keys is empty: the service cannot verify the "
                    + "gateway's identity header; give it the gateway's public key as '<kid>:<X.509 base64>'");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalStateException("the service has no name to check the identity's audience against; "
                    + "set spring.application.name or mengkeju.identity.audience");
        }
        this.trusted = Map.copyOf(trusted);
        this.audience = audience;
        this.maxLifetime = maxLifetime;
        this.maxClockSkew = maxClockSkew;
        this.clock = clock;
    }

    /** From a service's {@code mengkeju.identity.*} settings; {@code applicationName} is the default audience. */
    public static IdentityVerifier of(IdentityProperties properties, String applicationName, Clock clock) {
        String audience = properties.audience() == null || properties.audience().isBlank()
                ? applicationName : properties.audience();
        return new IdentityVerifier(IdentityKeys.trusted(properties.keys(), "mengkeju.identity.keys"), audience,
                properties.lifetime(), properties.maxClockSkew(), clock);
    }

    public String audience() {
        return audience;
    }

    public Set<String> trustedKeyIds() {
        return trusted.keySet();
    }

    /** The identity in a token, or an {@link InvalidIdentityException} saying why it cannot be trusted. */
    public CallerIdentity verify(String token) {
        if (token == null || token.isBlank()) {
            throw new InvalidIdentityException("no verified identity on the request");
        }
        Verified known = verified.get(token);
        if (known != null) {
            if (known.expires().isAfter(clock.instant().minus(maxClockSkew))) {
                return known.identity();
            }
            verified.remove(token);
            throw new InvalidIdentityException("identity token expired");
        }
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidIdentityException("identity token is longer than " + MAX_TOKEN_LENGTH + " characters");
        }
        Verified fresh = check(token);
        if (verified.size() >= MAX_REMEMBERED) {
            // Tokens of many callers at once, or a flood of valid ones: start over rather than grow.
            verified.clear();
        }
        verified.put(token, fresh);
        return fresh.identity();
    }

    private Verified check(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 4 || !IdentityToken.VERSION.equals(parts[0])) {
            throw new InvalidIdentityException("identity token is not in the " + IdentityToken.VERSION + " format");
        }
        String kid = parts[1];
        PublicKey key = trusted.get(kid);
        if (key == null) {
            throw new InvalidIdentityException("identity token is signed with an unknown key id");
        }
        if (!verifies(key, IdentityToken.signed(kid, parts[2]), IdentityToken.decode(parts[3], "signature"))) {
            throw new InvalidIdentityException("identity signature does not verify");
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(IdentityToken.decode(parts[2], "claims"));
        } catch (JacksonException e) {
            throw new InvalidIdentityException("identity claims are unreadable");
        }
        Instant expires = checkAudienceAndTime(claims);
        try {
            return new Verified(new CallerIdentity(text(claims, "sub"), Role.valueOf(text(claims, "role")),
                    text(claims, "inst"), text(claims, "region")), expires);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new InvalidIdentityException("identity claims are incomplete");
        }
    }

    /** The token's expiry, once its audience and times are acceptable. */
    private Instant checkAudienceAndTime(JsonNode claims) {
        if (!audience.equals(text(claims, "aud"))) {
            throw new InvalidIdentityException("identity token was issued for another service");
        }
        JsonNode iat = claims.get("iat");
        JsonNode exp = claims.get("exp");
        if (iat == null || exp == null || !iat.canConvertToLong() || !exp.canConvertToLong()) {
            throw new InvalidIdentityException("identity token has no issue or expiry time");
        }
        Instant issued = Instant.ofEpochSecond(iat.asLong());
        Instant expires = Instant.ofEpochSecond(exp.asLong());
        Instant now = clock.instant();
        if (!expires.isAfter(now.minus(maxClockSkew))) {
            throw new InvalidIdentityException("identity token expired");
        }
        if (issued.isAfter(now.plus(maxClockSkew))) {
            throw new InvalidIdentityException("identity token is issued in the future");
        }
        if (Duration.between(issued, expires).compareTo(maxLifetime) > 0) {
            throw new InvalidIdentityException("identity token lives longer than " + maxLifetime.toSeconds() + " s");
        }
        return expires;
    }

    private static boolean verifies(PublicKey key, byte[] content, byte[] signatureBytes) {
        try {
            Signature signature = Signature.getInstance(IdentityKeys.ALGORITHM);
            signature.initVerify(key);
            signature.update(content);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    private static String text(JsonNode claims, String name) {
        JsonNode node = claims.get(name);
        return node == null || node.isNull() ? null : node.asString();
    }
}
