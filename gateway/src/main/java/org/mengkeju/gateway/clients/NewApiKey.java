package org.mengkeju.gateway.clients;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

import org.mengkeju.gateway.apikey.ApiKeys;

/**
 * A freshly generated API key: 32 random bytes, URL-safe, prefixed {@code mkj_} so that a leaked key is easy to
 * recognise in a log or a repository scan. The key is returned to the administrator once; only its hash is kept.
 */
record NewApiKey(String key, IssuedKey issued) {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder URL_SAFE = Base64.getUrlEncoder().withoutPadding();

    static NewApiKey generate(Instant now, Instant expiresAt) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        byte[] id = new byte[4];
        RANDOM.nextBytes(id);
        String key = "mkj_" + URL_SAFE.encodeToString(secret);
        String sha256 = HexFormat.of().formatHex(ApiKeys.sha256(key));
        return new NewApiKey(key, new IssuedKey(HexFormat.of().formatHex(id), sha256, now, expiresAt));
    }

    @Override
    public String toString() {
        // Never the key itself, whatever logs this record.
        return "NewApiKey[" + issued.keyId() + "]";
    }
}
