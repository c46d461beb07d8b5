package org.mengkeju.gateway.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mengkeju.gateway.apikey.AuthenticatedClient;
import org.mengkeju.gateway.apikey.ClientRole;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A client system registered through the admin API (注册的接入方): its role and scope, and the keys issued to it.
 * Rotation adds a key and lets the others run out after an overlap, so the client can switch without a gap;
 * revocation ends every key at once. All of it is one document, written whole under its version.
 */
@Document(RegisteredClient.COLLECTION)
public final class RegisteredClient {

    static final String COLLECTION = "clients";
    /** The longest overlap a rotation may grant: the old key must end within a month. */
    static final Duration MAX_OVERLAP = Duration.ofDays(30);

    @Id
    private final String clientId;
    private final ClientRole role;
    private final String institutionId;
    private final String regionCode;
    private ClientStatus status;
    private List<IssuedKey> keys;
    private final Instant registeredAt;
    private final String registeredBy;
    private Instant revokedAt;
    private String revokedBy;
    @Version
    private Long version;

    @PersistenceCreator
    RegisteredClient(String clientId, ClientRole role, String institutionId, String regionCode, ClientStatus status,
            List<IssuedKey> keys, Instant registeredAt, String registeredBy, Instant revokedAt, String revokedBy,
            Long version) {
        this.clientId = clientId;
        this.role = role;
        this.institutionId = institutionId;
        this.regionCode = regionCode;
        this.status = status;
        this.keys = keys == null ? List.of() : List.copyOf(keys);
        this.registeredAt = registeredAt;
        this.registeredBy = registeredBy;
        this.revokedAt = revokedAt;
        this.revokedBy = revokedBy;
        this.version = version;
    }

    /** A new client with its first key; the scope was checked by {@link ClientScope}. */
    static RegisteredClient register(String clientId, ClientRole role, String institutionId, String regionCode,
            IssuedKey firstKey, Instant now, String admin) {
        return new RegisteredClient(clientId, role, institutionId, regionCode, ClientStatus.ACTIVE,
                List.of(firstKey), now, admin, null, null, null);
    }

    /**
     * Adds {@code next} and lets every other key work for {@code overlap} more at most, so the client can deploy
     * the new key before the old one stops; keys that already ended are dropped.
     */
    void rotate(IssuedKey next, Duration overlap, Instant now) {
        requireActive();
        if (overlap.isNegative() || overlap.compareTo(MAX_OVERLAP) > 0) {
            throw new IllegalArgumentException("overlap out of range");
        }
        Instant end = now.plus(overlap);
        List<IssuedKey> rotated = new ArrayList<>();
        for (IssuedKey key : keys) {
            if (key.worksAt(now)) {
                rotated.add(key.endingBy(end));
            }
        }
        rotated.add(next);
        keys = List.copyOf(rotated);
    }

    /** Ends every key at once; revoking again changes nothing. */
    boolean revoke(Instant now, String admin) {
        if (status == ClientStatus.REVOKED) {
            return false;
        }
        status = ClientStatus.REVOKED;
        revokedAt = now;
        revokedBy = admin;
        return true;
    }

    /** Ends one key at once, e.g. the old one before its overlap is over. */
    void revokeKey(String keyId, Instant now) {
        requireActive();
        IssuedKey key = keys.stream().filter(k -> k.keyId().equals(keyId)).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("key", keyId + " of client " + clientId));
        keys = keys.stream().map(k -> k == key ? k.endingBy(now) : k).toList();
    }

    /** The client a presented key authenticates, if the key is one of this client's and works now. */
    Optional<AuthenticatedClient> authenticate(String keySha256, Instant now) {
        if (status != ClientStatus.ACTIVE) {
            return Optional.empty();
        }
        return keys.stream().filter(key -> key.sha256().equals(keySha256) && key.worksAt(now)).findFirst()
                .map(key -> new AuthenticatedClient(clientId, role, institutionId, regionCode));
    }

    private void requireActive() {
        if (status != ClientStatus.ACTIVE) {
            throw ApiProblem.conflict("client-revoked", "Client revoked", "client " + clientId + " was revoked at "
                    + revokedAt + "; register a client under a new id instead");
        }
    }

    public String clientId() {
        return clientId;
    }

    public ClientRole role() {
        return role;
    }

    public String institutionId() {
        return institutionId;
    }

    public String regionCode() {
        return regionCode;
    }

    public ClientStatus status() {
        return status;
    }

    public List<IssuedKey> keys() {
        return keys;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public String registeredBy() {
        return registeredBy;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public String revokedBy() {
        return revokedBy;
    }

    Long version() {
        return version;
    }
}
