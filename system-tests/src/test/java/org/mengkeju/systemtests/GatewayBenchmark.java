package org.mengkeju.systemtests;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mengkeju.launcher.DevCredentials.ApiClient;
import org.mengkeju.launcher.LocalPlatform;

/**
 * What the gateway costs: one read, {@code GET /api/v1/catalog/achievements/{id}} with the development partner's
 * key, at 64 connections, directly against catalog-service, through the gateway, and through an nginx reverse
 * proxy in front of the same catalog-service (Debian package {@code nginx} or {@code nginx-light}; started here as
 * a process of its own with a generated configuration, no system service), and through Spring Cloud Gateway alone
 * (module {@code reference-gateway}: the same versions, one route, nothing added), which shows how much of the
 * gateway's cost is the stack's own and how much the platform's additions. Optionally also through a second
 * gateway from another jar ({@code -Dbenchmark.baselineGateway=<gateway.jar>}), started beside the first with the
 * same arguments, so that a change to the gateway is measured before and after in one run on the same machine.
 *
 * <p>The targets are measured in rounds, each target once per round in turn, and the median of the rounds is
 * reported, so that a change of the machine's load during the run does not favour one target. Every service runs
 * with the same JVM options (by default those of the deployed image: the JIT's full tiers; the local run's C1-only
 * options with {@code -Dbenchmark.jvm=local}). Not part of the test suite (not a {@code *SystemTest}); run it
 * with {@code bin/bench-gateway}. Writes benchmarks/results/gateway.md and gateway.json.
 */
class GatewayBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int CONNECTIONS = 64;
    static final String DURATION = System.getProperty("benchmark.duration", "15s");
    static final String WARM_UP = System.getProperty("benchmark.warmup", "60s");
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 3);
    static final String ONE_CONNECTION_DURATION = System.getProperty("benchmark.oneConnectionDuration", "10s");
    static final String BASELINE_GATEWAY = System.getProperty("benchmark.baselineGateway", "");
    /**
     * The gateway's own tracing default; catalog-service samples the traces it starts itself (the direct and
     * nginx requests, which carry no traceparent) at the same rate, so that no path pays for more spans.
     */
    static final String SAMPLING = System.getProperty("benchmark.sampling", "0.1");

    /** One way to reach catalog-service, how to call it, and the gateway on the way whose CPU is measured (or -1). */
    record Target(String name, String url, boolean withKey, long proxyPid) {
    }

    @TempDir
    Path data;

    @Test
    void directGatewayAndNginx() throws Exception {
        Wrk.require();
        String nginx = nginxExecutable();
        Path root = RepositoryRoot.find();
        boolean localJvm = ServiceJvm.local(false);
        LocalPlatform.Builder builder = LocalPlatform.builder().repositoryRoot(root).dataDirectory(data.resolve("run"))
                .ephemeralPorts().healthTimeout(ServiceJvm.HEALTH_TIMEOUT)
                // The benchmark measures what a proxied read costs, not the partner's rate limit (1,000/s).
                .serviceArguments("gateway", "--mengkeju.gateway.rate-limits.roles.PARTNER.burst=1000000",
                        "--mengkeju.gateway.rate-limits.roles.PARTNER.per-second=1000000")
                .serviceArguments("catalog-service", "--management.tracing.sampling.probability=" + SAMPLING);
        builder.serviceJvmOptions(ServiceJvm.options(localJvm));
        try (LocalPlatform platform = builder.build()) {
            platform.start();
            ApiClient partner = platform.credentials().client("dev-partner").orElseThrow();
            String path = createAchievement(platform, partner);
            String catalogUrl = platform.serviceUrl("catalog-service");
            int nginxPort = freePort();
            Process nginxProcess = startNginx(nginx, data.resolve("nginx"), nginxPort, URI.create(catalogUrl).getPort());
            Path referenceJar = root.resolve("benchmarks/reference-gateway/target/reference-gateway.jar");
            if (!Files.isRegularFile(referenceJar)) {
                throw new IllegalStateException("no " + referenceJar + ": package the modules first (bin/bench-gateway"
                        + " does)");
            }
            int referencePort = freePort();
            Process reference = startSecondGateway(platform, referenceJar, referencePort, "reference-gateway",
                    "/ready");
            Process baseline = null;
            int baselinePort = -1;
            if (!BASELINE_GATEWAY.isBlank()) {
                baselinePort = freePort();
                Path baselineJar = Path.of(BASELINE_GATEWAY);
                if (!Files.isRegularFile(baselineJar)) {
                    throw new IllegalArgumentException("benchmark.baselineGateway: no jar at " + baselineJar);
                }
                baseline = startSecondGateway(platform, baselineJar, baselinePort, "baseline-gateway",
                        "/actuator/health/readiness");
            }
            try {
                List<Target> targets = new ArrayList<>(List.of(
                        new Target("direct", catalogUrl + path, false, -1),
                        new Target("gateway", platform.gatewayUrl() + path, true, platform.status("gateway").pid()),
                        new Target("nginx", "http://127.0.0.1:" + nginxPort + path, false, -1),
                        new Target("reference", "http://127.0.0.1:" + referencePort + path, false, reference.pid())));
                if (baseline != null) {
                    targets.add(new Target("baseline", "http://127.0.0.1:" + baselinePort + path, true,
                            baseline.pid()));
                }
                long catalogPid = platform.status("catalog-service").pid();
                measure(root, platform, partner, targets, catalogPid, localJvm);
            } finally {
                stop(nginxProcess);
                stop(reference);
                if (baseline != null) {
                    stop(baseline);
                }
            }
        }
    }

    private void measure(Path root, LocalPlatform platform, ApiClient partner, List<Target> targets, long catalogPid,
            boolean localJvm) throws Exception {
        String loadBefore = Wrk.loadAverage();
        // Every path warmed (JIT, connection pools) before anything is measured.
        for (Target target : targets) {
            call(platform, partner, target, CONNECTIONS, WARM_UP);
        }
        Map<String, List<Wrk.Result>> rounds = new LinkedHashMap<>();
        Map<String, List<Double>> gatewayCpu = new LinkedHashMap<>();
        Map<String, List<Double>> catalogCpu = new LinkedHashMap<>();
        List<String> loads = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            for (Target target : targets) {
                boolean viaProxy = target.proxyPid() > 0;
                long proxyBefore = viaProxy ? ServiceJvm.cpuMillis(target.proxyPid()) : 0;
                long catalogBefore = ServiceJvm.cpuMillis(catalogPid);
                Wrk.Result result = call(platform, partner, target, CONNECTIONS, DURATION);
                long serviceCpu = ServiceJvm.cpuMillis(catalogPid) - catalogBefore;
                rounds.computeIfAbsent(target.name(), name -> new ArrayList<>()).add(result);
                if (viaProxy) {
                    long proxyCpu = ServiceJvm.cpuMillis(target.proxyPid()) - proxyBefore;
                    gatewayCpu.computeIfAbsent(target.name(), name -> new ArrayList<>())
                            .add((double) proxyCpu / Math.max(1, result.requests()));
                }
                catalogCpu.computeIfAbsent(target.name(), name -> new ArrayList<>())
                        .add((double) serviceCpu / Math.max(1, result.requests()));
            }
            loads.add(Wrk.loadAverage());
        }
        // Added latency of a lone caller: one connection, one request at a time.
        Map<String, Wrk.Result> alone = new LinkedHashMap<>();
        for (Target target : targets) {
            alone.put(target.name(), call(platform, partner, target, 1, ONE_CONNECTION_DURATION));
        }
        String loadAfter = Wrk.loadAverage();

        Map<String, Object> results = new LinkedHashMap<>();
        double direct = median(rounds.get("direct"), Wrk.Result::rps);
        double gateway = median(rounds.get("gateway"), Wrk.Result::rps);
        double nginx = median(rounds.get("nginx"), Wrk.Result::rps);
        double directP50 = median(rounds.get("direct"), Wrk.Result::p50Millis);
        results.put("direct_rps", round(direct));
        results.put("gateway_rps", round(gateway));
        results.put("nginx_rps", round(nginx));
        results.put("gateway_ratio", round3(gateway / direct));
        results.put("nginx_ratio", round3(nginx / direct));
        results.put("gateway_added_p50_ms", round(median(rounds.get("gateway"), Wrk.Result::p50Millis) - directP50));
        results.put("nginx_added_p50_ms", round(median(rounds.get("nginx"), Wrk.Result::p50Millis) - directP50));
        results.put("gateway_added_p50_ms_one_connection",
                round(alone.get("gateway").p50Millis() - alone.get("direct").p50Millis()));
        results.put("nginx_added_p50_ms_one_connection",
                round(alone.get("nginx").p50Millis() - alone.get("direct").p50Millis()));
        for (Target target : targets) {
            String name = target.name();
            results.put(name + "_p50_ms", round(median(rounds.get(name), Wrk.Result::p50Millis)));
            results.put(name + "_p99_ms", round(median(rounds.get(name), Wrk.Result::p99Millis)));
            results.put(name + "_non_2xx", rounds.get(name).stream().mapToLong(r -> r.non2xx() + r.socketErrors()).sum());
            results.put(name + "_p50_ms_one_connection", round(alone.get(name).p50Millis()));
            results.put(name + "_catalog_cpu_ms_per_request", round3(medianOf(catalogCpu.get(name))));
        }
        results.put("gateway_cpu_ms_per_request", round3(medianOf(gatewayCpu.get("gateway"))));
        putProxy(results, "reference", rounds, gatewayCpu, direct, directP50);
        if (rounds.containsKey("baseline")) {
            putProxy(results, "baseline", rounds, gatewayCpu, direct, directP50);
            results.put("baseline_gateway_jar", BASELINE_GATEWAY);
        }
        results.put("connections", CONNECTIONS);
        results.put("rounds", ROUNDS);
        results.put("duration", DURATION);
        results.put("cores", Runtime.getRuntime().availableProcessors());
        results.put("jvm_options", ServiceJvm.described(localJvm));
        results.put("load_average_before", loadBefore);
        results.put("load_average_after_each_round", loads);
        results.put("load_average_after", loadAfter);
        results.put("measured_at", Instant.now().toString());

        StringBuilder table = new StringBuilder();
        for (Target target : targets) {
            String name = target.name();
            double rps = median(rounds.get(name), Wrk.Result::rps);
            table.append("| %s | %.0f | %s | %.1f ms | %.1f ms | %.2f ms | %s | %d |%n".formatted(label(name), rps,
                    name.equals("direct") ? "100 %" : "%.0f %%".formatted(100 * rps / direct),
                    median(rounds.get(name), Wrk.Result::p50Millis), median(rounds.get(name), Wrk.Result::p99Millis),
                    alone.get(name).p50Millis(),
                    gatewayCpu.containsKey(name) ? "%.2f ms".formatted(medianOf(gatewayCpu.get(name))) : "–",
                    rounds.get(name).stream().mapToLong(r -> r.non2xx() + r.socketErrors()).sum()));
        }
        String report = """
                # Gateway, direct and nginx: one read at %d connections

                Measured %s on %d cores (Java %s). `GET /api/v1/catalog/achievements/{id}` with the development
                partner's key, wrk with 2 threads and %d connections, %d rounds of %s per target (each target once per
                round, in turn; medians shown) after a %s warm-up of each, then %s with one connection. Every
                service its own JVM (%s), wrk and nginx on the same machine. Direct and nginx requests carry the
                identity header signed as the gateway signs it; nginx passes it on without checking anything, and so
                does Spring Cloud Gateway alone (the same versions and JVM options as the gateway, one route, no
                filter, metric, trace or key check of the platform's).

                | path | req/s | of direct | p50 | p99 | p50, one connection | gateway CPU per request | non-2xx + socket errors |
                |---|---|---|---|---|---|---|---|
                %s
                Targets: the gateway keeps at least 70 %% of the direct throughput (here %.0f %%) and adds under 2 ms at
                p50 (here %.1f ms at %d connections, %.1f ms with one connection).

                Machine load average (1, 5, 15 min) before the measuring: %s; after each round: %s; at the end: %s.
                The machine is shared with other builds: compare the paths within this run, not with other runs.
                """.formatted(CONNECTIONS, Instant.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), CONNECTIONS, ROUNDS, DURATION, WARM_UP, ONE_CONNECTION_DURATION,
                ServiceJvm.described(localJvm), table,
                100 * gateway / direct, (double) results.get("gateway_added_p50_ms"), CONNECTIONS,
                (double) results.get("gateway_added_p50_ms_one_connection"), loadBefore, String.join("; ", loads),
                loadAfter);
        Path output = root.resolve("benchmarks/results");
        Files.createDirectories(output);
        String name = System.getProperty("benchmark.output", "gateway");
        Files.writeString(output.resolve(name + ".md"), report);
        Files.writeString(output.resolve(name + ".json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(results) + "\n");
        System.out.println(report);
    }

    /** A second gateway's figures beside the first's: {@code <name>_gateway_rps}, its ratio, added p50 and CPU. */
    private static void putProxy(Map<String, Object> results, String name, Map<String, List<Wrk.Result>> rounds,
            Map<String, List<Double>> proxyCpu, double direct, double directP50) {
        double rps = median(rounds.get(name), Wrk.Result::rps);
        results.put(name + "_gateway_rps", round(rps));
        results.put(name + "_gateway_ratio", round3(rps / direct));
        results.put(name + "_gateway_added_p50_ms", round(median(rounds.get(name), Wrk.Result::p50Millis) - directP50));
        results.put(name + "_gateway_cpu_ms_per_request", round3(medianOf(proxyCpu.get(name))));
    }

    /**
     * The achievement read in every request. The first write after start-up can exceed the gateway's response
     * timeout on a busy machine (a cold JIT, the first Kafka send); a second draft does no harm here.
     */
    private static String createAchievement(LocalPlatform platform, ApiClient partner) {
        AtomicReference<String> path = new AtomicReference<>();
        org.awaitility.Awaitility.await("the benchmark's achievement created").atMost(Duration.ofSeconds(25))
                .pollDelay(Duration.ZERO).pollInterval(Duration.ofSeconds(5))
                .ignoreExceptionsInstanceOf(IllegalStateException.class)
                .until(() -> {
                    path.set(PartnerCalls.createAchievement(platform.gatewayUrl(), partner.key(),
                            "风光储一体化微电网调度技术"));
                    return true;
                });
        return path.get();
    }

    private static String label(String target) {
        return switch (target) {
            case "direct" -> "direct to catalog-service";
            case "gateway" -> "through the gateway";
            case "nginx" -> "through nginx";
            case "baseline" -> "through the baseline gateway";
            case "reference" -> "through Spring Cloud Gateway alone";
            default -> target;
        };
    }

    /** A fresh identity header per call for the paths without the gateway: the signed identity lives two minutes. */
    private static Wrk.Result call(LocalPlatform platform, ApiClient partner, Target target, int connections,
            String duration) throws Exception {
        String header = target.withKey() ? "X-Api-Key: " + partner.key()
                : EdgeLoadBenchmark.identityHeader(platform, partner);
        return Wrk.run(target.url(), connections, duration, header);
    }

    /**
     * A second gateway with the command line of the platform's, but another jar and port: the same services (it finds
     * catalog-service under {@code mengkeju.gateway.services.catalog}), clients, signing key and JVM options, so it
     * differs from the first only by its code and defaults. Logged to {@code <name>.log}; ready once
     * {@code readinessPath} answers 200.
     */
    private Process startSecondGateway(LocalPlatform platform, Path jar, int port, String name, String readinessPath)
            throws Exception {
        List<String> command = new ArrayList<>();
        for (String argument : platform.commandLine("gateway")) {
            if (argument.endsWith("gateway.jar")) {
                command.add(jar.toAbsolutePath().toString());
            } else if (!argument.startsWith("--server.port=")) {
                command.add(argument);
            }
        }
        command.add("--server.port=" + port);
        var key = platform.identityKey();
        Path log = data.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put(LocalPlatform.SIGNER_KID_VARIABLE, key.kid());
        builder.environment().put(LocalPlatform.SIGNER_KEY_VARIABLE, key.privateKey());
        Process process = builder.start();
        awaitReady("http://127.0.0.1:" + port + readinessPath, process, log);
        return process;
    }

    /** nginx as a plain reverse proxy: one upstream with kept-alive connections, an access log like the gateway's. */
    private static Process startNginx(String nginx, Path directory, int port, int catalogPort) throws Exception {
        Files.createDirectories(directory.resolve("temp"));
        boolean root = "root".equals(System.getProperty("user.name"));
        String config = """
                %s
                worker_processes auto;
                daemon off;
                pid %s/nginx.pid;
                error_log %s/error.log warn;
                events { worker_connections 1024; }
                http {
                    access_log %s/access.log;
                    client_body_temp_path %s/temp/body;
                    proxy_temp_path %s/temp/proxy;
                    fastcgi_temp_path %s/temp/fastcgi;
                    uwsgi_temp_path %s/temp/uwsgi;
                    scgi_temp_path %s/temp/scgi;
                    upstream catalog {
                        server 127.0.0.1:%d;
                        keepalive 64;
                    }
                    server {
                        listen 127.0.0.1:%d;
                        location / {
                            proxy_pass http://catalog;
                            proxy_http_version 1.1;
                            proxy_set_header Connection "";
                        }
                    }
                }
                """.formatted(root ? "user root;" : "", directory, directory, directory, directory, directory,
                directory, directory, directory, catalogPort, port);
        Path file = directory.resolve("nginx.conf");
        Files.writeString(file, config);
        Process process = new ProcessBuilder(nginx, "-p", directory.toString(), "-c", file.toString(), "-e",
                directory.resolve("error.log").toString()).redirectErrorStream(true)
                .redirectOutput(directory.resolve("nginx.out").toFile()).start();
        awaitReady("http://127.0.0.1:" + port + "/actuator/health/readiness", process, directory.resolve("error.log"));
        return process;
    }

    private static void awaitReady(String url, Process process, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        org.awaitility.Awaitility.await(url + " ready").atMost(ServiceJvm.HEALTH_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(url + " exited with " + process.exitValue() + ":\n"
                                + (Files.exists(log) ? Files.readString(log) : ""));
                    }
                    try {
                        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                                .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
                    } catch (IOException notYet) {
                        return false; // not listening yet
                    }
                });
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static String nginxExecutable() {
        for (String candidate : List.of("/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/local/nginx/sbin/nginx")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        throw new IllegalStateException("nginx is not installed; on Debian or Ubuntu: sudo apt-get install -y "
                + "nginx-light (or nginx)");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static double median(List<Wrk.Result> results, ToDoubleFunction<Wrk.Result> value) {
        return medianOf(results.stream().map(value::applyAsDouble).toList());
    }

    private static double medianOf(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
