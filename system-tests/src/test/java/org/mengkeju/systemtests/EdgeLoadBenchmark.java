package org.mengkeju.systemtests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mengkeju.launcher.DevCredentials.ApiClient;
import org.mengkeju.launcher.LocalPlatform;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityKeys;
import org.mengkeju.platform.identity.IdentitySigner;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;

/**
 * Throughput and errors of one read, {@code GET /api/v1/catalog/achievements/{id}}, at 64 and 256 connections
 * with one partner key: through the gateway, and directly against catalog-service with an identity signed as the
 * gateway signs it, in one run on the same processes. Uses wrk (Debian package {@code wrk}). Not part of the
 * test suite (not a {@code *SystemTest}); run it with the command in benchmarks/README.md. Writes
 * benchmarks/results/edge.md and edge.json.
 */
class EdgeLoadBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final int[] CONNECTIONS = {64, 256};
    static final String DURATION = System.getProperty("benchmark.duration", "20s");
    static final String WARM_UP = System.getProperty("benchmark.warmup", "5s");
    /** Seven JVMs starting on two busy cores can take longer than the launcher's default allows. */
    static final Duration HEALTH_TIMEOUT = Duration.ofMinutes(6);

    @TempDir
    Path data;

    @Test
    void gatewayAndDirectUnderLoad() throws Exception {
        Wrk.require();
        Path root = RepositoryRoot.find();
        try (LocalPlatform platform = LocalPlatform.builder().repositoryRoot(root).dataDirectory(data)
                .ephemeralPorts().healthTimeout(HEALTH_TIMEOUT).build()) {
            platform.start();
            ApiClient partner = platform.credentials().client("dev-partner").orElseThrow();
            String path = PartnerCalls.createAchievement(platform.gatewayUrl(), partner.key(),
                    "风光储一体化微电网调度技术");
            String gatewayUrl = platform.gatewayUrl() + path;
            String directUrl = platform.serviceUrl("catalog-service") + path;

            // Both paths warmed (JIT, connection pools) before anything is measured.
            Wrk.run(gatewayUrl, 64, WARM_UP, "X-Api-Key: " + partner.key());
            Wrk.run(directUrl, 64, WARM_UP, identityHeader(platform, partner));

            List<Map<String, Object>> levels = new ArrayList<>();
            StringBuilder table = new StringBuilder();
            for (int connections : CONNECTIONS) {
                Wrk.Result gateway = Wrk.run(gatewayUrl, connections, DURATION, "X-Api-Key: " + partner.key());
                Wrk.Result direct = Wrk.run(directUrl, connections, DURATION, identityHeader(platform, partner));
                Map<String, Object> level = new LinkedHashMap<>();
                level.put("connections", connections);
                level.put("gateway_rps", round(gateway.rps()));
                level.put("direct_rps", round(direct.rps()));
                level.put("gateway_non_2xx", gateway.non2xx());
                level.put("gateway_p99_ms", round(gateway.p99Millis()));
                level.put("gateway_socket_errors", gateway.socketErrors());
                level.put("gateway_p50_ms", round(gateway.p50Millis()));
                level.put("direct_non_2xx", direct.non2xx());
                level.put("direct_p99_ms", round(direct.p99Millis()));
                levels.add(level);
                table.append("| %d | %.0f | %.0f | %d | %d | %.1f ms | %.1f ms | %d | %.1f ms |%n".formatted(
                        connections, gateway.rps(), direct.rps(), gateway.non2xx(), gateway.socketErrors(),
                        gateway.p50Millis(), gateway.p99Millis(), direct.non2xx(), direct.p99Millis()));
            }

            String report = """
                    # Edge load: one read through the gateway and directly

                    Measured %s on %d cores (%s). `GET /api/v1/catalog/achievements/{id}` with one partner key,
                    wrk with 2 threads, %s per level after a %s warm-up, through the gateway and directly against
                    catalog-service (identity signed as the gateway signs it), every service its own JVM with the
                    local run's options, wrk on the same machine.

                    | connections | gateway req/s | direct req/s | gateway non-2xx | gateway socket errors | gateway p50 | gateway p99 | direct non-2xx | direct p99 |
                    |---|---|---|---|---|---|---|---|---|
                    %s
                    Target: no non-2xx through the gateway at either level while catalog-service is healthy.

                    Machine load average (1, 5, 15 min) when the measuring ended: %s; platform start to healthy:
                    %.1f s. On a machine busy with other work the rates are low; compare within one run.
                    """.formatted(Instant.now(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), DURATION, WARM_UP, table, Wrk.loadAverage(),
                    platform.startupDuration().toMillis() / 1000.0);
            Path results = root.resolve("benchmarks/results");
            Files.createDirectories(results);
            Files.writeString(results.resolve("edge.md"), report);
            Files.writeString(results.resolve("edge.json"),
                    JSON.writerWithDefaultPrettyPrinter().writeValueAsString(levels) + "\n");
            System.out.println(report);
        }
    }

    /** A fresh token per run, signed with the run's development key for catalog-service: tokens live two minutes. */
    static String identityHeader(LocalPlatform platform, ApiClient client) {
        var key = platform.identityKey();
        var signer = new IdentitySigner(key.kid(), IdentityKeys.privateKey(key.privateKey(), "development key"),
                Duration.ofMinutes(2), Clock.systemUTC());
        String token = signer.issue(new CallerIdentity(client.clientId(), Role.valueOf(client.role()),
                client.institutionId(), client.regionCode()), "catalog-service");
        return IdentityToken.HEADER + ": " + token;
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
