package org.mengkeju.gateway.apikey;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The registered clients, under {@code mengkeju.gateway.clients}. Client ids and keys must be unique, so one
 * key always means one identity.
 */
@ConfigurationProperties("mengkeju.gateway")
public record ApiClientsProperties(List<ApiClient> clients) {

    public ApiClientsProperties {
        clients = clients == null ? List.of() : List.copyOf(clients);
        Set<String> ids = new HashSet<>();
        Set<String> keys = new HashSet<>();
        for (ApiClient client : clients) {
            if (!ids.add(client.clientId())) {
                throw new IllegalArgumentException("client-id '" + client.clientId() + "' is registered twice");
            }
            if (!keys.add(client.keySha256())) {
                throw new IllegalArgumentException("client '" + client.clientId()
                        + "' has the same key-sha256 as another client; every client needs its own key");
            }
        }
    }
}
