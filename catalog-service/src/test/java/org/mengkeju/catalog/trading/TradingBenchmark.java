package org.mengkeju.catalog.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Bids per second over HTTP, on one hot lot and spread across 100 lots, at 64 concurrent bidders, with the bid
 * latency. Each bidder is a qualified buyer (its deposit recorded) bidding without pause: the amount is one increment
 * above the last amount any bidder sent to that lot, so most bids are valid when sent and the refused ones are those
 * overtaken in flight by a higher one. Not a test (the test phase runs {@code *Test} only): run it with
 * {@code bin/bench-trading}; see benchmarks/README.md. Writes {@code benchmarks/results/trading.md} and
 * {@code trading.json}.
 */
@ServiceIntegrationTest
// The relay polls as the service runs it; bids write no events, but the relay's scans share the store.
@TestPropertySource(properties = "mengkeju.outbox.poll-interval=1s")
class TradingBenchmark {

    static final int BIDDERS = Integer.getInteger("benchmark.bidders", 64);
    static final int SPREAD_LOTS = Integer.getInteger("benchmark.lots", 100);
    static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("benchmark.seconds", 15));
    static final Path RESULTS = Path.of(System.getProperty("benchmark.results", "../benchmarks/results"));
    /** A bid not answered in this long counts as timed out (at this latency), and the bidder goes on. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final long START_FEN = 89_500_000L;
    static final long INCREMENT_FEN = 5_000_000L;

    @Autowired
    Lots lots;
    @Value("${local.server.port}")
    int port;

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();

    /** One phase's outcome. */
    record Phase(int lots, long sent, long accepted, long refused, long timedOut, double seconds, double[] millis) {

        double acceptedPerSecond() {
            return accepted / seconds;
        }

        double sentPerSecond() {
            return sent / seconds;
        }

        double percentile(double p) {
            return millis[Math.min(millis.length - 1, (int) Math.ceil(p * millis.length) - 1)];
        }
    }

    /** The machine's 1-minute load average, where the system tells it; the runs share their machine. */
    static String load() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (Exception unknown) {
            return "unknown";
        }
    }

    @Test
    void measure() throws Exception {
        String loadBefore = load();
        List<String> bidders = new ArrayList<>();
        for (int i = 0; i < BIDDERS; i++) {
            bidders.add("bench-bidder-%03d".formatted(i));
        }
        List<String> tokens = bidders.stream().map(TestIdentities::partner).toList();

        // Warm up the HTTP stack, the driver and the JIT on a lot of its own, outside the measurement.
        run(auctions(1, bidders), tokens, Duration.ofSeconds(3));

        List<String> hot = auctions(1, bidders);
        Phase hotPhase = run(hot, tokens, PHASE);
        List<String> spread = auctions(SPREAD_LOTS, bidders);
        Phase spreadPhase = run(spread, tokens, PHASE);

        // The history of every lot is what the bids made it: each accepted bid above the one before.
        for (String lotId : concat(hot, spread)) {
            Lot lot = lots.findById(lotId).orElseThrow();
            List<Long> history = lot.bids().stream().map(Bid::amountFen).toList();
            assertThat(history).isSorted().doesNotHaveDuplicates().hasSize(lot.bidCount());
        }
        assertThat(lots.findById(hot.getFirst()).orElseThrow().bidCount()).isEqualTo((int) hotPhase.accepted());
        write(hotPhase, spreadPhase, loadBefore, load());
    }

    private static String jsonNumber(String load) {
        return load.matches("[0-9]+(\\.[0-9]+)?") ? load : "null";
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** {@code count} lots at auction for the next hour, every bidder qualified on each. */
    private List<String> auctions(int count, List<String> bidders) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant now = Instant.now();
            String id = LotId.next(now).value();
            lots.insert(TradingFixtures.atAuction(id, now, now.plus(Duration.ofHours(1)), Duration.ZERO, bidders));
            ids.add(id);
        }
        return ids;
    }

    /** Every bidder bids on a random lot of {@code lotIds}, without pause, for {@code length}. */
    private Phase run(List<String> lotIds, List<String> tokens, Duration length) throws Exception {
        AtomicLong[] lastSent = new AtomicLong[lotIds.size()];
        for (int i = 0; i < lastSent.length; i++) {
            lastSent[i] = new AtomicLong(-1);
        }
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong timedOut = new AtomicLong();
        List<double[]> perBidder = new ArrayList<>();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(tokens.size())) {
            List<Future<double[]>> all = new ArrayList<>();
            for (int b = 0; b < tokens.size(); b++) {
                String token = tokens.get(b);
                int bidder = b;
                all.add(pool.submit(() -> {
                    double[] millis = new double[1 << 16];
                    int n = 0;
                    long key = 0;
                    while (System.nanoTime() < end && n < millis.length) {
                        int lot = ThreadLocalRandom.current().nextInt(lotIds.size());
                        long step = lastSent[lot].incrementAndGet();
                        BigDecimal amount = BigDecimal.valueOf(START_FEN + step * INCREMENT_FEN, 2);
                        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                                + "/api/v1/catalog/trading/auctions/" + lotIds.get(lot) + "/bids"))
                                .timeout(TIMEOUT)
                                .header(IdentityToken.HEADER, token)
                                .header("Idempotency-Key", "bench-" + bidder + "-" + key++)
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"amountYuan\":"
                                        + amount.toPlainString() + "}"))
                                .build();
                        long t0 = System.nanoTime();
                        HttpResponse<String> response;
                        try {
                            response = client.send(request, HttpResponse.BodyHandlers.ofString());
                        } catch (java.net.http.HttpTimeoutException slow) {
                            millis[n++] = TIMEOUT.toMillis();
                            timedOut.incrementAndGet();
                            continue;
                        }
                        millis[n++] = (System.nanoTime() - t0) / 1e6;
                        switch (response.statusCode()) {
                            case 201 -> accepted.incrementAndGet();
                            case 409 -> refused.incrementAndGet();
                            default -> throw new IllegalStateException(response.statusCode() + " " + response.body());
                        }
                    }
                    return Arrays.copyOf(millis, n);
                }));
            }
            for (Future<double[]> f : all) {
                perBidder.add(f.get());
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] millis = perBidder.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        return new Phase(lotIds.size(), millis.length, accepted.get(), refused.get(), timedOut.get(), seconds,
                millis);
    }

    private void write(Phase hot, Phase spread, String loadBefore, String loadAfter) throws Exception {
        String load = loadBefore + " before, " + loadAfter + " after";
        double p99 = Math.max(hot.percentile(0.99), spread.percentile(0.99));
        Files.createDirectories(RESULTS);
        Files.writeString(RESULTS.resolve("trading.json"), String.format(Locale.ROOT, """
                {
                  "bidders": %d,
                  "hot_lot_bids_per_second": %.1f,
                  "spread_bids_per_second": %.1f,
                  "bid_p99_ms": %.2f,
                  "hot_lot_bid_p50_ms": %.2f,
                  "hot_lot_bid_p99_ms": %.2f,
                  "spread_bid_p50_ms": %.2f,
                  "spread_bid_p99_ms": %.2f,
                  "hot_lot_requests_per_second": %.1f,
                  "spread_requests_per_second": %.1f,
                  "hot_lot_accepted": %d,
                  "hot_lot_refused": %d,
                  "spread_accepted": %d,
                  "spread_refused": %d,
                  "hot_lot_timed_out": %d,
                  "spread_timed_out": %d,
                  "max_bid_ms": %.0f,
                  "spread_lots": %d,
                  "phase_seconds": %d,
                  "load_average_1m_before": %s,
                  "load_average_1m_after": %s,
                  "cpus": %d
                }
                """, BIDDERS, hot.acceptedPerSecond(), spread.acceptedPerSecond(), p99, hot.percentile(0.5),
                hot.percentile(0.99), spread.percentile(0.5), spread.percentile(0.99), hot.sentPerSecond(),
                spread.sentPerSecond(), hot.accepted(), hot.refused(), spread.accepted(), spread.refused(),
                hot.timedOut(), spread.timedOut(), Math.max(hot.percentile(1.0), spread.percentile(1.0)), spread.lots(),
                PHASE.toSeconds(), jsonNumber(loadBefore), jsonNumber(loadAfter),
                Runtime.getRuntime().availableProcessors()));
        Files.writeString(RESULTS.resolve("trading.md"), String.format(Locale.ROOT, """
                # Trading: bids under load

                `bin/bench-trading`, one JVM: catalog-service on the real Kafka broker and the MongoDB-wire store (in
                memory, over TCP), %d bidders over HTTP, each bidding without pause for %d s per phase, every bid one
                increment above the last amount sent to its lot. Measured %s on the shared 2-core machine, load
                average %s (see the load note in benchmarks/README.md).

                | what | one hot lot | %d lots | target |
                |---|---|---|---|
                | accepted bids per second | %.0f/s | %.0f/s | |
                | bid requests per second (accepted and refused) | %.0f/s | %.0f/s | |
                | accepted / refused | %,d / %,d | %,d / %,d | |
                | bid latency p50 | %.2f ms | %.2f ms | |
                | bid latency p99 | %.2f ms | %.2f ms | under 50 ms |
                | slowest bid; bids unanswered after %d s | %.0f ms; %d | %.0f ms; %d | |

                Bids on one lot go through one lane per lot in the service, one at a time: a bid the lot as last
                written refuses for good is answered at once after one read (a look for the request's own earlier
                bid); one that may win waits its turn and is one conditional update of the lot's document (the top,
                the history and the close in one write) that returns the state it left. After each run every lot's
                history was checked: each accepted bid above the one before, as many as were accepted.
                """, BIDDERS, PHASE.toSeconds(), Instant.now(), load, spread.lots(), hot.acceptedPerSecond(),
                spread.acceptedPerSecond(), hot.sentPerSecond(), spread.sentPerSecond(), hot.accepted(), hot.refused(),
                spread.accepted(), spread.refused(), hot.percentile(0.5), spread.percentile(0.5),
                hot.percentile(0.99), spread.percentile(0.99), TIMEOUT.toSeconds(), hot.percentile(1.0),
                hot.timedOut(), spread.percentile(1.0), spread.timedOut()));
    }
}
