package org.mengkeju.platform.identity;

import java.util.Objects;

/**
 * Who is calling, as verified by the gateway from the client's API key.
 *
 * @param clientId      the registered client, e.g. {@code imut-tto}
 * @param role          what the client is on the platform
 * @param institutionId the institution it acts for (university, enterprise, bank), or null
 * @param regionCode    the league-city (盟市) it acts for, e.g. {@code 150600} for Ordos, or null
 */
public record CallerIdentity(String clientId, Role role, String institutionId, String regionCode) {

    public CallerIdentity {
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(role, "role");
    }

    public boolean is(Role expected) {
        return role == expected;
    }
}
