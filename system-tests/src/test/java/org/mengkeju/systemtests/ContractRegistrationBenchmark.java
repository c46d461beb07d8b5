package org.mengkeju.systemtests;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mengkeju.events.Topics;
import org.mengkeju.launcher.LocalPlatform;

/**
 * The registration desk with every service running as its own process, through the gateway: {@code contracts}
 * contracts submitted by the seller's transfer office and registered by the Hohhot registration desk (one registration
 * point, one serial counter: the worst case) with {@code clients} concurrent callers; registrations per second, and
 * the time from "registered" (the registration's own timestamp) to both parties' points posted in points-service (the
 * later of the two ledger entries' {@code postedAt}). Counted after {@code warmup} contracts went the same way, as a
 * desk that has run for a while finds its services' code compiled and their consumers assigned; the warm-up's own
 * figures are reported beside. Not a test: {@code bin/bench-contract} runs it and writes
 * {@code benchmarks/results/contract.{md,json}}.
 */
class ContractRegistrationBenchmark {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    static final int CONTRACTS = Integer.getInteger("benchmark.contracts", 10_000);
    static final int CLIENTS = Integer.getInteger("benchmark.clients", 16);
    /** Contracts submitted and registered before the counted ones, so that the count finds the platform warm. */
    static final int WARMUP = Integer.getInteger("benchmark.warmup", 1_000);
    static final String BENCHMARK_JVM = "callers, Kafka broker, store";
    /** This JVM's share by its threads: the broker's and the store's by name, the callers' the rest. */
    static final String BROKER = "Kafka broker (in the benchmark's JVM)";
    static final String STORE = "store (in the benchmark's JVM)";
    static final String CALLERS = "callers and the rest of the benchmark's JVM";
    /** As the image runs the services (the full JIT), unless {@code -Dbenchmark.jvm=local} asks for bin/run's. */
    static final boolean LOCAL_JVM = ServiceJvm.local(false);

    @TempDir
    Path data;

    @Test
    void registrationsPerSecondAndRegisteredToPoints() throws Exception {
        Path root = RepositoryRoot.find();
        // Ten thousand contracts between the same two institutions would reach the annual points cap (5,000) after a
        // few dozen; the benchmark measures the path, not the cap, so points-service runs with the cap lifted and
        // otherwise the schedule of its application.yml.
        LocalPlatform.Builder builder = LocalPlatform.builder().repositoryRoot(root).dataDirectory(data)
                .ephemeralPorts()
                .serviceArguments("points-service",
                        "--mengkeju.points.awards[0].effective-from=2026-05-01",
                        "--mengkeju.points.awards[0].achievement-published=50",
                        "--mengkeju.points.awards[0].annual-cap=1000000000",
                        "--mengkeju.points.awards[0].contract-registered.points-per-ten-thousand-yuan=1",
                        "--mengkeju.points.awards[0].contract-registered.seller-share-percent=70",
                        "--mengkeju.points.awards[0].match-closed-won=20",
                        "--mengkeju.points.awards[0].challenge-won=100");
        builder.serviceJvmOptions(ServiceJvm.options(LOCAL_JVM));
        if (!LOCAL_JVM) {
            builder.healthTimeout(ServiceJvm.HEALTH_TIMEOUT);
        }
        try (LocalPlatform platform = builder.build()) {
            long startedAt = System.nanoTime();
            platform.start();
            double startSeconds = (System.nanoTime() - startedAt) / 1e9;
            String gateway = platform.gatewayUrl();
            String seller = platform.apiKey("dev-partner");
            String desk = platform.apiKey("dev-registration-desk");
            String run = UUID.randomUUID().toString().substring(0, 8);
            // The desk as it runs for days: every service's registration path compiled and warm before the count.
            Phase warmUp = WARMUP == 0 ? null
                    : phase(platform, seller, desk, "warm-" + run, WARMUP);
            Phase measured = phase(platform, seller, desk, run, CONTRACTS);
            write(root, measured, warmUp, startSeconds);
        }
    }

    /** One run of {@code count} contracts: submitted, then registered; per contract, registered → points posted. */
    record Phase(int contracts, double submitSeconds, double registerSeconds, List<Long> toPoints,
            Map<String, Long> cpuMillis) {

        /** CPU time per contract, by process, from its submission to both parties' points. */
        double cpuMillisPerContract(String process) {
            return (double) cpuMillis.get(process) / contracts;
        }

        double cpuMillisPerContract() {
            return (double) cpuMillis.values().stream().mapToLong(Long::longValue).sum() / contracts;
        }

        double submissionsPerSecond() {
            return contracts / submitSeconds;
        }

        double registrationsPerSecond() {
            return contracts / registerSeconds;
        }

        /** Registered → points posted, in ms, at the {@code p}th percentile. */
        long toPoints(int p) {
            return percentile(toPoints, p);
        }
    }

    private static Phase phase(LocalPlatform platform, String seller, String desk, String run, int count)
            throws Exception {
        String gateway = platform.gatewayUrl();
        String bootstrap = platform.kafkaBootstrapServers();
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        Map<String, Long> pids = new LinkedHashMap<>();
        platform.status().forEach(service -> pids.put(service.module(), service.pid()));
        // This JVM holds the Kafka broker and the store as well as the callers.
        pids.put(BENCHMARK_JVM, ProcessHandle.current().pid());
        Map<String, Long> cpuBefore = cpuMillis(pids);
        Map<String, Long> harnessBefore = harnessCpuMillis();
        long submitStart = System.nanoTime();
        List<String> ids = inParallel(count, i -> {
            JsonNode submitted = call(gateway, seller, "/api/v1/contract/contracts", contract(run, i, today),
                    "bench-" + run + "-" + i, 201);
            return submitted.path("id").asText();
        });
        double submitSeconds = (System.nanoTime() - submitStart) / 1e9;

        try (var points = new KafkaConsumer<String, String>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "contract-benchmark-" + run,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class))) {
            points.subscribe(List.of(Topics.POINTS_TRANSFERS));

            Map<String, Instant> registeredAt = new ConcurrentHashMap<>();
            long registerStart = System.nanoTime();
            List<String> numbers = inParallel(count, i -> {
                JsonNode registered = call(gateway, desk, "/api/v1/contract/contracts/" + ids.get(i)
                        + "/decisions", "{\"decision\":\"REGISTER\"}", null, 200);
                registeredAt.put(ids.get(i), Instant.parse(registered.path("registeredAt").asText()));
                return registered.path("registrationNumber").asText();
            });
            double registerSeconds = (System.nanoTime() - registerStart) / 1e9;
            if (numbers.stream().distinct().count() != count) {
                throw new AssertionError("registration numbers are not distinct");
            }
            List<Long> toPoints = pointsLatencies(points, registeredAt);
            Map<String, Long> cpu = cpuMillis(pids);
            cpu.replaceAll((process, after) -> after - cpuBefore.get(process));
            Map<String, Long> harness = harnessCpuMillis();
            harness.replaceAll((part, after) -> after - harnessBefore.get(part));
            long benchmarkJvm = cpu.remove(BENCHMARK_JVM);
            cpu.putAll(harness);
            cpu.put(CALLERS, benchmarkJvm - harness.values().stream().mapToLong(Long::longValue).sum());
            return new Phase(count, submitSeconds, registerSeconds, toPoints, cpu);
        }
    }

    /**
     * CPU time of this JVM's live threads that are the broker's or the store's, told by their names. A thread that
     * ended during the phase is not counted here, so the callers' remainder is an upper bound.
     */
    private static Map<String, Long> harnessCpuMillis() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long broker = 0;
        long store = 0;
        for (ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds())) {
            long nanos = thread == null ? -1 : threads.getThreadCpuTime(thread.getThreadId());
            if (nanos < 0) {
                continue; // ended meanwhile
            }
            String name = thread.getThreadName();
            if (name.startsWith("mongo-server")) {
                store += nanos;
            } else if (isBroker(name)) {
                broker += nanos;
            }
        }
        Map<String, Long> cpu = new LinkedHashMap<>();
        cpu.put(BROKER, broker / 1_000_000);
        cpu.put(STORE, store / 1_000_000);
        return cpu;
    }

    /** The in-process broker's threads; a Kafka client's are named "... | client-id" and are the callers'. */
    static boolean isBroker(String thread) {
        if (thread.contains(" | ")) {
            return false;
        }
        return thread.toLowerCase(Locale.ROOT).contains("kafka")
                || Stream.of("data-plane", "quorum-controller", "group-coordinator", "share-coordinator", "executor-",
                        "ExpirationReaper", "controller-", "broker-", "raft", "LogDirFailureHandler", "transaction")
                        .anyMatch(thread::startsWith);
    }

    private static Map<String, Long> cpuMillis(Map<String, Long> pids) {
        Map<String, Long> cpu = new LinkedHashMap<>();
        pids.forEach((process, pid) -> cpu.put(process, ServiceJvm.cpuMillis(pid)));
        return cpu;
    }

    /** A licence of 内蒙古工业大学 to 伊利, 1,500,000 yuan: 150 points, 105 to the seller and 45 to the buyer. */
    private static String contract(String run, int i, String today) {
        return """
                {"type":"LICENCE","subType":"NON_EXCLUSIVE","title":"乳品加工技术普通许可合同（%s-%d）",
                 "seller":{"institutionId":"imut","name":"内蒙古工业大学","creditCode":"12150000460030036T",
                           "regionCode":"150100","publicResearchBody":true},
                 "buyer":{"institutionId":"yili","name":"内蒙古伊利实业集团股份有限公司","creditCode":"91150100MA0N1YL015",
                          "regionCode":"150100","publicResearchBody":false},
                 "signedOn":"%s","validFrom":"%s","validUntil":"2031-12-31","contractAmountYuan":1500000.00,
                 "payments":[{"dueOn":"2027-06-30","amountYuan":1500000.00}],
                 "documents":["docs://imut/bench/contract-%d.pdf"],"inventorSharePercent":70}"""
                .formatted(run, i, today, today, i);
    }

    /**
     * Reads the points ledger's events until both parties of every registered contract are posted; per contract, in
     * the order they were registered, the later {@code postedAt} minus the registration time.
     */
    private static List<Long> pointsLatencies(KafkaConsumer<String, String> points, Map<String, Instant> registeredAt)
            throws Exception {
        Map<String, Instant> seller = new HashMap<>();
        Map<String, Instant> buyer = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while ((seller.size() < registeredAt.size() || buyer.size() < registeredAt.size())
                && System.nanoTime() < deadline) {
            for (var record : points.poll(Duration.ofMillis(200))) {
                JsonNode posted = JSON.readTree(record.value());
                String[] transfer = posted.path("transferId").asText().split(":");
                if (transfer.length == 3 && transfer[0].equals("contract-registered")
                        && registeredAt.containsKey(transfer[1])) {
                    Instant at = Instant.parse(posted.path("postedAt").asText());
                    (transfer[2].equals("seller") ? seller : buyer).putIfAbsent(transfer[1], at);
                }
            }
        }
        if (seller.size() < registeredAt.size() || buyer.size() < registeredAt.size()) {
            throw new AssertionError("points posted for " + seller.size() + " sellers and " + buyer.size()
                    + " buyers of " + registeredAt.size() + " registered contracts");
        }
        List<Long> latencies = new ArrayList<>();
        registeredAt.entrySet().stream().sorted(Map.Entry.comparingByValue()).forEach(registered -> {
            String contract = registered.getKey();
            Instant both = seller.get(contract).isAfter(buyer.get(contract)) ? seller.get(contract)
                    : buyer.get(contract);
            latencies.add(Duration.between(registered.getValue(), both).toMillis());
        });
        return latencies;
    }

    private static JsonNode call(String gateway, String key, String path, String body, String idempotencyKey,
            int expected) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path))
                .timeout(Duration.ofSeconds(60)).header("X-Api-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != expected) {
            throw new AssertionError("POST " + path + ": " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    interface Step {
        String run(int i) throws Exception;
    }

    private static List<String> inParallel(int count, Step step) throws Exception {
        List<Future<String>> futures = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(CLIENTS)) {
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit((Callable<String>) () -> step.run(index)));
            }
            List<String> values = new ArrayList<>();
            for (Future<String> future : futures) {
                values.add(future.get());
            }
            return values;
        }
    }

    private static long percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.max(0, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void write(Path root, Phase measured, Phase warmUp, double startSeconds) throws Exception {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        String cold = warmUp == null ? "" : String.format(Locale.ROOT, """
                , "warm_up_contracts": %d, "warm_up_registrations_per_second": %.1f, \
                "warm_up_registered_to_points_p50_ms": %d, "warm_up_registered_to_points_p99_ms": %d""",
                warmUp.contracts(), warmUp.registrationsPerSecond(), warmUp.toPoints(50), warmUp.toPoints(99));
        String json = String.format(Locale.ROOT, """
                {"contracts": %d, "clients": %d, "registrations_per_second": %.1f, \
                "registered_to_points_p50_ms": %d, "registered_to_points_p99_ms": %d, \
                "submissions_per_second": %.1f%s, "cpu_ms_per_contract": %.1f, \
                "cpu_ms_per_contract_by_process": {%s}, "jvm_options": "%s", \
                "load_average": %.1f, "cores": %d, "measured_at": "%s"}
                """, measured.contracts(), CLIENTS, measured.registrationsPerSecond(), measured.toPoints(50),
                measured.toPoints(99), measured.submissionsPerSecond(), cold, measured.cpuMillisPerContract(),
                String.join(", ", measured.cpuMillis().keySet().stream().map(process -> String.format(Locale.ROOT,
                        "\"%s\": %.2f", process, measured.cpuMillisPerContract(process))).toList()),
                ServiceJvm.described(LOCAL_JVM), load, Runtime.getRuntime().availableProcessors(), Instant.now());
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, """
                # Contract registration through the gateway

                `bin/bench-contract`: %d contracts submitted by 内蒙古工业大学's transfer office and registered by the
                Hohhot registration desk (one registration point, one serial counter), %d concurrent callers, through
                the gateway with every service as its own process, after %d contracts submitted and
                registered the same way to warm the platform up (not counted; their figures are the last rows).
                "Registered → points" is the time from the registration's timestamp to the later of the seller's and the
                buyer's ledger entries in points-service. Load average at the end of the run: %.1f on %d cores.

                | what | result |
                |---|---|
                | submissions per second | %.1f |
                | registrations per second | %.1f |
                | registered → points posted, p50 | %d ms |
                | registered → points posted, p99 | %d ms |
                | platform start to healthy | %.1f s |
                """, measured.contracts(), CLIENTS, warmUp == null ? 0 : warmUp.contracts(), load,
                Runtime.getRuntime().availableProcessors(), measured.submissionsPerSecond(),
                measured.registrationsPerSecond(), measured.toPoints(50), measured.toPoints(99), startSeconds));
        if (warmUp != null) {
            table.append(String.format(Locale.ROOT, """
                    | warm-up: registrations per second | %.1f |
                    | warm-up: registered → points posted, p50 | %d ms |
                    | warm-up: registered → points posted, p99 | %d ms |
                    """, warmUp.registrationsPerSecond(), warmUp.toPoints(50), warmUp.toPoints(99)));
        }
        table.append(String.format(Locale.ROOT, """

                Services' JVM options: %s. CPU time per contract, from its submission to both parties' points
                (each process's CPU time over the counted phase, divided by the contracts; %.1f ms in all; the
                benchmark's own JVM split by its threads' names):

                | process | CPU ms per contract |
                |---|---|
                """, ServiceJvm.described(LOCAL_JVM), measured.cpuMillisPerContract()));
        measured.cpuMillis().keySet().stream()
                .sorted(Comparator.<String>comparingDouble(measured::cpuMillisPerContract).reversed())
                .forEach(process -> table.append(String.format(Locale.ROOT, "| %s | %.2f |%n", process,
                        measured.cpuMillisPerContract(process))));
        table.append("""

                Registered → points posted by tenth of the counted registrations, in the order they were registered:

                | tenth | p50 | p99 | max |
                |---|---|---|---|
                """);
        List<Long> toPoints = measured.toPoints();
        for (int tenth = 0; tenth < 10; tenth++) {
            List<Long> part = toPoints.subList(tenth * toPoints.size() / 10, (tenth + 1) * toPoints.size() / 10);
            if (!part.isEmpty()) {
                table.append(String.format(Locale.ROOT, "| %d | %d ms | %d ms | %d ms |%n", tenth + 1,
                        percentile(part, 50), percentile(part, 99), percentile(part, 100)));
            }
        }
        Path results = root.resolve("benchmarks/results");
        Files.createDirectories(results);
        Files.writeString(results.resolve("contract.json"), json);
        Files.writeString(results.resolve("contract.md"), table.toString());
        System.out.println(table);
    }
}
