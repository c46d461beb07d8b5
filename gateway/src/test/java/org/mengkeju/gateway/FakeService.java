package org.mengkeju.gateway;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server standing in for the services behind the gateway: it records every request it receives
 * and answers like a service would. A few paths behave badly on purpose.
 */
public final class FakeService {

    /** Answered with 503, as a service that is up but failing. */
    public static final String FAILING_PREFIX = "/api/v1/catalog/failing/";
    /** Answered only when the test releases it, as a service that hangs. */
    public static final String HANGING_PREFIX = "/api/v1/points/hanging/";
    /** Answered after {@link #SLOW_BULK_DELAY}, as a bulk upload that takes its time to be written. */
    public static final String SLOW_BULK_PATH = "/api/v1/catalog/sync/slow-upload";
    public static final Duration SLOW_BULK_DELAY = Duration.ofMillis(2500);
    /**
     * Answered with a stream of server-sent events, as an auction's live feed: an event, keep-alive comments every
     * {@link #STREAM_KEEP_ALIVE} for {@link #STREAM_LENGTH}, then a second event and the end.
     */
    public static final String STREAM_PREFIX = "/api/v1/matching/streams/";
    public static final Duration STREAM_LENGTH = Duration.ofMillis(2500);
    public static final Duration STREAM_KEEP_ALIVE = Duration.ofMillis(300);
    public static final String DOCUMENT_TITLE = "蒙科聚 catalog API";
    /** What a service's /actuator/prometheus holds, in part: a business figure, the outbox backlog, a comment. */
    public static final String PROMETHEUS_SAMPLE = """
            # HELP mengkeju_catalog_listings listings in each status
            # TYPE mengkeju_catalog_listings gauge
            mengkeju_catalog_listings{application="catalog-service",status="PUBLISHED"} 232.0
            mengkeju_catalog_listings{application="catalog-service",status="SUBMITTED"} 8.0
            mengkeju_points_issued{application="points-service"} 12950.0
            mengkeju_outbox_pending{application="catalog-service",collection="achievements"} 3.0
            jvm_threads_live_threads{application="catalog-service"} 41.0
            """;
    /** What a service's dead-letter desk lists: one dead letter awaiting its replay. */
    public static final String DEAD_LETTERS_SAMPLE = """
            {"service":"catalog-service","total":1,"awaitingReplay":1,"deadLetterTopics":[],"deadLetters":[]}""";

    public record Received(String method, String path, String query, Headers headers, String body) {

        public String header(String name) {
            return headers.getFirst(name);
        }
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    private FakeService(HttpServer server) {
        this.server = server;
    }

    public static FakeService start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeService service = new FakeService(server);
            server.createContext("/", service::handle);
            // Several threads, so that a hanging request does not hold up the others.
            server.setExecutor(Executors.newFixedThreadPool(8, runnable -> {
                Thread thread = new Thread(runnable, "fake-service");
                thread.setDaemon(true);
                return thread;
            }));
            server.start();
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the fake service", e);
        }
    }

    /** A base URL where nothing listens: a service that is down. */
    public static URI downServiceUrl() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + socket.getLocalPort());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Received> receivedOn(String path) {
        return received.stream().filter(request -> request.path().equals(path)).toList();
    }

    /** Lets hanging requests finish, so they do not outlive their test. */
    public void releaseHanging() {
        release.countDown();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        URI uri = exchange.getRequestURI();
        Headers headers = new Headers();
        headers.putAll(exchange.getRequestHeaders());
        received.add(new Received(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(), headers, body));

        String path = uri.getRawPath();
        if (path.equals("/v3/api-docs")) {
            respond(exchange, 200, "application/json", """
                    {"openapi":"3.1.0","info":{"title":"%s","version":"v1"},
                     "servers":[{"url":"http://catalog.internal:8081","description":"Generated server url"}],
                     "paths":{"/api/v1/catalog/achievements":{"get":{"operationId":"listAchievements"}}}}
                    """.formatted(DOCUMENT_TITLE));
        } else if (path.equals("/actuator/health")) {
            respond(exchange, 200, "application/json",
                    "{\"status\":\"UP\",\"components\":{\"kafka\":{\"status\":\"UP\"},\"mongo\":{\"status\":\"UP\"}}}");
        } else if (path.equals("/actuator/prometheus")) {
            respond(exchange, 200, "text/plain;version=0.0.4;charset=utf-8", PROMETHEUS_SAMPLE);
        } else if (path.equals("/ops/dead-letters") || path.equals("/ops/dead-letters/summary")) {
            respond(exchange, 200, "application/json", DEAD_LETTERS_SAMPLE);
        } else if (path.startsWith("/ops/dead-letters/") && path.endsWith(":404/replay")) {
            respond(exchange, 404, "application/problem+json", "{\"type\":\"https://mengkeju.org/problems/not-found\","
                    + "\"title\":\"Not found\",\"status\":404,\"detail\":\"dead letter gone\"}");
        } else if (path.startsWith("/ops/dead-letters/") && path.endsWith("/replay")) {
            respond(exchange, 200, "application/json", "{\"replayedNow\":true,\"deadLetter\":{\"id\":\""
                    + java.net.URLDecoder.decode(path.substring("/ops/dead-letters/".length(),
                            path.length() - "/replay".length()), StandardCharsets.UTF_8) + "\"}}");
        } else if (path.startsWith(FAILING_PREFIX)) {
            respond(exchange, 503, "application/problem+json",
                    "{\"type\":\"https://mengkeju.org/problems/http-503\",\"status\":503}");
        } else if (path.equals(SLOW_BULK_PATH)) {
            // The slowness is what this path stands in for: a service that takes its time to answer.
            try {
                Thread.sleep(SLOW_BULK_DELAY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            respond(exchange, 200, "application/json", "{\"items\":1}");
        } else if (path.startsWith(STREAM_PREFIX)) {
            stream(exchange);
        } else if (path.startsWith(HANGING_PREFIX)) {
            awaitRelease();
            respond(exchange, 200, "application/json", "{}");
        } else {
            respond(exchange, 200, "application/json", "{\"served\":\"" + path + "\"}");
        }
    }

    private static void stream(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0); // chunked: the length is not known
        try (OutputStream out = exchange.getResponseBody()) {
            write(out, "id: 1\nevent: bid\ndata: {\"number\":1}\n\n");
            long ends = System.nanoTime() + STREAM_LENGTH.toNanos();
            while (System.nanoTime() < ends) {
                // The pause is what this path stands in for: a quiet auction, whose stream says only that it is alive.
                Thread.sleep(STREAM_KEEP_ALIVE);
                write(out, ":keep-alive\n\n");
            }
            write(out, "id: closed\nevent: closed\ndata: {\"status\":\"SOLD\"}\n\n");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The watcher went away.
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private void awaitRelease() {
        try {
            release.await(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // The gateway gave up on a hanging request; nobody is listening any more.
        }
    }
}
