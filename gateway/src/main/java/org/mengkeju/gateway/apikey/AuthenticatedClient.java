package org.mengkeju.gateway.apikey;

import java.util.Objects;
import java.util.Optional;

import org.mengkeju.platform.identity.CallerIdentity;

/**
 * The client a request was authenticated as, whether its key came from configuration or from the admin API.
 *
 * @param clientId      the registered client, e.g. {@code imut-tto}
 * @param role          what it is at the gateway
 * @param institutionId the institution it acts for, or null
 * @param regionCode    the league-city (盟市) it acts for, or null
 */
public record AuthenticatedClient(String clientId, ClientRole role, String institutionId, String regionCode) {

    public AuthenticatedClient {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(role, "role");
    }

    /** Who the services are told is calling; empty for a client that reaches no service ({@link ClientRole#ADMIN}). */
    public Optional<CallerIdentity> identity() {
        return role.platformRole().map(platformRole -> new CallerIdentity(clientId, platformRole, institutionId,
                regionCode));
    }
}
