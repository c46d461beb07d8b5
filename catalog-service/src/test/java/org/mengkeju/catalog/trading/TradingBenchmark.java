package org.mengkeju.catalog.trading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.DoubleStream;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.KeptAliveConnection;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;

/**
 * Bids per second over HTTP, on one hot lot and spread across 100 lots, at 64 concurrent bidders, with the bid
 * latency, flat out (each bidder bids again once answered) and paced (the same bidders offering half that rate). Each
 * bidder is a qualified buyer (its deposit recorded): the amount is one increment above the last amount any bidder
 * sent to that lot, so most bids are valid when sent and the refused ones are those overtaken in flight by a higher
 * one. Not a test (the test phase runs {@code *Test} only): run it with
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
    /** A bid not answered in this long counts as timed out (the connection's read timeout), and the bidder goes on. */
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** The paced phases offer this share of the rate the same phase reached flat out. */
    static final double PACED_SHARE = Double.parseDouble(System.getProperty("benchmark.pacedShare", "0.5"));
    /** The target: a bid answered within this. */
    static final double SLOW_MILLIS = 50;
    static final double STRETCH_GAP_SECONDS = 0.2;
    static final long START_FEN = 89_500_000L;
    static final long INCREMENT_FEN = 5_000_000L;

    @Autowired
    Lots lots;
    @Value("${local.server.port}")
    int port;

    /** One phase's outcome. */
    record Phase(int lots, long sent, long accepted, long refused, long timedOut, double seconds, double[] millis,
            double[] slowDueSeconds) {

        double acceptedPerSecond() {
            return accepted / seconds;
        }

        double sentPerSecond() {
            return sent / seconds;
        }

        double percentile(double p) {
            return millis[Math.min(millis.length - 1, (int) Math.ceil(p * millis.length) - 1)];
        }

        /**
         * The bids over {@link #SLOW_MILLIS} in stretches: bids due within {@link #STRETCH_GAP_SECONDS} of the one
         * before belong to the same stretch. A few long stretches are pauses of the whole process (a collection, the
         * machine); many short ones are the service itself.
         */
        List<Integer> slowStretches() {
            List<Integer> stretches = new ArrayList<>();
            double last = Double.NEGATIVE_INFINITY;
            for (double due : slowDueSeconds) {
                if (due - last > STRETCH_GAP_SECONDS) {
                    stretches.add(0);
                }
                stretches.set(stretches.size() - 1, stretches.getLast() + 1);
                last = due;
            }
            return stretches;
        }

        int largestSlowStretch() {
            return slowStretches().stream().mapToInt(Integer::intValue).max().orElse(0);
        }

        String slowSummary() {
            return String.format(Locale.ROOT, "%,d (%.2f %%) in %d stretches, the largest %d", slowDueSeconds.length,
                    100.0 * slowDueSeconds.length / Math.max(1, millis.length), slowStretches().size(),
                    largestSlowStretch());
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
        run(auctions(1, bidders), tokens, Duration.ofSeconds(3), 0);

        // Flat out: what one lot and 100 lots take at most. Every bidder keeps a bid in flight, so a bid's latency is
        // mostly its wait behind the other 63 (64 in flight / the rate).
        List<String> hot = auctions(1, bidders);
        Phase hotPhase = run(hot, tokens, PHASE, 0);
        List<String> spread = auctions(SPREAD_LOTS, bidders);
        Phase spreadPhase = run(spread, tokens, PHASE, 0);
        // Paced: the same 64 bidders offering a share of that rate, the latency a bidder sees while the service is
        // busy but not saturated.
        List<String> hotPaced = auctions(1, bidders);
        Phase hotPacedPhase = run(hotPaced, tokens, PHASE, PACED_SHARE * hotPhase.sentPerSecond());
        List<String> spreadPaced = auctions(SPREAD_LOTS, bidders);
        Phase spreadPacedPhase = run(spreadPaced, tokens, PHASE, PACED_SHARE * spreadPhase.sentPerSecond());

        // The history of every lot is what the bids made it: each accepted bid above the one before.
        for (List<String> phaseLots : List.of(hot, spread, hotPaced, spreadPaced)) {
            for (String lotId : phaseLots) {
                Lot lot = lots.findById(lotId).orElseThrow();
                List<Long> history = lot.bids().stream().map(Bid::amountFen).toList();
                assertThat(history).isSorted().doesNotHaveDuplicates().hasSize(lot.bidCount());
            }
        }
        assertThat(lots.findById(hot.getFirst()).orElseThrow().bidCount()).isEqualTo((int) hotPhase.accepted());
        assertThat(lots.findById(hotPaced.getFirst()).orElseThrow().bidCount())
                .isEqualTo((int) hotPacedPhase.accepted());
        write(hotPhase, spreadPhase, hotPacedPhase, spreadPacedPhase, loadBefore, load());
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

    /**
     * Every bidder bids on a random lot of {@code lotIds} for {@code length}, each on its own kept-alive connection:
     * without pause when {@code offeredPerSecond} is 0, else on a schedule that offers that many bids per second in
     * all, each bidder sending every {@code bidders / offeredPerSecond} seconds (the bidders staggered). A paced
     * bid's latency counts from when it was due, not from when it was sent, so that a slow answer that delays the
     * bidder's next bids is counted in those too.
     */
    private Phase run(List<String> lotIds, List<String> tokens, Duration length, double offeredPerSecond)
            throws Exception {
        AtomicLong[] lastSent = new AtomicLong[lotIds.size()];
        for (int i = 0; i < lastSent.length; i++) {
            lastSent[i] = new AtomicLong(-1);
        }
        AtomicLong accepted = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        AtomicLong timedOut = new AtomicLong();
        List<double[]> perBidder = new ArrayList<>();
        List<double[]> slowPerBidder = new ArrayList<>();
        long interval = offeredPerSecond > 0 ? (long) (tokens.size() * 1e9 / offeredPerSecond) : 0;
        // Every bidder has its thread and its connection before the clock starts: a real bidder is connected before
        // it bids, and 64 threads started and connected one after another took 100-200 ms on this machine, which
        // the first paced bids counted as the service's.
        // Each phase starts on a collected heap, so that it pays for its own garbage, not for the phase before. The
        // full collection also unloads what the JIT has left behind: otherwise the JVM does that on its own once its
        // compiled code has grown by a sixth of the code cache, which in this JVM (broker, store and service) came
        // in the middle of a phase about one run in three, as a 40-70 ms remark pause that held every bid.
        System.gc();
        CountDownLatch ready = new CountDownLatch(tokens.size());
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong startedAt = new AtomicLong();
        long start;
        try (ExecutorService pool = Executors.newFixedThreadPool(tokens.size())) {
            List<Future<double[][]>> all = new ArrayList<>();
            for (int b = 0; b < tokens.size(); b++) {
                String token = tokens.get(b);
                int bidder = b;
                all.add(pool.submit(() -> {
                    // Grown as needed: a bidder sends a few hundred bids a phase, and 64 arrays sized for the most
                    // it could (512 KB each) lived through the phase and were copied by every young collection of
                    // this JVM, which the bids in flight waited for.
                    DoubleStream.Builder millis = DoubleStream.builder();
                    DoubleStream.Builder slowDue = DoubleStream.builder();
                    long key = 0;
                    KeptAliveConnection connection = new KeptAliveConnection(port);
                    ready.countDown();
                    go.await();
                    long begin = startedAt.get();
                    long end = begin + length.toNanos();
                    long due = begin + interval * bidder / tokens.size();
                    try {
                        while (due < end) {
                            if (interval > 0) {
                                long wait = due - System.nanoTime();
                                if (wait > 0) {
                                    LockSupport.parkNanos(wait);
                                }
                            }
                            int lot = ThreadLocalRandom.current().nextInt(lotIds.size());
                            long step = lastSent[lot].incrementAndGet();
                            BigDecimal amount = BigDecimal.valueOf(START_FEN + step * INCREMENT_FEN, 2);
                            long sent = System.nanoTime();
                            long from = interval > 0 ? due : sent;
                            try {
                                KeptAliveConnection.Answer answer = connection.postJson(
                                        "/api/v1/catalog/trading/auctions/" + lotIds.get(lot) + "/bids",
                                        "{\"amountYuan\":" + amount.toPlainString() + "}",
                                        IdentityToken.HEADER, token, "Idempotency-Key", "bench-" + bidder + "-" + key++);
                                switch (answer.status()) {
                                    case 201 -> accepted.incrementAndGet();
                                    case 409 -> refused.incrementAndGet();
                                    default -> throw new IllegalStateException(answer.status() + " " + answer.body());
                                }
                            } catch (UncheckedIOException failed) {
                                if (!(failed.getCause() instanceof SocketTimeoutException)) {
                                    throw failed;
                                }
                                timedOut.incrementAndGet();
                                connection.close();
                                connection = new KeptAliveConnection(port);
                            }
                            long answered = System.nanoTime();
                            millis.add((answered - from) / 1e6);
                            if ((answered - from) / 1e6 > SLOW_MILLIS) {
                                slowDue.add((from - begin) / 1e9);
                            }
                            due = interval > 0 ? due + interval : answered;
                        }
                    } finally {
                        connection.close();
                    }
                    return new double[][] {millis.build().toArray(), slowDue.build().toArray()};
                }));
            }
            if (!ready.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the bidders did not connect within " + TIMEOUT);
            }
            start = System.nanoTime();
            startedAt.set(start);
            go.countDown();
            for (Future<double[][]> f : all) {
                double[][] bidder = f.get();
                perBidder.add(bidder[0]);
                slowPerBidder.add(bidder[1]);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double[] millis = perBidder.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        double[] slowDue = slowPerBidder.stream().flatMapToDouble(Arrays::stream).sorted().toArray();
        return new Phase(lotIds.size(), millis.length, accepted.get(), refused.get(), timedOut.get(), seconds,
                millis, slowDue);
    }

    private void write(Phase hot, Phase spread, Phase hotPaced, Phase spreadPaced, String loadBefore,
            String loadAfter) throws Exception {
        String load = loadBefore + " before, " + loadAfter + " after";
        double pacedP99 = Math.max(hotPaced.percentile(0.99), spreadPaced.percentile(0.99));
        double saturatedP99 = Math.max(hot.percentile(0.99), spread.percentile(0.99));
        List<Phase> phases = List.of(hot, spread, hotPaced, spreadPaced);
        long timedOut = phases.stream().mapToLong(Phase::timedOut).sum();
        double slowest = phases.stream().mapToDouble(phase -> phase.percentile(1.0)).max().orElse(0);
        Files.createDirectories(RESULTS);
        Files.writeString(RESULTS.resolve("trading.json"), String.format(Locale.ROOT, """
                {
                  "bidders": %d,
                  "hot_lot_bids_per_second": %.1f,
                  "spread_bids_per_second": %.1f,
                  "bid_p99_ms": %.2f,
                  "paced_share_of_saturated_rate": %.2f,
                  "hot_lot_paced_offered_per_second": %.1f,
                  "spread_paced_offered_per_second": %.1f,
                  "hot_lot_paced_bid_p50_ms": %.2f,
                  "hot_lot_paced_bid_p99_ms": %.2f,
                  "spread_paced_bid_p50_ms": %.2f,
                  "spread_paced_bid_p99_ms": %.2f,
                  "hot_lot_paced_bids_over_50ms": %d,
                  "hot_lot_paced_largest_slow_stretch": %d,
                  "spread_paced_bids_over_50ms": %d,
                  "spread_paced_largest_slow_stretch": %d,
                  "saturated_bid_p99_ms": %.2f,
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
                  "timed_out": %d,
                  "max_bid_ms": %.0f,
                  "spread_lots": %d,
                  "phase_seconds": %d,
                  "load_average_1m_before": %s,
                  "load_average_1m_after": %s,
                  "cpus": %d
                }
                """, BIDDERS, hot.acceptedPerSecond(), spread.acceptedPerSecond(), pacedP99, PACED_SHARE,
                hotPaced.sentPerSecond(), spreadPaced.sentPerSecond(), hotPaced.percentile(0.5),
                hotPaced.percentile(0.99), spreadPaced.percentile(0.5), spreadPaced.percentile(0.99),
                hotPaced.slowDueSeconds().length, hotPaced.largestSlowStretch(), spreadPaced.slowDueSeconds().length,
                spreadPaced.largestSlowStretch(), saturatedP99,
                hot.percentile(0.5), hot.percentile(0.99), spread.percentile(0.5), spread.percentile(0.99),
                hot.sentPerSecond(), spread.sentPerSecond(), hot.accepted(), hot.refused(), spread.accepted(),
                spread.refused(), timedOut, slowest, spread.lots(), PHASE.toSeconds(), jsonNumber(loadBefore),
                jsonNumber(loadAfter), Runtime.getRuntime().availableProcessors()));
        Files.writeString(RESULTS.resolve("trading.md"), String.format(Locale.ROOT, """
                # Trading: bids under load

                `bin/bench-trading`, one JVM: catalog-service on the real Kafka broker and the MongoDB-wire store (in
                memory, over TCP), %d bidders over HTTP, each on its own kept-alive connection, %d s per phase.
                Measured %s on the shared 2-core machine, load average %s (see the load note in
                benchmarks/README.md).

                **Flat out**: every bidder bids again as soon as it has its answer, every bid one increment above the
                last amount sent to its lot. This is the most the service takes; each bidder always has a bid in
                flight, so a bid waits behind the other %d and its latency is about %d divided by the rate.

                | flat out | one hot lot | %d lots |
                |---|---|---|
                | accepted bids per second | %.0f/s | %.0f/s |
                | bid requests per second (accepted and refused) | %.0f/s | %.0f/s |
                | accepted / refused | %,d / %,d | %,d / %,d |
                | bid latency p50 / p99 | %.2f / %.2f ms | %.2f / %.2f ms |

                **Paced**: the same %d bidders offer %.0f %% of the rate each phase reached flat out, each bidder on a
                fixed schedule (the bidders staggered); a bid's latency counts from when it was due, so an answer
                that came late and held up the bidder's next bid counts in that one too.

                | paced | one hot lot | %d lots | target |
                |---|---|---|---|
                | bids offered per second | %.0f/s | %.0f/s | |
                | accepted / refused | %,d / %,d | %,d / %,d | |
                | bid latency p50 | %.2f ms | %.2f ms | |
                | bid latency p99 | %.2f ms | %.2f ms | under 50 ms |
                | bids over 50 ms | %s | %s | |

                Slowest bid of all phases %.0f ms; bids unanswered after %d s: %d.

                Bids on one lot go through one lane per lot in the service, one at a time: a bid the lot as last
                written refuses for good is answered at once after one read (a look for the request's own earlier
                bid); one that may win waits its turn and is one conditional update of the lot's document (the top,
                the history and the close in one write) that returns the state it left. After each run every lot's
                history was checked: each accepted bid above the one before, as many as were accepted.
                """, BIDDERS, PHASE.toSeconds(), Instant.now(), load, BIDDERS - 1, BIDDERS, spread.lots(),
                hot.acceptedPerSecond(), spread.acceptedPerSecond(), hot.sentPerSecond(), spread.sentPerSecond(),
                hot.accepted(), hot.refused(), spread.accepted(), spread.refused(), hot.percentile(0.5),
                hot.percentile(0.99), spread.percentile(0.5), spread.percentile(0.99), BIDDERS, PACED_SHARE * 100,
                spread.lots(), hotPaced.sentPerSecond(), spreadPaced.sentPerSecond(), hotPaced.accepted(),
                hotPaced.refused(), spreadPaced.accepted(), spreadPaced.refused(), hotPaced.percentile(0.5),
                spreadPaced.percentile(0.5), hotPaced.percentile(0.99), spreadPaced.percentile(0.99),
                hotPaced.slowSummary(), spreadPaced.slowSummary(), slowest, TIMEOUT.toSeconds(), timedOut));
    }
}
