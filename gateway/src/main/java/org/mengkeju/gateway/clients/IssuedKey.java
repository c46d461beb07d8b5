package org.mengkeju.gateway.clients;

import java.time.Instant;

/**
 * One API key issued to a client: only its SHA-256 is kept, never the key.
 *
 * @param keyId     a short public name of the key, for listing and revoking it (the key itself is shown once)
 * @param sha256    lower-case hex SHA-256 of the key
 * @param issuedAt  when it was issued
 * @param expiresAt when it stops working, or null for a key that works until it is rotated out or revoked
 */
public record IssuedKey(String keyId, String sha256, Instant issuedAt, Instant expiresAt) {

    boolean worksAt(Instant now) {
        return expiresAt == null || now.isBefore(expiresAt);
    }

    /** The same key, working until {@code end} at the latest. */
    IssuedKey endingBy(Instant end) {
        return expiresAt != null && !expiresAt.isAfter(end) ? this : new IssuedKey(keyId, sha256, issuedAt, end);
    }
}
