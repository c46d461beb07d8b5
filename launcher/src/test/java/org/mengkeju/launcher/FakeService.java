package org.mengkeju.launcher;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for a service jar in the launcher's own tests (the real services are exercised by the system tests):
 * prints its arguments, serves {@code /actuator/health} and its readiness group on {@code --server.port}, and can fail
 * on demand ({@code --fake.exit-code=3}, {@code --fake.health=DOWN}, {@code --fake.readiness=DOWN}: live, not ready). One class file with JDK classes only, so it can be copied
 * into a jar as is.
 */
public final class FakeService {

    private FakeService() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String variable : new String[] {"MENGKEJU_IDENTITY_KEYS", "MENGKEJU_IDENTITY_SIGNER_KID",
                "MENGKEJU_IDENTITY_SIGNER_KEY"}) {
            if (System.getenv(variable) != null) {
                System.out.println("env " + variable + "=" + System.getenv(variable));
            }
        }
        for (String arg : args) {
            System.out.println("arg " + arg);
            if (arg.startsWith("--") && arg.contains("=")) {
                options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        if (options.containsKey("fake.exit-code")) {
            System.out.println("fake failure: giving up on purpose");
            System.exit(Integer.parseInt(options.get("fake.exit-code")));
        }
        String status = options.getOrDefault("fake.health", "UP");
        int port = Integer.parseInt(options.get("server.port"));
        HttpServer server = HttpServer.create(options.containsKey("server.address")
                ? new InetSocketAddress(options.get("server.address"), port) : new InetSocketAddress(port), 0);
        server.createContext("/actuator/health", exchange -> {
            byte[] body = ("{\"groups\":[\"liveness\",\"readiness\"],\"components\":{\"ping\":{\"status\":\"UP\"}},"
                    + "\"status\":\"" + status + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders("UP".equals(status) ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        String readiness = options.getOrDefault("fake.readiness", status);
        server.createContext("/actuator/health/readiness", exchange -> {
            byte[] body = ("{\"status\":\"" + readiness + "\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders("UP".equals(readiness) ? 200 : 503, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("fake service stopping");
            server.stop(0);
        }));
        System.out.println("fake service started on port " + options.get("server.port"));
    }
}
