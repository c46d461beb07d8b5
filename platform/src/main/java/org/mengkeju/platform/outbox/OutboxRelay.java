package org.mengkeju.platform.outbox;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.nin;
import static com.mongodb.client.model.Filters.size;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import com.mongodb.client.model.WriteModel;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.mengkeju.events.EventContract;
import org.mengkeju.events.EventContracts;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.metrics.MetricNames;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes the events that aggregates recorded in their own documents.
 *
 * <ul>
 *   <li><b>Finding work.</b> A document with pending events carries {@code outboxPendingSince} (the time of its
 *   oldest pending event); the relay creates a sparse index on it for every outbox collection and reads pending
 *   documents through that index only, oldest first, so stuck aggregates cannot starve the others and a ledger of
 *   millions of settled documents costs nothing when idle. A local write wakes the relay at once
 *   ({@link OutboxSignal}); the poll is a safety net.</li>
 *   <li><b>Replicas.</b> A document is published only by the relay holding its lease (an owner and an expiry), so two
 *   replicas do not publish the same events. Each running relay renews a heartbeat in {@value #RELAYS}; a relay whose
 *   heartbeat stopped (its process died) loses its leases at once, and one that never beat (an older build) keeps
 *   them until they expire, so a restarted service publishes what its dead predecessor held within the heartbeat's
 *   time to live, a third of the lease, instead of the whole lease. A local write of new
 *   events takes the lease of the relay running in its process in the same write ({@link OutboxSignal}); a pass
 *   claims with one conditional update only the documents it does not hold yet (written by another replica, or
 *   left by one), so an event costs the store its write and the settle, not a claim besides. A relay that stops
 *   gives back the leases it still holds.</li>
 *   <li><b>Order.</b> Events are sent in chains, one chain per Kafka key, oldest first: the next event of a key is sent
 *   only after the previous one was acknowledged, and a failure stops the rest of its chain and of its aggregate
 *   until the next pass. Chains of different keys run at the same time. A pass does not wait for its
 *   acknowledgements before the next one starts (up to {@value #MAX_PASSES_IN_FLIGHT} at once), but it holds the
 *   keys it sends until it is settled: a later pass leaves an aggregate with one of those keys for after, so a
 *   failed event is retried before any later event of its key goes out.</li>
 *   <li><b>Poison.</b> An event that fails permanently (too large for the broker, not valid against its contract's
 *   schema any more) is moved to {@code parkedEvents} after {@code maxAttempts} attempts, counted in
 *   {@value MetricNames#OUTBOX_PARKED} and logged, so it stops blocking its aggregate. A broker outage is not
 *   permanent: those events wait, in order.</li>
 *   <li><b>Removal.</b> Acknowledged events are pulled out of their documents in one bulk write per pass, on a thread
 *   of its own while later passes already find, claim and send (its documents stay leased until then). A crash
 *   between the acknowledgement and the pull publishes them again: delivery is at-least-once and consumers
 *   de-duplicate on the event id.</li>
 * </ul>
 */
public class OutboxRelay implements SmartLifecycle {

    static final String PENDING_EVENTS = "pendingEvents";
    static final String PARKED_EVENTS = "parkedEvents";
    static final String PENDING_SINCE = "outboxPendingSince";
    /** The field of a pending event naming the schema its payload was checked against ({@link PendingEvent}). */
    static final String CHECKED_SCHEMA = "checkedSchema";
    static final String LEASE = "outboxLease";
    /** The running relays of a service's database, one document each: {@code _id} the relay, {@code aliveUntil}. */
    static final String RELAYS = "outbox_relays";
    /** The sparse index every outbox collection gets: only documents with pending events are in it. */
    static final String PENDING_INDEX = "outbox_pending";
    static final Document PENDING_INDEX_KEYS = new Document(PENDING_SINCE, 1);
    private static final Date EPOCH = new Date(0);
    private static final Document OUTBOX_PROJECTION = new Document(PENDING_EVENTS, 1).append(PENDING_SINCE, 1)
            .append(LEASE, 1);
    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);

    private final MongoTemplate mongo;
    private final KafkaTemplate<String, String> kafka;
    private final OutboxProperties properties;
    private final String source;
    private final MeterRegistry meters;
    private final OutboxSignal signal;
    private final String relayId = UUID.randomUUID().toString();
    private final Map<String, AtomicLong> pending = new ConcurrentHashMap<>();
    /** Permanent failures per event id in this process; parking after the bound. */
    private final Map<String, Integer> permanentFailures = new ConcurrentHashMap<>();
    private final Set<String> indexed = ConcurrentHashMap.newKeySet();
    /**
     * Per collection, the documents of this relay's passes not settled yet: they carry this relay's lease until their
     * settle releases it, and no later pass takes them up meanwhile.
     */
    private final Map<String, Set<Object>> inFlight = new ConcurrentHashMap<>();
    /** When the pending gauge of a collection was last counted (System.nanoTime), while it had a backlog. */
    private final Map<String, Long> lastCounted = new ConcurrentHashMap<>();
    static final Duration COUNT_INTERVAL = Duration.ofSeconds(1);
    /**
     * Longest wait of an idle relay: the safety-net poll doubles after each pass that found nothing, up to this. Local
     * writes wake the relay anyway; what the poll still catches (a lease left by a replica that died, a retry after a
     * failure) can wait a few seconds, and on a store without the index a poll is a collection scan.
     */
    static final Duration MAX_IDLE_WAIT = Duration.ofSeconds(8);
    /**
     * While busy (the last pass found work), a wake-up waits this long before the next pass, so a burst of writes
     * goes out in a few large passes instead of one small pass per write. An idle relay starts at once.
     */
    static final Duration BUSY_GATHER = Duration.ofMillis(5);
    private volatile boolean running;
    /**
     * The Kafka keys (topic and key) of the events of passes not settled yet. A later pass holds back an aggregate
     * with one of them until that pass is settled: if an earlier event of the key fails, it is retried before any
     * later one goes out.
     */
    private final Set<String> keysInFlight = ConcurrentHashMap.newKeySet();
    /**
     * How many of the loop's passes may be sending or settling at once. A pass does not wait for its
     * acknowledgements before the next one finds and sends, so an event written meanwhile waits for a pass of its
     * own, not for the end of one already under way; the bound keeps a broker outage from piling up passes.
     */
    static final int MAX_PASSES_IN_FLIGHT = 4;
    /** The loop's passes sent but not yet settled; guarded by itself for {@link #awaitSettled}. */
    private final AtomicInteger passesInFlight = new AtomicInteger();
    private ExecutorService settler;
    private volatile boolean moreWork;
    private volatile boolean foundWork;
    private Thread worker;
    private ExecutorService sender;
    private ScheduledExecutorService heartbeat;
    /** Relays whose heartbeat stopped, as last read: their leases are free to take. */
    private volatile Set<String> deadRelays = Set.of();
    /** When {@link #deadRelays} was last read (System.nanoTime): once a heartbeat interval, not every pass. */
    private volatile long deadRelaysReadAt;

    public OutboxRelay(MongoTemplate mongo, KafkaTemplate<String, String> kafka, OutboxProperties properties,
            String source, MeterRegistry meters, OutboxSignal signal) {
        this.mongo = mongo;
        this.kafka = kafka;
        this.properties = properties;
        this.source = source;
        this.meters = meters;
        this.signal = signal;
        this.sender = newSender();
        this.settler = newSettler();
        for (String collection : properties.collections()) {
            AtomicLong count = pending.computeIfAbsent(collection, c -> new AtomicLong());
            // Maintained by the passes through the index: reading the gauge never touches the store.
            Gauge.builder(MetricNames.OUTBOX_PENDING, count, AtomicLong::get)
                    .tag("collection", collection)
                    .description("aggregates holding events not yet acknowledged by Kafka, as this relay last saw")
                    .register(meters);
        }
    }

    /** Creates the sparse pending index on every outbox collection; idempotent. */
    public void createIndexes() {
        for (String collection : properties.collections()) {
            if (!indexed.contains(collection)) {
                mongo.getCollection(collection).createIndex(PENDING_INDEX_KEYS,
                        new IndexOptions().name(PENDING_INDEX).sparse(true));
                indexed.add(collection);
            }
        }
    }

    /** The owner this relay's leases name. */
    String relayId() {
        return relayId;
    }

    /** One pass over every outbox collection; returns how many events were published and removed. */
    public int relayOnce() {
        return pass(false);
    }

    /**
     * One pass; with {@code overlapSettle} it returns once its events are sent, and waits for their acknowledgements
     * and settles on the settle thread while the next passes find, claim and send (its documents and keys stay held
     * until it is done, so no pass takes them up meanwhile); the count returned is then of the events sent.
     */
    private int pass(boolean overlapSettle) {
        createIndexes();
        if (System.nanoTime() - deadRelaysReadAt > beatInterval().toNanos()) {
            // A relay's death shows only once its heartbeat ran out: reading more often than it beats finds nothing new.
            findDeadRelays();
        }
        int published = 0;
        boolean more = false;
        for (String collection : properties.collections()) {
            PassResult result = relay(collection, overlapSettle);
            published += result.published;
            more |= result.full && result.sent > 0;
        }
        moreWork = more;
        return published;
    }

    /**
     * What a pass did with a collection: {@code published} events published and removed (sent, when its settle
     * overlaps the next pass), from {@code sent} aggregates; {@code full} when it found a whole batch.
     */
    private record PassResult(int published, int sent, boolean full) {
    }

    /**
     * The filter of the pending query: a range on the indexed field, so only indexed documents qualify. It comes first
     * in every filter of a pass: a store that cannot use the index (the local MongoDB-wire store keeps only unique
     * indexes) tests a filter's fields in order, so a settled document is dismissed by one missing field instead of
     * being compared with every id of the pass.
     */
    static Bson pendingFilter() {
        return gte(PENDING_SINCE, EPOCH);
    }

    /**
     * A document no living relay holds at {@code now} (no lease, an expired one, or one of {@code deadRelays}, whose
     * heartbeat stopped), or {@code owner} does: what a relay may claim, and what a local write may lease to its own
     * relay ({@link OutboxAggregates}).
     */
    static Criteria leasableBy(String owner, Date now, Collection<String> deadRelays) {
        List<Criteria> free = new ArrayList<>(List.of(Criteria.where(LEASE + ".until").exists(false),
                Criteria.where(LEASE + ".until").lt(now), Criteria.where(LEASE + ".owner").is(owner)));
        if (!deadRelays.isEmpty()) {
            free.add(Criteria.where(LEASE + ".owner").in(deadRelays));
        }
        return new Criteria().orOperator(free);
    }

    private Bson leaseFreeOrMine(Date now) {
        return leasableBy(relayId, now, deadRelays).getCriteriaObject();
    }

    /** How long a relay's heartbeat vouches for it: a third of the lease. */
    Duration aliveFor() {
        return properties.lease().dividedBy(3);
    }

    /** How often a relay renews its heartbeat: five times within its time to live. */
    private Duration beatInterval() {
        return Duration.ofMillis(Math.max(100, aliveFor().toMillis() / 5));
    }

    /** Renews this relay's heartbeat, and forgets relays dead for longer than a lease (none of their leases is left). */
    void beat() {
        Date now = new Date();
        MongoCollection<Document> relays = mongo.getCollection(RELAYS);
        relays.updateOne(eq("_id", relayId), Updates.set("aliveUntil", new Date(now.getTime() + aliveFor().toMillis())),
                new UpdateOptions().upsert(true));
        relays.deleteMany(lt("aliveUntil", new Date(now.getTime() - properties.lease().toMillis())));
    }

    /** Reads which relays stopped beating, for this pass and for the local writes' leases ({@link OutboxSignal}). */
    private void findDeadRelays() {
        Set<String> dead = new HashSet<>();
        mongo.getCollection(RELAYS).find(lt("aliveUntil", new Date())).projection(new Document("_id", 1))
                .forEach(d -> dead.add(String.valueOf(d.get("_id"))));
        dead.remove(relayId);
        deadRelays = Set.copyOf(dead);
        deadRelaysReadAt = System.nanoTime();
        signal.deadRelays(deadRelays);
    }

    /** The lease field's value: who holds the document, until when. */
    static Document lease(String owner, Date until) {
        return new Document("owner", owner).append("until", until);
    }

    private PassResult relay(String collection, boolean overlapSettle) {
        MongoCollection<Document> documents = mongo.getCollection(collection);
        Date now = new Date();
        Set<Object> busy = Set.copyOf(inFlight.computeIfAbsent(collection, c -> ConcurrentHashMap.newKeySet()));
        // A lease of this relay's with less than half its time left is claimed anew, so it lasts out the pass.
        Date renewBefore = new Date(now.getTime() + properties.lease().toMillis() / 2);
        List<Aggregate> claimed = new ArrayList<>();
        List<Object> toClaim = new ArrayList<>();
        // The documents of unsettled passes are left out by the query, not after it: their events are not read for
        // nothing. Only the outbox's fields: an aggregate's own data can be large, and the relay never needs it. One
        // answer for the whole batch: a store's default first batch (101) would cost a pass a second round trip.
        Bson filter = busy.isEmpty() ? and(pendingFilter(), leaseFreeOrMine(now))
                : and(pendingFilter(), leaseFreeOrMine(now), nin("_id", busy));
        documents.find(filter).hint(PENDING_INDEX_KEYS).sort(Sorts.ascending(PENDING_SINCE))
                .limit(properties.batchSize()).batchSize(properties.batchSize()).projection(OUTBOX_PROJECTION)
                .forEach(d -> {
                    Document held = d.get(LEASE, Document.class);
                    boolean mine = held != null && relayId.equals(held.getString("owner"))
                            && held.getDate("until").after(renewBefore);
                    if (mine) {
                        // Written leased to this relay: only it removes events from the document, and saves only
                        // append, so what was just read is what it may send.
                        claimed.add(new Aggregate(d));
                    } else {
                        toClaim.add(d.get("_id"));
                    }
                });
        int found = claimed.size() + toClaim.size();
        boolean full = found >= properties.batchSize();
        foundWork |= found > 0;
        if (!full) {
            pending.get(collection).set(found);
        } else if (System.nanoTime() - lastCounted.getOrDefault(collection, 0L) > COUNT_INTERVAL.toNanos()) {
            // A count reads every pending entry of the index: while a backlog lasts, once a second is enough for a
            // gauge, and a pass stays proportional to its batch instead of to the backlog.
            pending.get(collection).set(documents.countDocuments(pendingFilter(),
                    new com.mongodb.client.model.CountOptions().hint(PENDING_INDEX_KEYS)));
            lastCounted.put(collection, System.nanoTime());
        }
        if (found == 0) {
            return new PassResult(0, 0, false);
        }

        // Claim what this relay does not hold yet, in one conditional update; then read those back by id (the
        // primary key), as another relay may have published some of their events meanwhile, and keep the ones this
        // relay holds now.
        if (!toClaim.isEmpty()) {
            documents.updateMany(and(pendingFilter(), in("_id", toClaim), leaseFreeOrMine(now)),
                    Updates.set(LEASE, lease(relayId, new Date(now.getTime() + properties.lease().toMillis()))));
            documents.find(in("_id", toClaim)).projection(OUTBOX_PROJECTION).batchSize(toClaim.size())
                    .forEach(d -> {
                        Document held = d.get(LEASE, Document.class);
                        if (held != null && relayId.equals(held.getString("owner"))
                                && held.getDate("until").after(now)) {
                            claimed.add(new Aggregate(d));
                        }
                    });
        }
        claimed.sort(Comparator.comparing(Aggregate::pendingSince));
        List<Aggregate> sending = withoutKeysHeld(claimed, keysInFlight);
        if (sending.isEmpty()) {
            // Held back (still leased to this relay) until the passes holding their keys are settled.
            return new PassResult(0, 0, full);
        }
        Set<Object> taken = inFlight.get(collection);
        for (Aggregate aggregate : sending) {
            taken.add(aggregate.id);
            keysInFlight.addAll(aggregate.keys);
        }
        int sent = sending.size();
        if (!overlapSettle) {
            awaitQuietly(publish(sending));
            return new PassResult(settleAndRelease(collection, documents, sending), sent, full);
        }
        // The loop goes on to its next pass at once; this one settles on the settle thread when its chains are done.
        passesInFlight.incrementAndGet();
        publish(sending).handle((done, error) -> null)
                .thenRunAsync(() -> settleAndRelease(collection, documents, sending), settler)
                .whenComplete((done, error) -> {
                    if (error != null) {
                        // As after a crash: the documents keep their events and this relay's lease, and a later
                        // pass publishes them again (consumers de-duplicate).
                        log.warn("outbox settle failed; its events go out again: {}", rootMessage(error));
                    }
                    synchronized (passesInFlight) {
                        passesInFlight.decrementAndGet();
                        passesInFlight.notifyAll();
                    }
                    // What this pass held back (same keys, or saved to its documents meanwhile) may go now.
                    signal.wake();
                });
        return new PassResult(sending.stream().mapToInt(a -> a.events.size()).sum(), sent, full);
    }

    /**
     * The aggregates (oldest first) less those with an event under a key of {@code held}, and less those after them
     * sharing a key with one left out: a key's events go out in the order they were recorded.
     */
    static List<Aggregate> withoutKeysHeld(List<Aggregate> aggregates, Set<String> held) {
        if (held.isEmpty()) {
            return aggregates;
        }
        List<Aggregate> sending = new ArrayList<>(aggregates.size());
        Set<String> heldBack = new HashSet<>();
        for (Aggregate aggregate : aggregates) {
            if (aggregate.keys.stream().anyMatch(k -> held.contains(k) || heldBack.contains(k))) {
                heldBack.addAll(aggregate.keys);
            } else {
                sending.add(aggregate);
            }
        }
        return sending;
    }

    /** One claimed document and what this pass did with its events. */
    static final class Aggregate {
        final Object id;
        final List<Document> events;
        final Date pendingSince;
        /** The Kafka keys its events are sent under (topic and key); what a pass holds until it is settled. */
        final Set<String> keys;
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Map<String, ParkedReason> parked = new ConcurrentHashMap<>();
        volatile boolean stopped;

        Aggregate(Document document) {
            this.id = document.get("_id");
            this.events = document.getList(PENDING_EVENTS, Document.class, List.of());
            Date since = document.getDate(PENDING_SINCE);
            this.pendingSince = since == null ? EPOCH : since;
            this.keys = events.stream().map(OutboxRelay::chainKey).collect(Collectors.toUnmodifiableSet());
        }

        Date pendingSince() {
            return pendingSince;
        }
    }

    static String chainKey(Document event) {
        return event.getString("topic") + '\u0000' + event.getString("key");
    }

    record ParkedReason(String reason, int attempts) {
    }

    private record Outgoing(Aggregate aggregate, Document event) {
    }

    /**
     * Sends the claimed aggregates' events: chains per Kafka key, oldest aggregate first, all chains at once.
     * Completes when every chain finished or the pass's time ran out; what was not acknowledged by then stays
     * pending.
     */
    CompletableFuture<Void> publish(List<Aggregate> aggregates) {
        Map<String, List<Outgoing>> chains = new LinkedHashMap<>();
        for (Aggregate aggregate : aggregates) {
            for (Document event : aggregate.events) {
                chains.computeIfAbsent(chainKey(event), k -> new ArrayList<>()).add(new Outgoing(aggregate, event));
            }
        }
        long deadline = System.nanoTime() + properties.ackTimeout().toNanos();
        List<CompletableFuture<Void>> running = new ArrayList<>(chains.size());
        for (List<Outgoing> chain : chains.values()) {
            running.add(CompletableFuture.supplyAsync(() -> chain, sender)
                    .thenCompose(c -> runChain(c, 0, deadline)));
        }
        // Each send completes within the producer's delivery timeout (the ack timeout); allow one more for the last
        // chain step that started just before the deadline.
        return CompletableFuture.allOf(running.toArray(CompletableFuture[]::new))
                .orTimeout(2 * properties.ackTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
                .whenComplete((done, error) -> {
                    if (error != null) {
                        log.warn("outbox pass ran out of time; unacknowledged events stay pending: {}",
                                rootMessage(error));
                    }
                });
    }

    private static void awaitQuietly(CompletableFuture<Void> publishing) {
        try {
            publishing.join();
        } catch (RuntimeException e) {
            // Logged where it failed; what was not acknowledged stays pending.
        }
    }

    private CompletableFuture<Void> runChain(List<Outgoing> chain, int index, long deadline) {
        if (index == chain.size()) {
            return CompletableFuture.completedFuture(null);
        }
        Outgoing next = chain.get(index);
        if (next.aggregate.stopped || System.nanoTime() > deadline || !running()) {
            // The key's order: nothing after a failed or unsent event goes out in this pass.
            next.aggregate.stopped = true;
            return CompletableFuture.completedFuture(null);
        }
        return attempt(next).thenComposeAsync(ok -> {
            if (!ok) {
                return CompletableFuture.completedFuture(null);
            }
            return runChain(chain, index + 1, deadline);
        }, sender);
    }

    private boolean running() {
        return !sender.isShutdown();
    }

    /** Sends one event and waits for its acknowledgement; completes with whether the chain may go on. */
    private CompletableFuture<Boolean> attempt(Outgoing outgoing) {
        Document event = outgoing.event;
        String topic = event.getString("topic");
        Optional<String> invalid = invalidity(event);
        CompletableFuture<?> send;
        if (invalid.isPresent()) {
            send = CompletableFuture.failedFuture(new InvalidEventException(invalid.get()));
        } else {
            try {
                send = kafka.send(toRecord(event));
            } catch (RuntimeException e) {
                // The producer refuses at once when it cannot even fetch metadata; treat it like a failed send.
                send = CompletableFuture.failedFuture(e);
            }
        }
        return send.orTimeout(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS).handle((result, error) -> {
            String eventId = event.getString("eventId");
            if (error == null) {
                outgoing.aggregate.acknowledged.add(eventId);
                permanentFailures.remove(eventId);
                Counter.builder(MetricNames.OUTBOX_PUBLISHED).tag("topic", topic).tag("type", event.getString("type"))
                        .register(meters).increment();
                Timer.builder(MetricNames.OUTBOX_LAG).tag("topic", topic).register(meters)
                        .record(Duration.between(event.getDate("time").toInstant(), Instant.now()));
                return true;
            }
            Counter.builder(MetricNames.OUTBOX_FAILURES).tag("topic", topic).register(meters).increment();
            if (isPermanent(error)) {
                int attempts = permanentFailures.merge(eventId, 1, Integer::sum);
                if (attempts >= properties.maxAttempts()) {
                    outgoing.aggregate.parked.put(eventId, new ParkedReason(rootMessage(error), attempts));
                    // Parked: the events after it may go on, or one bad event would block its aggregate for good.
                    return true;
                }
                log.warn("event {} of aggregate {} failed permanently (attempt {} of {}): {}", eventId,
                        outgoing.aggregate.id, attempts, properties.maxAttempts(), rootMessage(error));
            } else {
                log.warn("event {} of aggregate {} not acknowledged by Kafka, will retry: {}", eventId,
                        outgoing.aggregate.id, rootMessage(error));
            }
            outgoing.aggregate.stopped = true;
            return false;
        });
    }

    /**
     * Why an event can never be published as stored, if it cannot: unknown type or a payload off its schema. The
     * payload was checked when the event was recorded; it is checked again only when its contract's schema changed
     * since (a deployment in between), which is what can make a stored event invalid.
     */
    private static Optional<String> invalidity(Document event) {
        Optional<EventContract<?>> contract = EventContracts.byType(event.getString("type"));
        if (contract.isEmpty()) {
            return Optional.of("no contract for type " + event.getString("type"));
        }
        if (EventSchemas.fingerprint(contract.get()).equals(event.getString(CHECKED_SCHEMA))) {
            return Optional.empty();
        }
        List<String> violations = EventSchemas.violations(contract.get(), event.getString("payload"));
        return violations.isEmpty() ? Optional.empty() : Optional.of("violates its schema: " + violations);
    }

    static boolean isPermanent(Throwable error) {
        for (Throwable e = error; e != null; e = e.getCause()) {
            if (e instanceof InvalidEventException || e instanceof RecordTooLargeException
                    || e instanceof RecordBatchTooLargeException || e instanceof InvalidTopicException
                    || e instanceof SerializationException) {
                return true;
            }
        }
        return false;
    }

    /** Raised for an event that cannot be published as stored. */
    static final class InvalidEventException extends RuntimeException {
        InvalidEventException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Pulls acknowledged events out, moves parked ones aside, updates the pending marker, releases the leases and
     * clears the marker of documents left without pending events, in one ordered bulk write. Returns the events
     * removed because Kafka acknowledged them.
     */
    int settle(MongoCollection<Document> documents, List<Aggregate> aggregates) {
        // The usual case, every event of a document acknowledged and none parked, is one write per document; the
        // writes that finish a document a save appended to meanwhile run only when one of those did not match.
        List<WriteModel<Document>> emptied = new ArrayList<>();
        List<WriteModel<Document>> appendedMeanwhile = new ArrayList<>();
        List<WriteModel<Document>> writes = new ArrayList<>();
        Set<Object> drained = new HashSet<>();
        int published = 0;
        Date parkedAt = new Date();
        for (Aggregate aggregate : aggregates) {
            List<Bson> updates = new ArrayList<>();
            updates.add(Updates.unset(LEASE));
            List<String> removed = new ArrayList<>(aggregate.acknowledged);
            removed.addAll(aggregate.parked.keySet());
            if (!removed.isEmpty()) {
                updates.add(Updates.pull(PENDING_EVENTS, new Document("eventId", new Document("$in", removed))));
                Optional<Document> firstLeft = aggregate.events.stream()
                        .filter(e -> !removed.contains(e.getString("eventId"))).findFirst();
                if (firstLeft.isPresent()) {
                    updates.add(Updates.set(PENDING_SINCE, firstLeft.get().getDate("time")));
                } else {
                    drained.add(aggregate.id);
                }
            }
            List<Document> parked = new ArrayList<>();
            for (Document event : aggregate.events) {
                ParkedReason reason = aggregate.parked.get(event.getString("eventId"));
                if (reason != null) {
                    parked.add(new Document("event", event).append("reason", reason.reason())
                            .append("attempts", reason.attempts()).append("parkedAt", parkedAt));
                }
            }
            if (!parked.isEmpty()) {
                updates.add(Updates.pushEach(PARKED_EVENTS, parked));
            }
            if (drained.contains(aggregate.id) && parked.isEmpty()) {
                // One write empties the array, clears the marker and releases the lease, provided the array still
                // holds just the events this pass read (saves only append, and only the lease holder removes). If a
                // save appended one meanwhile, it does not match, and the pull, which matches only a document that
                // still holds events, does the rest.
                emptied.add(new UpdateOneModel<>(
                        and(eq("_id", aggregate.id), size(PENDING_EVENTS, aggregate.events.size())),
                        Updates.combine(Updates.set(PENDING_EVENTS, List.of()), Updates.unset(PENDING_SINCE),
                                Updates.unset(LEASE))));
                appendedMeanwhile.add(new UpdateOneModel<>(and(eq("_id", aggregate.id),
                        exists(PENDING_EVENTS + ".0")), Updates.combine(updates)));
            } else {
                writes.add(new UpdateOneModel<>(eq("_id", aggregate.id), Updates.combine(updates)));
                if (drained.contains(aggregate.id)) {
                    // Only where the array is really empty: a save may have appended an event since the pass read
                    // it. Next in the same ordered bulk write, so it sees the pull above.
                    writes.add(new UpdateOneModel<>(and(eq("_id", aggregate.id),
                            exists(PENDING_EVENTS + ".0", false)), Updates.unset(PENDING_SINCE)));
                }
            }
            published += aggregate.acknowledged.size();
        }
        if (!emptied.isEmpty() && documents.bulkWrite(emptied).getMatchedCount() < emptied.size()) {
            // Each after its document's first write, as the ordered pair it stands for.
            documents.bulkWrite(appendedMeanwhile);
        }
        if (!writes.isEmpty()) {
            documents.bulkWrite(writes);
        }
        for (Aggregate aggregate : aggregates) {
            aggregate.parked.forEach((eventId, reason) -> {
                Document event = aggregate.events.stream().filter(e -> eventId.equals(e.getString("eventId")))
                        .findFirst().orElseThrow();
                permanentFailures.remove(eventId);
                Counter.builder(MetricNames.OUTBOX_PARKED).tag("topic", event.getString("topic"))
                        .tag("type", event.getString("type")).register(meters).increment();
                log.error("event {} ({}) of aggregate {} parked after {} attempts: {}; it stays in {} for an operator",
                        eventId, event.getString("type"), aggregate.id, reason.attempts(), reason.reason(),
                        PARKED_EVENTS);
            });
        }
        return published;
    }

    /** Settles a pass's documents, then lets later passes take them and their keys up again. */
    private int settleAndRelease(String collection, MongoCollection<Document> documents, List<Aggregate> aggregates) {
        try {
            return settle(documents, aggregates);
        } finally {
            Set<Object> taken = inFlight.get(collection);
            for (Aggregate aggregate : aggregates) {
                taken.remove(aggregate.id);
                keysInFlight.removeAll(aggregate.keys);
            }
        }
    }

    /**
     * Gives back the leases this relay still holds (documents written leased to it that it has not published), so a
     * replica or this service's next start publishes them at once instead of after the lease.
     */
    private void releaseLeases() {
        for (String collection : properties.collections()) {
            try {
                mongo.getCollection(collection).updateMany(and(pendingFilter(), eq(LEASE + ".owner", relayId)),
                        Updates.unset(LEASE));
            } catch (RuntimeException e) {
                log.warn("outbox leases in {} not given back; they expire by themselves: {}", collection,
                        rootMessage(e));
            }
        }
    }

    private ProducerRecord<String, String> toRecord(Document event) {
        var record = new ProducerRecord<String, String>(event.getString("topic"), event.getString("key"),
                event.getString("payload"));
        CloudEventHeaders.write(record.headers(), event.getString("eventId"), event.getString("type"), source,
                event.getDate("time").toInstant(), event.getString("subject"), event.getString("requestId"));
        // Only events that fit their contract's schema as this build has it are sent (see invalidity): consumers
        // holding the same schema need not check the payload again.
        CloudEventHeaders.put(record.headers(), CloudEventHeaders.DATA_SCHEMA,
                EventContracts.byType(event.getString("type")).map(EventSchemas::dataSchema).orElse(null));
        // The trace of the work that recorded the event: the consumer's listener observation continues it.
        CloudEventHeaders.put(record.headers(), Traceparent.HEADER, event.getString("traceparent"));
        return record;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static ExecutorService newSettler() {
        return Executors.newSingleThreadExecutor(daemon("outbox-settle"));
    }

    private static ExecutorService newSender() {
        return Executors.newSingleThreadExecutor(daemon("outbox-send"));
    }

    /** The relay's threads never keep the JVM alive: its stop, not their end, decides when it is done. */
    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Waits until the loop's passes are settled, at most for the time a pass can take. */
    private void awaitSettled() {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(3 * properties.ackTimeout().toMillis() + 5000);
        synchronized (passesInFlight) {
            long left;
            while (passesInFlight.get() > 0 && (left = end - System.nanoTime()) > 0) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(passesInFlight, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void loop() {
        int idlePasses = 0;
        while (running) {
            foundWork = false;
            try {
                pass(true);
            } catch (RuntimeException e) {
                // The store or broker is away; the events stay in their documents and the next pass retries.
                moreWork = false;
                log.warn("outbox pass failed, will retry: {}", rootMessage(e));
            }
            if (!running) {
                break;
            }
            idlePasses = foundWork ? 0 : Math.min(idlePasses + 1, 16);
            if (moreWork && passesInFlight.get() < MAX_PASSES_IN_FLIGHT) {
                continue;
            }
            // A settled pass wakes the loop too: what it held back (its documents, saved to meanwhile, and its
            // keys) goes out then rather than at the poll.
            try {
                if (signal.await(idleWait(idlePasses))) {
                    idlePasses = 0;
                    if (foundWork) {
                        // Busy: let the writes of the next few milliseconds join the next pass (see BUSY_GATHER).
                        Thread.sleep(BUSY_GATHER);
                    }
                }
            } catch (InterruptedException e) {
                break;
            }
        }
        awaitSettled();
    }

    /** The poll interval after a pass that found work, doubling with each idle pass up to {@link #MAX_IDLE_WAIT}. */
    Duration idleWait(int idlePasses) {
        Duration poll = properties.pollInterval();
        Duration cap = poll.compareTo(MAX_IDLE_WAIT) > 0 ? poll : MAX_IDLE_WAIT;
        int doublings = Math.max(0, Math.min(idlePasses - 1, 10));
        Duration wait = poll.multipliedBy(1L << doublings);
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    @Override
    public synchronized void start() {
        if (running || properties.collections().isEmpty()) {
            return;
        }
        if (sender.isShutdown()) {
            sender = newSender();
        }
        if (settler.isShutdown()) {
            settler = newSettler();
        }
        try {
            beat(); // known alive before it holds any lease
        } catch (RuntimeException e) {
            log.warn("outbox relay heartbeat not written yet, will retry: {}", rootMessage(e));
        }
        heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("outbox-heartbeat"));
        long every = beatInterval().toMillis();
        heartbeat.scheduleWithFixedDelay(() -> {
            try {
                beat();
            } catch (RuntimeException e) {
                // The store is away: the next beat retries. Five missed in a row and the heartbeat has run out:
                // other relays take this one's documents over (publishing them twice at worst, in order).
                log.warn("outbox relay heartbeat failed: {}", rootMessage(e));
            }
        }, every, every, TimeUnit.MILLISECONDS);
        running = true;
        signal.attach(relayId, properties.lease(), properties.collections());
        worker = daemon("outbox-relay").newThread(this::loop);
        worker.start();
        log.info("outbox relay started for {}, polling every {} ms besides local wake-ups", properties.collections(),
                properties.pollInterval().toMillis());
    }

    /** Lets an in-flight pass finish (its sends are bounded by the ack timeout), then stops. */
    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        // From here on, writes leave their documents free for whichever relay runs next.
        signal.detach(relayId);
        signal.wake();
        try {
            worker.join(3 * properties.ackTimeout().toMillis() + 5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseLeases();
        heartbeat.shutdownNow();
        try {
            mongo.getCollection(RELAYS).deleteOne(eq("_id", relayId));
        } catch (RuntimeException e) {
            log.warn("outbox relay heartbeat not removed; it expires by itself: {}", rootMessage(e));
        }
        sender.shutdown();
        settler.shutdown();
        // Closes the relay's own producer (a no-op for a template whose factory someone else owns).
        kafka.destroy();
        worker = null;
    }

    @Override
    public synchronized boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // Stop before the Kafka producer and the Mongo client are closed.
        return SmartLifecycle.DEFAULT_PHASE - 1000;
    }
}
