package org.mengkeju.launcher.demo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mengkeju.launcher.DevCredentials;

/**
 * The demo's clients on a gateway that keeps its clients in its own database (docker-compose.yml): each is
 * registered through the admin API with the role and scope it has in {@code bin/run}, and the key the answer holds
 * is what the loader calls with. A client registered by an earlier load gets a new key by a rotation that ends its
 * old keys at once ({@code PT0S}), since a key is shown only once and the earlier one was not kept.
 */
public final class DemoClients {

    static final String ADMIN_PATH = "/api/v1/admin/clients";

    private DemoClients() {
    }

    /**
     * Registers (or re-keys) every demo client but contract-service's own, which the compose file configures.
     *
     * @return the plain key of each client, by client id
     */
    public static Map<String, String> issue(String gatewayUrl, String adminKey) {
        if (adminKey == null || adminKey.isBlank()) {
            throw new DemoLoadException("the client administrator's API key is needed to register the demo's"
                    + " clients (MENGKEJU_ADMIN_CLIENT_KEY)");
        }
        Gateway admin = new Gateway(gatewayUrl, client -> adminKey);
        Map<String, String> keys = new LinkedHashMap<>();
        for (DevCredentials.ApiClient client : demoClients()) {
            Map<String, Object> registration = new LinkedHashMap<>();
            registration.put("clientId", client.clientId());
            registration.put("role", client.role());
            if (client.institutionId() != null) {
                registration.put("institutionId", client.institutionId());
            }
            if (client.regionCode() != null) {
                registration.put("regionCode", client.regionCode());
            }
            Gateway.Answer registered = admin.post("admin", ADMIN_PATH, registration, null, 201, 409);
            Gateway.Answer issued = registered.status() == 201 ? registered
                    : admin.post("admin", ADMIN_PATH + "/" + client.clientId() + "/key-rotations",
                            Map.of("overlap", "PT0S"), null, 200, 201);
            keys.put(client.clientId(), Json.string(issued.json(), "apiKey"));
        }
        return keys;
    }

    /** The development clients the scenario acts as: all of {@code bin/run}'s but contract-service's. */
    static List<DevCredentials.ApiClient> demoClients() {
        return DevCredentials.DEFAULT_CLIENTS.stream()
                .filter(c -> !c.clientId().equals(DevCredentials.CONTRACT_SERVICE_CLIENT)).toList();
    }
}
