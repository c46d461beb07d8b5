package org.mengkeju.systemtests;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mengkeju.launcher.LocalPlatform;
import org.mengkeju.launcher.ServiceStatus;
import org.mengkeju.launcher.demo.CreditCodes;

/**
 * The README's end-to-end numbers, measured on the platform as {@code bin/run} starts it (every service its own JVM
 * with the local run's options, the broker and the store in this JVM as in the launcher's): time to healthy, the
 * resident memory of all the processes, and for N registered contracts the time from the registration desk's
 * "registered" answer to the seller's points posted and to the buyer's lead in the bank's feed. Each contract's buyer
 * is a new enterprise whose consent an operator recorded first, so each registration opens exactly one lead. Not part
 * of the test suite (not a {@code *SystemTest}); run {@code bin/bench-end-to-end}. Writes
 * benchmarks/results/end-to-end.md and end-to-end.json.
 */
class EndToEndBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final int CONTRACTS = Integer.getInteger("benchmark.contracts", 30);
    static final int WARM_UP = Integer.getInteger("benchmark.warmup", 3);
    static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path data;

    @Test
    void registeredToPointsAndToLead() throws Exception {
        Path root = RepositoryRoot.find();
        String loadBefore = loadAverage();
        // a generous deadline: on a shared machine under load the start takes minutes, and that is what is measured
        try (LocalPlatform platform = LocalPlatform.builder().repositoryRoot(root).dataDirectory(data)
                .ephemeralPorts().healthTimeout(Duration.ofMinutes(10)).build()) {
            platform.start();
            double healthySeconds = platform.startupDuration().toMillis() / 1000.0;
            Map<String, Long> rss = residentMemory(platform);
            Calls calls = new Calls(platform);
            String productId = calls.json("dev-bank", "POST", "/api/v1/finance/products", """
                    {"type":"TECH_INNOVATION_CREDIT","name":"科创易贷","amountMinYuan":500000,"amountMaxYuan":5000000,
                     "termMonthsMin":6,"termMonthsMax":36,"rateMinPercent":3.45,"rateMaxPercent":4.35,
                     "rules":[{"anyOf":[{"field":"REGISTERED_CONTRACTS_12M","atLeast":1}]}]}""", 201)
                    .path("productId").asText();
            LeadFeed feed = new LeadFeed(calls, productId);
            String run = UUID.randomUUID().toString().substring(0, 6);
            List<Double> toPoints = new ArrayList<>();
            List<Double> toLead = new ArrayList<>();
            for (int i = 0; i < WARM_UP + CONTRACTS; i++) {
                double[] sample = sample(calls, feed, run, i);
                if (i >= WARM_UP) {
                    toPoints.add(sample[0]);
                    toLead.add(sample[1]);
                }
            }
            Map<String, Long> rssAfter = residentMemory(platform);
            String loadAfter = loadAverage();
            Collections.sort(toPoints);
            Collections.sort(toLead);
            long totalRss = rss.values().stream().mapToLong(Long::longValue).sum();
            long totalRssAfter = rssAfter.values().stream().mapToLong(Long::longValue).sum();
            write(root, healthySeconds, rss, totalRss, totalRssAfter, toPoints, toLead, loadBefore, loadAfter);
        }
    }

    /** One contract: the enterprise consents, the seller submits, the desk registers; then both effects are awaited. */
    private static double[] sample(Calls calls, LeadFeed feed, String run, int i) throws Exception {
        String enterprise = "bench-" + run + "-" + i;
        String creditCode = CreditCodes.withCheckCharacter(String.format(Locale.ROOT, "91150100MA%07d", i));
        calls.json("dev-operator", "PUT", "/api/v1/finance/enterprises/" + enterprise + "/consent", null, 200, 201,
                204);
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonNode contract = calls.json("dev-partner", "POST", "/api/v1/contract/contracts", """
                {"type":"LICENCE","subType":"NON_EXCLUSIVE","title":"PBAT 可降解地膜生产技术普通许可合同（%s）",
                 "seller":{"institutionId":"imut","name":"内蒙古工业大学","creditCode":"12150000460030036T",
                           "regionCode":"150100","publicResearchBody":true},
                 "buyer":{"institutionId":"%s","name":"呼和浩特市绿原农膜有限公司（%s）","creditCode":"%s",
                          "regionCode":"150100","publicResearchBody":false},
                 "signedOn":"%s","validFrom":"%s","validUntil":"2030-12-31","contractAmountYuan":600000.00,
                 "payments":[{"dueOn":"2027-06-30","amountYuan":600000.00}],
                 "documents":["docs://imut/2026/%s/contract.pdf"],"inventorSharePercent":70}"""
                .formatted(enterprise, enterprise, enterprise, creditCode, today, today, enterprise), 201);
        String id = contract.path("id").asText();
        String path = "/api/v1/contract/contracts/" + id;
        calls.json("dev-registration-desk", "POST", path + "/decisions", "{\"decision\":\"ACCEPT_FOR_REVIEW\"}", 200);
        calls.json("dev-registration-desk", "POST", path + "/decisions", "{\"decision\":\"REGISTER\"}", 200);
        long registered = System.nanoTime();
        String transfer = "/api/v1/points/transfers/contract-registered:" + id + ":seller";
        double points = -1;
        double lead = -1;
        long deadline = registered + PATIENCE.toNanos();
        while (points < 0 || lead < 0) {
            if (points < 0 && "POSTED".equals(calls.answer("dev-operator", "GET", transfer, null).path("state")
                    .asText())) {
                points = (System.nanoTime() - registered) / 1e6;
            }
            if (lead < 0 && feed.sees(enterprise)) {
                lead = (System.nanoTime() - registered) / 1e6;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("contract " + id + ": points " + points + " ms, lead " + lead + " ms after "
                        + PATIENCE.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(10); // the polling step of the measurement itself
        }
        return new double[] {points, lead};
    }

    /** The bank's lead feed, read from its own cursor as a bank does. */
    static final class LeadFeed {

        private final Calls calls;
        private final String productId;
        private final java.util.Set<String> seen = new java.util.HashSet<>();
        private String after;

        LeadFeed(Calls calls, String productId) {
            this.calls = calls;
            this.productId = productId;
        }

        boolean sees(String enterprise) throws Exception {
            boolean more = true;
            while (more) {
                JsonNode page = calls.json("dev-bank", "GET", "/api/v1/finance/leads?limit=500"
                        + (after == null ? "" : "&after=" + after), null, 200);
                for (JsonNode lead : page.path("items")) {
                    if (productId.equals(lead.path("productId").asText())) {
                        seen.add(lead.path("enterprise").path("enterpriseId").asText());
                    }
                }
                if (page.hasNonNull("next")) {
                    after = page.path("next").asText();
                }
                more = page.path("more").asBoolean() && !page.path("items").isEmpty();
            }
            return seen.contains(enterprise);
        }
    }

    /** Resident memory in MB per process: this JVM (the broker and the store, as the launcher's) and each service. */
    private static Map<String, Long> residentMemory(LocalPlatform platform) throws IOException {
        Map<String, Long> rss = new LinkedHashMap<>();
        rss.put("broker and store (this JVM)", rssMb(ProcessHandle.current().pid()));
        for (ServiceStatus service : platform.status()) {
            rss.put(service.module(), rssMb(service.pid()));
        }
        return rss;
    }

    private static long rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no VmRSS for pid " + pid);
    }

    private static String loadAverage() throws IOException {
        String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return parts[0] + " " + parts[1] + " " + parts[2];
    }

    private static void write(Path root, double healthySeconds, Map<String, Long> rss, long totalRss,
            long totalRssAfter, List<Double> toPoints, List<Double> toLead, String loadBefore, String loadAfter)
            throws IOException {
        StringBuilder processes = new StringBuilder();
        rss.forEach((process, mb) -> processes.append("| ").append(process).append(" | ").append(mb)
                .append(" MB |\n"));
        String report = """
                # End to end: time to healthy, memory, registered to points and to lead

                Measured %s on %d cores (%s), load average %s (1, 5, 15 min) before and %s after: the machine is
                shared with other engineers' builds, so read the latencies with the load. Every service is its own JVM
                with the local run's options (`bin/run`); the broker and the store run in the benchmark's JVM, as in
                the launcher's. %d contracts one after another (after %d warm-up ones), each bought by a new enterprise
                whose consent an operator recorded first; timed from the registration desk's answer to `REGISTER` to
                the seller's award transfer `POSTED` and to the buyer's lead in the bank's feed, polled every 10 ms
                through the gateway.

                | what | result |
                |---|---|
                | time to healthy (start to every service ready) | %.1f s |
                | resident memory, all processes, after start | %d MB (%d MB after the run) |
                | registered → points posted | p50 %.0f ms, p90 %.0f ms, max %.0f ms |
                | registered → lead visible to the bank | p50 %.0f ms, p90 %.0f ms, max %.0f ms |

                Resident memory after start, per process:

                | process | RSS |
                |---|---|
                %s""".formatted(Instant.now(), Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), loadBefore, loadAfter, toPoints.size(), WARM_UP, healthySeconds,
                totalRss, totalRssAfter, percentile(toPoints, 0.5), percentile(toPoints, 0.9), toPoints.getLast(),
                percentile(toLead, 0.5), percentile(toLead, 0.9), toLead.getLast(), processes);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("measured_at", Instant.now().toString());
        json.put("contracts", toPoints.size());
        json.put("time_to_healthy_seconds", Math.round(healthySeconds * 10) / 10.0);
        json.put("total_rss_mb", totalRss);
        json.put("total_rss_mb_after_run", totalRssAfter);
        json.put("registered_to_points_p50_ms", Math.round(percentile(toPoints, 0.5)));
        json.put("registered_to_points_p90_ms", Math.round(percentile(toPoints, 0.9)));
        json.put("registered_to_lead_p50_ms", Math.round(percentile(toLead, 0.5)));
        json.put("registered_to_lead_p90_ms", Math.round(percentile(toLead, 0.9)));
        json.put("load_average_before", loadBefore);
        json.put("load_average_after", loadAfter);
        Path results = root.resolve("benchmarks/results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("end-to-end.md"), report);
        Files.writeString(results.resolve("end-to-end.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json) + "\n");
        System.out.println(report);
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get((int) Math.ceil(p * sorted.size()) - 1);
    }

    /** Calls through the gateway as the development clients. */
    record Calls(LocalPlatform platform) {

        JsonNode json(String client, String method, String path, String body, int... expected) throws Exception {
            HttpResponse<String> response = send(client, method, path, body);
            for (int status : expected) {
                if (response.statusCode() == status) {
                    return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
                }
            }
            throw new AssertionError(method + " " + path + " as " + client + " answered " + response.statusCode()
                    + ": " + response.body());
        }

        /** Any answer's body; a 404's problem has no {@code state}, which is what the poll needs. */
        JsonNode answer(String client, String method, String path, String body) throws Exception {
            HttpResponse<String> response = send(client, method, path, body);
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        }

        private HttpResponse<String> send(String client, String method, String path, String body) throws Exception {
            return HTTP.send(PartnerCalls.asClient(platform, client, method, path, body,
                    method.equals("POST") ? UUID.randomUUID().toString() : null).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
