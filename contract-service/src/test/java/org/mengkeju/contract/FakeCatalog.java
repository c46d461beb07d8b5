package org.mengkeju.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * catalog-service's achievement read, as the gateway answers it, served over real HTTP in the test JVM: a test of
 * contract-service cannot start catalog-service (no service uses another's classes). It knows a few achievements,
 * answers 404 for the rest, 401 without contract-service's API key, and can be taken down (503) to open the
 * breaker. Started once for the shared Spring context, which it points at itself.
 */
public final class FakeCatalog {

    public static final String API_KEY = "contract-service-test-key";
    public static final String CORN_HUSK_FEED = "ach-7f3c2a9e41d84b0c";
    public static final String RARE_EARTH_COLORANT = "ach-2d9b4e61a0c7f853";
    public static final String COAL_SOLID_WASTE = "ach-5c1e8b3f9d2a7064";

    private static final FakeCatalog INSTANCE = new FakeCatalog();

    private final HttpServer server;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    /** Achievements shown with another status or owner than a published one of imut's: id → {status, owner}. */
    private final Map<String, String[]> listed = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private volatile boolean down;
    private volatile long delayMillis;

    private FakeCatalog() {
        known.addAll(Set.of(CORN_HUSK_FEED, RARE_EARTH_COLORANT, COAL_SOLID_WASTE));
        listed.put(RARE_EARTH_COLORANT, new String[] {"PUBLISHED", "bt-re-center"});
        listed.put(COAL_SOLID_WASTE, new String[] {"UNDER_NEGOTIATION", "ordos-coal-tech"});
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/catalog/achievements/", this::answer);
        // One thread per request, as a real server answers: a slow answer does not hold up the others.
        server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
        server.start();
    }

    public static FakeCatalog get() {
        return INSTANCE;
    }

    public void down(boolean isDown) {
        down = isDown;
    }

    /** Answers only after {@code millis}, like a catalog under too much load. */
    public void slow(long millis) {
        delayMillis = millis;
    }

    public void know(String achievementId) {
        known.add(achievementId);
    }

    /** Knows an achievement in {@code status}, owned by {@code ownerInstitutionId}. */
    public void know(String achievementId, String status, String ownerInstitutionId) {
        listed.put(achievementId, new String[] {status, ownerInstitutionId});
        known.add(achievementId);
    }

    public int requests() {
        return requests.get();
    }

    /** Requests still being answered (a slow answer keeps going after its client gave up). */
    public int inFlight() {
        return inFlight.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        inFlight.incrementAndGet();
        try {
            answerNow(exchange);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void answerNow(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        if (delayMillis > 0) {
            // A slow catalog is what the delay stands in for; the tests wait on the answers, not on this sleep.
            try {
                Thread.sleep(delayMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        String id = exchange.getRequestURI().getPath().substring("/api/v1/catalog/achievements/".length());
        if (down) {
            respond(exchange, 503, "{\"type\":\"https://mengkeju.org/problems/service-unavailable\",\"status\":503}");
        } else if (!API_KEY.equals(exchange.getRequestHeaders().getFirst("X-Api-Key"))) {
            respond(exchange, 401, "{\"type\":\"https://mengkeju.org/problems/unauthenticated\",\"status\":401}");
        } else if (known.contains(id)) {
            String[] shown = listed.getOrDefault(id, new String[] {"PUBLISHED", "imut"});
            respond(exchange, 200, "{\"id\":\"" + id + "\",\"status\":\"" + shown[0]
                    + "\",\"ownerInstitutionId\":\"" + shown[1] + "\"}");
        } else {
            respond(exchange, 404, "{\"type\":\"https://mengkeju.org/problems/not-found\",\"status\":404}");
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type",
                status == 200 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Points the service under test at the fake catalog, with a short breaker and recheck for the tests. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("fakeCatalog", Map.of(
                    "mengkeju.contract.catalog.url", "http://127.0.0.1:" + INSTANCE.server.getAddress().getPort(),
                    "mengkeju.contract.catalog.api-key", API_KEY,
                    "mengkeju.contract.catalog.read-timeout", "1s",
                    "mengkeju.contract.catalog.open-for", "3s",
                    "mengkeju.contract.catalog.minimum-calls", "3",
                    "mengkeju.contract.catalog.window", "5",
                    "mengkeju.contract.catalog.recheck-every", "300ms")));
        }
    }
}
