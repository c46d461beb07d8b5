package org.mengkeju.gateway.apikey;

import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;


/**
 * A client system registered with the gateway, and the identity the services see for it.
 *
 * @param clientId      the registered client, e.g. {@code imut-tto}
 * @param role          what the client is at the gateway (an {@link ClientRole#ADMIN} calls the admin API only)
 * @param institutionId the institution it acts for (university, enterprise, bank), or null
 * @param regionCode    the league-city (盟市) it acts for, six digits such as {@code 150100}, or null
 * @param keySha256     hex SHA-256 of its API key; the key itself is never configured, so the configuration
 *                      leaking does not leak the keys
 */
public record ApiClient(String clientId, ClientRole role, String institutionId, String regionCode, String keySha256) {

    private static final Pattern REGION_CODE = Pattern.compile("\\d{6}");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");

    public ApiClient {
        if (clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("every entry of mengkeju.gateway.clients needs a client-id");
        }
        if (role == null) {
            throw new IllegalArgumentException("client '" + clientId + "' needs a role");
        }
        if (keySha256 == null || !SHA256_HEX.matcher(keySha256).matches()) {
            throw new IllegalArgumentException("client '" + clientId
                    + "' needs key-sha256: the hex SHA-256 of its API key, 64 characters");
        }
        keySha256 = keySha256.toLowerCase(Locale.ROOT);
        institutionId = blankToNull(institutionId);
        regionCode = blankToNull(regionCode);
        if (regionCode != null && !REGION_CODE.matcher(regionCode).matches()) {
            throw new IllegalArgumentException("client '" + clientId + "' has region-code '" + regionCode
                    + "'; expected a six-digit administrative division code such as 150100");
        }
    }

    public AuthenticatedClient authenticated() {
        return new AuthenticatedClient(clientId, role, institutionId, regionCode);
    }

    byte[] keyDigest() {
        return HexFormat.of().parseHex(keySha256);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
