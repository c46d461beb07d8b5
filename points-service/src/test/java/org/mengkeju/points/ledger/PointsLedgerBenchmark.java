package org.mengkeju.points.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.management.ManagementFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.awaitility.core.ConditionTimeoutException;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.KeptAliveConnection;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.context.TestPropertySource;

/**
 * Posted transfers per second against the MongoDB-wire store, next to the store's raw single-document insert rate
 * in the same run; and the balance read latency of an account with 100,000 posted transfers. Not a test (the test
 * phase runs {@code *Test} only): run it with {@code bin/bench-points}; see benchmarks/README.md. Writes
 * {@code benchmarks/results/points.md} and {@code points.json}.
 */
@ServiceIntegrationTest
// The relay polls as the service runs it (the tests' 50 ms would add a scan of the whole collection every 50 ms).
@TestPropertySource(properties = "mengkeju.outbox.poll-interval=1s")
class PointsLedgerBenchmark {

    /**
     * Transfers of each kind over all rounds. A round of 1,000 timed raw inserts in about a tenth of a second, which
     * made the ratio swing with every pause on the machine; 10,000 per round keep each timing window near a second
     * or more for the transfers (a third of a second for the raw inserts on a quiet machine).
     */
    static final int TRANSFERS = Integer.getInteger("benchmark.transfers", 50_000);
    /**
     * Writes of each kind before the rounds, from as many writers: with 1,000 the raw rate still rose threefold
     * from the first round to the last (the compiler at work), and with 5,000 on a quiet machine the transfers' rate
     * still rose from round to round (1,700 to 4,700 a second): the rounds measured the JIT more than the ledger.
     */
    static final int WARMUP_WRITES = Integer.getInteger("benchmark.warmupWrites", 30_000);
    static final int WRITERS = Integer.getInteger("benchmark.writers", 4);
    static final int ROUNDS = Integer.getInteger("benchmark.rounds", 5);
    static final int HISTORY = Integer.getInteger("benchmark.history", 100_000);
    static final int READS = Integer.getInteger("benchmark.reads", 2_000);
    static final int WARMUP = Integer.getInteger("benchmark.warmup", 2_000);
    static final Path RESULTS = Path.of(System.getProperty("benchmark.results", "../benchmarks/results"));

    @Autowired
    TransferEngine engine;
    @Autowired
    Accounts accounts;
    @Autowired
    PointsLedger ledger;
    @Autowired
    LedgerCheck check;
    @Autowired
    AccountBooking booking;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Clock clock;
    @Value("${local.server.port}")
    int port;

    @Test
    void measure() throws Exception {
        String loadBefore = loadAverage();
        List<String> holders = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String holder = "bench-" + i;
            accounts.openIfAbsent(holder, AccountKind.INSTITUTION, clock.instant());
            holders.add(holder);
        }
        // Warm up the driver, the store's collections and the JIT, outside the measurement.
        rawInserts("warm", WARMUP_WRITES);
        transfers(holders, WARMUP_WRITES);
        betweenHolders(holders, WARMUP_WRITES);

        // What one transfer costs the store, counted as write commands on the writing thread (booking not included).
        int writesFromIssued = StoreWrites.total(() -> engine.execute(TransferRequest.of("bench-count-award",
                SystemAccount.ISSUED.accountId(), holders.get(0), 10, TransferReason.ADJUSTMENT, "bench"), "bench",
                null, TransferEngine.ALL));
        int writesBetweenHolders = StoreWrites.total(() -> engine.execute(TransferRequest.of("bench-count-pay",
                holders.get(0), holders.get(1), 1, TransferReason.ADJUSTMENT, "bench"), "bench", null,
                TransferEngine.ALL));

        // Rounds that alternate the three, so that a burst of other work on the machine, or the JIT, weighs on all
        // of them alike; each figure is the median over the rounds, the ratio the median of the rounds' ratios.
        int perRound = ROUNDS == 0 ? 0 : TRANSFERS / ROUNDS;
        double[] raws = new double[ROUNDS];
        double[] issued = new double[ROUNDS];
        double[] spread = new double[ROUNDS];
        double[] ratios = new double[ROUNDS];
        // CPU time of the whole process (writers, service, relay, broker, store) per write, each kind's until its
        // events are published and its accounts booked: less at the mercy of the shared machine than a rate (it
        // still rises when other work crowds the caches and the scheduler).
        double[] rawCpu = new double[ROUNDS];
        double[] issuedCpu = new double[ROUNDS];
        double[] spreadCpu = new double[ROUNDS];
        double[] cpuRatios = new double[ROUNDS];
        quiet(); // after the warm-up; each round then ends quiet
        for (int round = 0; round < ROUNDS; round++) {
            long cpu = processCpuNanos();
            raws[round] = rawInserts("round-" + round, perRound);
            rawCpu[round] = microsEach(processCpuNanos() - cpu, perRound);
            quiet();
            cpu = processCpuNanos();
            issued[round] = transfers(holders, perRound);
            quiet();
            issuedCpu[round] = microsEach(processCpuNanos() - cpu, perRound);
            cpu = processCpuNanos();
            spread[round] = betweenHolders(holders, perRound);
            quiet();
            spreadCpu[round] = microsEach(processCpuNanos() - cpu, perRound);
            ratios[round] = issued[round] / raws[round];
            cpuRatios[round] = rawCpu[round] / issuedCpu[round];
        }
        Cpu cpu = ROUNDS == 0 ? null : new Cpu(median(rawCpu), median(issuedCpu), median(spreadCpu),
                median(cpuRatios), rounded(cpuRatios, "%.3f"));
        double raw = ROUNDS == 0 ? 0 : median(raws);
        double transfersPerSecond = ROUNDS == 0 ? 0 : median(issued);
        double spreadPerSecond = ROUNDS == 0 ? 0 : median(spread);
        double ratio = ROUNDS == 0 ? 0 : median(ratios);

        String busy = buildHistory(HISTORY);
        // Two redemptions held on it, so a read also resolves the transfers the account holds in flight.
        for (int i = 0; i < 2; i++) {
            ledger.hold(new TransferRequest("bench-redemption-" + i, busy, SystemAccount.REDEEMED.accountId(), 100,
                    TransferReason.REDEMPTION, "bench", null, null, true, null), "bench", Duration.ofDays(1));
        }
        quiet();
        Balance expected = ledger.balanceOf(busy);
        assertThat(expected.transfers()).isEqualTo(HISTORY);
        assertThat(expected.debitsPending()).isEqualTo(200);

        TestHttp http = TestHttp.localPort(port);
        KeptAliveConnection plain = new KeptAliveConnection(port);
        String token = TestIdentities.operator();
        String path = "/api/v1/points/accounts/" + busy;
        Runnable inProcessRead = () -> ledger.balanceOf(busy);
        // Over HTTP as a partner system calls it: one kept-alive connection, the next request once the answer is read.
        Runnable httpRead = () -> expect(200, plain.get(path, IdentityToken.HEADER, token));
        // The same through the JDK's HttpClient, which hands each request and answer between its own threads: on 2
        // shared cores that added a tail of its own (p99 13.7-14.6 ms against 4.8-9.5 ms for the same reads).
        Runnable jdkClientRead = () -> {
            var response = http.get(path, IdentityToken.HEADER, token);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.body());
            }
        };
        // Both paths warmed as long as they are measured (JIT, driver, Tomcat, and the store settling after the bulk
        // history): with 200 reads of warm-up the first 2,000 read several times slower than the ones after them.
        latencies(WARMUP, inProcessRead);
        latencies(WARMUP, httpRead);
        latencies(WARMUP, jdkClientRead);
        double[] inProcess = latencies(READS, inProcessRead);
        double[] overHttp = latencies(READS, httpRead);
        double[] overJdkClient = latencies(READS, jdkClientRead);
        // Where a read's time goes: one store round trip (the account by id), and the HTTP path alone (the identity,
        // the controller, a problem body: a read of another institution's account, refused before the ledger reads).
        double[] roundTrip = latencies(READS, () -> accounts.find(busy));
        String partner = TestIdentities.partner("imut");
        double[] httpAlone = latencies(READS, () -> expect(403, plain.get(path, IdentityToken.HEADER, partner)));
        plain.close();
        System.out.printf(Locale.ROOT, "balance read: in process p50 %.2f p99 %.2f; HTTP p50 %.2f p99 %.2f;"
                + " JDK client p50 %.2f p99 %.2f; one round trip p50 %.2f p99 %.2f; HTTP alone (403) p50 %.2f"
                + " p99 %.2f%n", percentile(inProcess, 0.5),
                percentile(inProcess, 0.99), percentile(overHttp, 0.5), percentile(overHttp, 0.99),
                percentile(overJdkClient, 0.5), percentile(overJdkClient, 0.99),
                percentile(roundTrip, 0.5), percentile(roundTrip, 0.99), percentile(httpAlone, 0.5),
                percentile(httpAlone, 0.99));
        if (ROUNDS == 0) {
            return; // a look at the reads alone (-Dbenchmark.rounds=0): no results written
        }
        long checkStart = System.nanoTime();
        var report = check.run();
        double checkSeconds = (System.nanoTime() - checkStart) / 1e9;

        write(transfersPerSecond, spreadPerSecond, raw, ratio, cpu, issued, raws, ratios, inProcess, overHttp,
                overJdkClient, roundTrip, httpAlone, report, checkSeconds, writesFromIssued, writesBetweenHolders,
                loadBefore, loadAverage());
        assertThat(report.violations()).isEmpty();
    }

    private static void expect(int status, KeptAliveConnection.Answer answer) {
        if (answer.status() != status) {
            throw new IllegalStateException(answer.status() + " " + answer.body());
        }
    }

    /**
     * Waits, untimed, until the outbox relay has published every event the last measurement left (each transfer to or
     * from a holder announces it) and the accounts are booked, so that no measurement pays for the one before it.
     */
    private void quiet() {
        booking.bookDue(true);
        Query pending = Query.query(Criteria.where("outboxPendingSince").exists(true));
        try {
            await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(50)).pollDelay(Duration.ZERO)
                    .until(() -> !mongo.exists(pending, Transfer.class));
        } catch (ConditionTimeoutException stillPublishing) {
            // Measured anyway, as before: the results record the load, and a relay this far behind shows in them.
        }
    }

    /** Plain documents, one insert each, from {@code WRITERS} threads: what the store gives a single write. */
    private double rawInserts(String label, int count) throws Exception {
        String collection = "bench_raw_" + label;
        return timed(count, i -> mongo.insert(new Document("_id", "raw-" + i).append("accountId", "bench-" + (i % 100))
                .append("amount", 10L).append("reference", "bench").append("at", java.util.Date.from(Instant.now())),
                collection));
    }

    /**
     * Single-phase transfers from the issued account to 100 holders, each run to POSTED, from {@code WRITERS}; the time
     * includes booking them into the accounts' totals (the rounds in the background, then what is left).
     */
    private double transfers(List<String> holders, int count) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return timedAndBooked(count, i -> {
            Transfer t = engine.execute(TransferRequest.of("bench-" + run + "-" + i,
                    SystemAccount.ISSUED.accountId(), holders.get(i % holders.size()), 10, TransferReason.ADJUSTMENT,
                    "bench"), "bench", null, TransferEngine.ALL).transfer();
            if (t.state() != TransferState.POSTED) {
                throw new IllegalStateException(t.id() + " ended " + t.state());
            }
        });
    }

    /** Transfers of 1 point from each holder to the next: no account is shared by all of them; booked, as above. */
    private double betweenHolders(List<String> holders, int count) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return timedAndBooked(count, i -> {
            Transfer t = engine.execute(TransferRequest.of("bench-" + run + "-" + i, holders.get(i % holders.size()),
                    holders.get((i + 1) % holders.size()), 1, TransferReason.ADJUSTMENT, "bench"), "bench", null,
                    TransferEngine.ALL).transfer();
            if (t.state() != TransferState.POSTED) {
                throw new IllegalStateException(t.id() + " ended " + t.state());
            }
        });
    }

    private double timedAndBooked(int count, java.util.function.IntConsumer write) throws Exception {
        return timed(count, write, () -> booking.bookDue(true));
    }

    private double timed(int count, java.util.function.IntConsumer write) throws Exception {
        return timed(count, write, () -> { });
    }

    private double timed(int count, java.util.function.IntConsumer write, Runnable after) throws Exception {
        long start = System.nanoTime();
        try (ExecutorService writers = Executors.newFixedThreadPool(WRITERS)) {
            List<Future<?>> all = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                all.add(writers.submit(() -> {
                    for (int i = writer; i < count; i += WRITERS) {
                        write.accept(i);
                    }
                }));
            }
            for (Future<?> f : all) {
                f.get();
            }
        }
        after.run();
        return count / ((System.nanoTime() - start) / 1e9);
    }

    /**
     * An account with {@code count} posted transfers, written in bulk as the engine leaves them (the per-transfer
     * rate is measured above): the transfers from a source account, and both accounts' totals to match.
     */
    private String buildHistory(int count) {
        String busy = "bench-busy";
        String source = "bench-source";
        Instant start = clock.instant().minusSeconds(count);
        List<Transfer> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = start.plusSeconds(i);
            batch.add(new Transfer("bench-history-" + i, source, busy, List.of(source, busy), Account.POINTS_LEDGER, 10,
                    TransferReason.ADJUSTMENT, "bench", null, null, false, "bench", at, null, TransferState.POSTED,
                    null, null, null, at, null, null, 0L, List.of(), null, null));
            if (batch.size() == 5_000) {
                mongo.insert(batch, Transfer.class);
                batch.clear();
            }
        }
        long total = 10L * count;
        Instant last = start.plusSeconds(count - 1);
        mongo.insert(new Account(source, AccountKind.SYSTEM, Account.POINTS_LEDGER, AccountKind.SYSTEM.code(),
                EnumSet.noneOf(AccountFlag.class), total, 0, 0, 0, -total, total, count, last, List.of(), start, 0,
                List.of()),
                Accounts.COLLECTION);
        mongo.insert(new Account(busy, AccountKind.INSTITUTION, Account.POINTS_LEDGER, AccountKind.INSTITUTION.code(),
                EnumSet.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS), 0, total, 0, 0, total, -total, count, last,
                List.of(), start, 0, List.of()), Accounts.COLLECTION);
        return busy;
    }

    /** CPU time per write, medians of the rounds; the ratio is a raw insert's CPU time over a transfer's. */
    private record Cpu(double microsPerRawInsert, double microsPerTransfer, double microsPerTransferBetweenHolders,
            double ratio, String ratios) {
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double microsEach(long nanos, int count) {
        return nanos / 1e3 / count;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    private static double[] latencies(int count, Runnable read) {
        double[] millis = new double[count];
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            read.run();
            millis[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(millis);
        return millis;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static String rounded(double[] values, String format) {
        return String.join(", ", Arrays.stream(values).mapToObj(v -> String.format(Locale.ROOT, format, v)).toList());
    }

    private static double percentile(double[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    private void write(double transfersPerSecond, double spreadPerSecond, double raw, double ratio, Cpu cpu,
            double[] issued,
            double[] raws,
            double[] ratios, double[] inProcess, double[] overHttp, double[] overJdkClient, double[] roundTrip,
            double[] httpAlone,
            LedgerCheck.Report report, double checkSeconds,
            int writesFromIssued, int writesBetweenHolders, String loadBefore, String loadAfter) throws Exception {
        Files.createDirectories(RESULTS);
        Files.writeString(RESULTS.resolve("points.json"), String.format(Locale.ROOT, """
                {
                  "transfers_per_second": %.1f,
                  "raw_inserts_per_second": %.1f,
                  "ratio": %.3f,
                  "cpu_us_per_transfer": %.1f,
                  "cpu_us_per_raw_insert": %.1f,
                  "cpu_us_per_transfer_between_holders": %.1f,
                  "cpu_ratio": %.3f,
                  "transfers_between_holders_per_second": %.1f,
                  "balance_read_p99_ms_at_100k": %.2f,
                  "balance_read_p50_ms_at_100k": %.2f,
                  "balance_read_jdk_client_p99_ms_at_100k": %.2f,
                  "balance_read_jdk_client_p50_ms_at_100k": %.2f,
                  "balance_read_in_process_p99_ms_at_100k": %.2f,
                  "balance_read_in_process_p50_ms_at_100k": %.2f,
                  "store_round_trip_p50_ms": %.2f,
                  "store_round_trip_p99_ms": %.2f,
                  "http_alone_p50_ms": %.2f,
                  "http_alone_p99_ms": %.2f,
                  "warmup_reads": %d,
                  "warmup_writes": %d,
                  "rounds": %d,
                  "transfers_per_round": %d,
                  "history_transfers": %d,
                  "writers": %d,
                  "ledger_check_seconds": %.1f,
                  "store_writes_per_transfer_from_issued": %d,
                  "store_writes_per_transfer_between_holders": %d,
                  "load_average_before": "%s",
                  "load_average_after": "%s",
                  "cores": %d,
                  "measured_at": "%s"
                }
                """, transfersPerSecond, raw, ratio, cpu.microsPerTransfer(), cpu.microsPerRawInsert(),
                cpu.microsPerTransferBetweenHolders(), cpu.ratio(), spreadPerSecond, percentile(overHttp, 0.99), percentile(overHttp, 0.5),
                percentile(overJdkClient, 0.99), percentile(overJdkClient, 0.5),
                percentile(inProcess, 0.99), percentile(inProcess, 0.5), percentile(roundTrip, 0.5),
                percentile(roundTrip, 0.99), percentile(httpAlone, 0.5), percentile(httpAlone, 0.99), WARMUP, WARMUP_WRITES,
                ROUNDS, ROUNDS == 0 ? 0 : TRANSFERS / ROUNDS, HISTORY, WRITERS, checkSeconds, writesFromIssued,
                writesBetweenHolders, loadBefore, loadAfter, Runtime.getRuntime().availableProcessors(),
                Instant.now()));
        Path table = RESULTS.resolve("points.md");
        String notes = earlierNotes(table);
        Files.writeString(table, String.format(Locale.ROOT, """
                # Points ledger

                `bin/bench-points`, one JVM: points-service on the real Kafka broker and the MongoDB-wire store
                (in memory, over TCP), %d writer threads, the outbox relay polling every second as the service
                runs it. Measured %s on the shared 2-core machine, load average %s before and %s after.

                | what | result | target |
                |---|---|---|
                | posted transfers per second (issued account to 100 holders, each run to POSTED and booked; each round: %s) | %.0f/s | |
                | posted transfers per second between the 100 holders (no account shared by all), booked | %.0f/s | |
                | store writes of one transfer from the issued account / between two holders (booking apart) | %d / %d | |
                | raw single-document inserts per second, same store, same rounds (each round: %s) | %.0f/s | |
                | ratio, the median of the rounds' (each round: %s) | %.3f | at least 0.25 |
                | CPU time of the whole process per write: raw insert / transfer from the issued account / between holders (each until published and booked) | %.1f / %.1f / %.1f µs | |
                | the same as a ratio, raw insert over transfer (each round: %s) | %.3f | |
                | balance read over HTTP, account with %,d posted transfers and 2 held, one kept-alive connection: p50 / p99 | %.2f ms / %.2f ms | p99 under 10 ms |
                | the same read through the JDK's HttpClient: p50 / p99 | %.2f ms / %.2f ms | |
                | the same read in process (the ledger call alone): p50 / p99 | %.2f ms / %.2f ms | |
                | one store round trip (the account by id): p50 / p99 | %.2f ms / %.2f ms | |
                | the HTTP path alone (identity, controller, a 403 problem, no store read; kept-alive connection): p50 / p99 | %.2f ms / %.2f ms | |
                | ledger check over %,d transfers and %,d accounts | %.1f s, %s | |

                A transfer from the issued account holds nothing (no flag can refuse either side), so its one write is
                its decision and its end; a transfer between holders holds the payer's debit (the transfer, the hold,
                the decision, the settlement, the end). The sides nobody holds are booked into the accounts' totals
                in batches, one booking of an account for all it received since the last; each round's time includes
                booking what it left. Every transfer to or from a holder is announced (`PointsPosted`,
                `PointsDebited`), so the outbox relay publishes its events during the round, as in the service; each
                measurement starts once the one before is published and booked. %d rounds of %,d writes of each kind
                after %,d of each as warm-up; each figure is the median of the rounds, the ratio the median of the
                rounds' ratios. Each read path was warmed with %,d reads before the %,d measured. The reads over
                HTTP are sent on one kept-alive connection, the next once the answer is read (as wrk does in the
                gateway benchmark); the JDK's HttpClient hands each request and answer between its own threads, which
                on 2 shared cores adds a tail of its own, shown for comparison.
                """, WRITERS, Instant.now(), loadBefore, loadAfter, rounded(issued, "%.0f"), transfersPerSecond,
                spreadPerSecond,
                writesFromIssued, writesBetweenHolders, rounded(raws, "%.0f"), raw,
                rounded(ratios, "%.3f"), ratio, cpu.microsPerRawInsert(), cpu.microsPerTransfer(),
                cpu.microsPerTransferBetweenHolders(), cpu.ratios(), cpu.ratio(), HISTORY,
                percentile(overHttp, 0.5), percentile(overHttp, 0.99), percentile(overJdkClient, 0.5),
                percentile(overJdkClient, 0.99), percentile(inProcess, 0.5),
                percentile(inProcess, 0.99), percentile(roundTrip, 0.5), percentile(roundTrip, 0.99),
                percentile(httpAlone, 0.5), percentile(httpAlone, 0.99), report.transfers(), report.accounts(),
                checkSeconds,
                report.violations().isEmpty() ? "no violation" : report.violations().size() + " violations", ROUNDS,
                ROUNDS == 0 ? 0 : TRANSFERS / ROUNDS, WARMUP_WRITES, WARMUP, READS) + notes);
    }

    /**
     * The notes on earlier runs kept below the table (its {@code ##} sections), carried over to the new file: a run
     * replaces the table, not what was written about the runs before it.
     */
    private static String earlierNotes(Path table) throws IOException {
        if (!Files.exists(table)) {
            return "";
        }
        String text = Files.readString(table);
        int notes = text.indexOf("\n## ");
        return notes < 0 ? "" : "\n" + text.substring(notes + 1);
    }
}
