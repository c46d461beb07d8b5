package org.mengkeju.launcher.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.launcher.DevCredentials;

/**
 * The demo's clients registered through a gateway's admin API, here a stand-in that answers as the gateway's does
 * (201 with the key once, 409 {@code client-exists} after, a rotation's 201 with a new key): a first load registers
 * each client, a second re-keys the ones that exist.
 */
class DemoClientsTest {

    private static final String ADMIN_KEY = "mkj_admin-key-for-the-demo";

    private HttpServer gateway;
    private final Set<String> registered = ConcurrentHashMap.newKeySet();
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void adminApi() throws IOException {
        gateway = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        gateway.createContext(DemoClients.ADMIN_PATH, this::answer);
        gateway.start();
    }

    @AfterEach
    void stop() {
        gateway.stop(0);
    }

    @Test
    void eachClientIsRegisteredOnceAndReKeyedOnTheNextLoad() {
        Map<String, String> first = DemoClients.issue(url(), ADMIN_KEY);

        List<String> expected = DevCredentials.DEFAULT_CLIENTS.stream().map(DevCredentials.ApiClient::clientId)
                .filter(id -> !id.equals(DevCredentials.CONTRACT_SERVICE_CLIENT)).toList();
        assertThat(first.keySet()).containsExactlyElementsOf(expected);
        assertThat(first).containsEntry("dev-partner", "key-1-dev-partner");
        assertThat(calls).allMatch(call -> call.startsWith("POST " + DemoClients.ADMIN_PATH + " as " + ADMIN_KEY))
                .anyMatch(call -> call.contains("\"clientId\":\"dev-partner\"") && call.contains("\"role\":\"PARTNER\"")
                        && call.contains("\"institutionId\":\"imut\"") && call.contains("\"regionCode\":\"150100\""));
        calls.clear();

        Map<String, String> second = DemoClients.issue(url(), ADMIN_KEY);

        assertThat(second).containsEntry("dev-partner", "key-2-dev-partner").hasSameSizeAs(first);
        assertThat(calls).contains("POST " + DemoClients.ADMIN_PATH + "/dev-partner/key-rotations as " + ADMIN_KEY
                + " {\"overlap\":\"PT0S\"}");
    }

    @Test
    void withoutTheAdministratorsKeyNothingIsCalled() {
        assertThatThrownBy(() -> DemoClients.issue(url(), " "))
                .isInstanceOf(DemoLoadException.class).hasMessageContaining("MENGKEJU_ADMIN_CLIENT_KEY");
        assertThat(calls).isEmpty();
    }

    private String url() {
        return "http://localhost:" + gateway.getAddress().getPort();
    }

    private void answer(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String path = exchange.getRequestURI().getPath();
        calls.add(exchange.getRequestMethod() + " " + path + " as "
                + exchange.getRequestHeaders().getFirst("X-Api-Key") + " " + body);
        if (path.endsWith("/key-rotations")) {
            String clientId = path.split("/")[5];
            send(exchange, 201, "{\"apiKey\":\"key-2-" + clientId + "\",\"keyId\":\"k2\"}");
            return;
        }
        String clientId = (String) Json.object(body).get("clientId");
        if (!registered.add(clientId)) {
            send(exchange, 409, "{\"type\":\"https://mengkeju.org/problems/client-exists\",\"status\":409}");
            return;
        }
        send(exchange, 201, "{\"apiKey\":\"key-1-" + clientId + "\",\"keyId\":\"k1\"}");
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
