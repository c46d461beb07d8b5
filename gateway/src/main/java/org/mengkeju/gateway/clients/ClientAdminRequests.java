package org.mengkeju.gateway.clients;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.mengkeju.gateway.apikey.ClientRole;

/** What the admin API reads and answers. */
final class ClientAdminRequests {

    private ClientAdminRequests() {
    }

    /**
     * @param clientId      the new client's id, e.g. {@code ordos-sub-center}
     * @param role          what it is
     * @param institutionId the institution it acts for (required for a partner and a finance institution)
     * @param regionCode    the league-city it acts for (required for a sub-center)
     * @param keyExpiresAt  when its first key stops working; absent for a key that works until rotated or revoked
     */
    record RegisterClient(String clientId, ClientRole role, String institutionId, String regionCode,
            Instant keyExpiresAt) {
    }

    /**
     * @param overlap      how long the client's current keys keep working beside the new one (ISO-8601, e.g.
     *                     {@code PT24H}; default 24 hours, at most 30 days, {@code PT0S} ends them at once)
     * @param keyExpiresAt when the new key stops working; absent for a key that works until rotated or revoked
     */
    record RotateKey(Duration overlap, Instant keyExpiresAt) {
    }

    record KeyView(String keyId, Instant issuedAt, Instant expiresAt) {
    }

    record ClientView(String clientId, ClientRole role, String institutionId, String regionCode, ClientStatus status,
            List<KeyView> keys, Instant registeredAt, String registeredBy, Instant revokedAt, String revokedBy) {

        static ClientView of(RegisteredClient client) {
            return new ClientView(client.clientId(), client.role(), client.institutionId(), client.regionCode(),
                    client.status(), client.keys().stream()
                            .map(key -> new KeyView(key.keyId(), key.issuedAt(), key.expiresAt())).toList(),
                    client.registeredAt(), client.registeredBy(), client.revokedAt(), client.revokedBy());
        }
    }

    /** The answer that carries a new key: the only time the key is ever shown. */
    record IssuedApiKey(ClientView client, String apiKey, String keyId, Instant keyExpiresAt) {

        @Override
        public String toString() {
            return "IssuedApiKey[" + client.clientId() + ", " + keyId + "]";
        }
    }

    record ClientPage(List<ClientView> items, String next) {
    }
}
