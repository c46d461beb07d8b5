package org.mengkeju.finance.lead;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import jakarta.annotation.PreDestroy;
import org.mengkeju.finance.product.EnterpriseFacts;
import org.mengkeju.finance.product.FinancingProduct;
import org.mengkeju.finance.product.ProductChanged;
import org.mengkeju.finance.product.ProductShelf;
import org.mengkeju.finance.product.Reason;
import org.mengkeju.finance.profile.EnterpriseProfile;
import org.mengkeju.finance.profile.ProfileBook;
import org.mengkeju.finance.profile.Profiles;
import org.mengkeju.platform.outbox.OutboxAggregates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Opens leads when a profile starts to satisfy a product's rules: for one enterprise whose profile changed (an event
 * arrived, consent was given), and for every consenting enterprise when a product was published or its rules
 * changed (re-qualification). An enterprise without consent gets no lead. A lead that exists is left at the version
 * it qualified under; one that a withdrawal of consent took away is opened again.
 *
 * <p>Re-qualification is resumable: the product's {@code requalifiedVersion} moves up only after every profile was
 * qualified against that version, and a sweep runs whatever a crash or another replica's start left behind. Opening
 * a lead twice is impossible (one lead per enterprise and product, a unique index).
 */
@Service
public class Qualification {

    private static final Logger log = LoggerFactory.getLogger(Qualification.class);
    /** Leads inserted by one write during a re-qualification. */
    static final int BATCH = 500;
    /** Batches of a re-qualification built and inserted at once. */
    static final int WRITERS = 2;

    private final ProductShelf shelf;
    private final ProfileBook book;
    private final Profiles profiles;
    private final Leads leads;
    private final LeadSequence sequence;
    private final OutboxAggregates aggregates;
    private final MongoTemplate mongo;
    private final Clock clock;
    /** Runs re-qualifications one after another, off the request that changed the product. */
    private final ExecutorService runner = Executors.newSingleThreadExecutor(Thread.ofVirtual()
            .name("requalification").factory());
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** Builds and inserts the leads a re-qualification opens, beside the thread that reads the profiles. */
    private final ExecutorService writers = Executors.newFixedThreadPool(WRITERS, Thread.ofVirtual()
            .name("requalification-writer-", 0).factory());

    Qualification(ProductShelf shelf, ProfileBook book, Profiles profiles, Leads leads, LeadSequence sequence,
            OutboxAggregates aggregates, MongoTemplate mongo, Clock clock) {
        this.shelf = shelf;
        this.book = book;
        this.profiles = profiles;
        this.leads = leads;
        this.sequence = sequence;
        this.aggregates = aggregates;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** Qualifies one enterprise against every product on offer; returns how many leads were opened or reopened. */
    public int qualify(String enterpriseId) {
        // Most owners of achievements never consent: their whole profile is not read at each of their events.
        if (!book.consents(enterpriseId)) {
            return 0;
        }
        Optional<EnterpriseProfile> found = book.find(enterpriseId);
        if (found.isEmpty() || !found.get().hasConsent()) {
            return 0;
        }
        EnterpriseProfile profile = found.get();
        Instant now = clock.instant();
        EnterpriseFacts facts = profile.facts(now);
        int opened = 0;
        for (FinancingProduct product : shelf.onOffer()) {
            Optional<List<Reason>> reasons = product.qualify(facts);
            if (reasons.isPresent() && open(product, profile, reasons.get(), facts, null)) {
                opened++;
            }
        }
        return opened;
    }

    @EventListener
    void productChanged(ProductChanged changed) {
        runner.execute(() -> requalifySafely(changed.productId()));
    }

    /** The safety net: products whose current version not every profile was qualified against. */
    @Scheduled(fixedDelayString = "${mengkeju.finance.requalification-sweep:30s}",
            initialDelayString = "${mengkeju.finance.requalification-sweep:30s}")
    void sweep() {
        for (FinancingProduct product : shelf.awaitingRequalification()) {
            runner.execute(() -> requalifySafely(product.id()));
        }
    }

    private void requalifySafely(String productId) {
        try {
            requalify(productId);
        } catch (RuntimeException e) {
            log.warn("re-qualification of product {} failed; the sweep runs it again", productId, e);
        }
    }

    /**
     * Qualifies every consenting profile against the product's current rules and opens a lead for each that
     * satisfies them and has none; returns how many were opened.
     *
     * <p>The store is asked only for the profiles that could satisfy the rules ({@link Profiles#candidates}); this
     * thread reads and tests them while writers build the new leads (their events checked against the schema) and
     * insert them {@link #BATCH} at a time, at most {@link #WRITERS} batches at once. A crash anywhere leaves the
     * product's {@code requalifiedVersion} behind, and the sweep runs it again: the leads already written are read
     * first and skipped, and the unique index refuses a second lead per enterprise and product.
     */
    public int requalify(String productId) {
        if (!running.add(productId)) {
            return 0;
        }
        try {
            Optional<FinancingProduct> found = shelf.find(productId).filter(FinancingProduct::needsRequalification);
            if (found.isEmpty()) {
                return 0;
            }
            FinancingProduct product = found.get();
            long started = System.nanoTime();
            Map<String, LeadStatus> existing = leadsOf(productId);
            long existingRead = System.nanoTime();
            Instant now = clock.instant();
            int opened = 0;
            int candidates = 0;
            int qualified = 0;
            Writes writes = new Writes(product, now);
            List<Qualified> batch = new ArrayList<>(BATCH);
            try {
                try (Stream<EnterpriseProfile> read = profiles.candidates(product.rules())) {
                    for (EnterpriseProfile profile : (Iterable<EnterpriseProfile>) read::iterator) {
                        candidates++;
                        LeadStatus status = existing.get(profile.id());
                        if (status != null && status != LeadStatus.WITHDRAWN) {
                            continue; // it has its lead, at the version it qualified under
                        }
                        EnterpriseFacts facts = profile.facts(now);
                        Optional<List<Reason>> reasons = product.qualify(facts);
                        if (reasons.isEmpty()) {
                            continue;
                        }
                        qualified++;
                        if (status == LeadStatus.WITHDRAWN) {
                            opened += open(product, profile, reasons.get(), facts, status) ? 1 : 0;
                        } else {
                            batch.add(new Qualified(profile, reasons.get(), facts));
                            if (batch.size() == BATCH) {
                                writes.submit(batch);
                                batch = new ArrayList<>(BATCH);
                            }
                        }
                    }
                }
                writes.submit(batch);
            } catch (RuntimeException e) {
                writes.awaitQuietly(); // the batches handed over are written (or failed) before the run gives up
                throw e;
            }
            opened += writes.finish();
            long readDone = System.nanoTime();
            withdrawMeanwhile(product, now);
            long withdrawn = System.nanoTime();
            shelf.markRequalified(productId, product.productVersion());
            log.info("product {} version {}: {} consenting candidates read of which {} qualified, {} leads opened in "
                    + "{} ms (existing leads {} ms, reading and testing with the writes {} ms, withdrawals meanwhile "
                    + "{} ms; in the writers: building {} ms, inserting {} ms)", productId, product.productVersion(),
                    candidates, qualified, opened, (System.nanoTime() - started) / 1_000_000,
                    (existingRead - started) / 1_000_000, (readDone - existingRead) / 1_000_000,
                    (withdrawn - readDone) / 1_000_000, writes.buildNanos.get() / 1_000_000,
                    writes.insertNanos.get() / 1_000_000);
            return opened;
        } finally {
            running.remove(productId);
        }
    }

    /** A profile that satisfies the product, with why: a lead to open. */
    private record Qualified(EnterpriseProfile profile, List<Reason> reasons, EnterpriseFacts facts) {
    }

    /**
     * The writes of one re-qualification: batches of new leads built and inserted off the reading thread, at most
     * {@link #WRITERS} at once (the reader waits when all are busy, so memory stays bounded).
     */
    private final class Writes {

        private final FinancingProduct product;
        private final Instant now;
        private final Semaphore slots = new Semaphore(WRITERS);
        private final List<Future<Integer>> submitted = new ArrayList<>();
        private final AtomicLong buildNanos = new AtomicLong();
        private final AtomicLong insertNanos = new AtomicLong();

        Writes(FinancingProduct product, Instant now) {
            this.product = product;
            this.now = now;
        }

        void submit(List<Qualified> batch) {
            if (batch.isEmpty()) {
                return;
            }
            slots.acquireUninterruptibly();
            try {
                submitted.add(writers.submit(() -> {
                    try {
                        long before = System.nanoTime();
                        List<Lead> leads = new ArrayList<>(batch.size());
                        for (Qualified q : batch) {
                            leads.add(Lead.qualified(product, q.profile(), q.reasons(), q.facts(), now));
                        }
                        long built = System.nanoTime();
                        buildNanos.addAndGet(built - before);
                        int inserted = insert(leads, product, now);
                        insertNanos.addAndGet(System.nanoTime() - built);
                        return inserted;
                    } finally {
                        slots.release();
                    }
                }));
            } catch (RuntimeException rejected) {
                slots.release();
                throw rejected;
            }
        }

        void awaitQuietly() {
            try {
                finish();
            } catch (RuntimeException ignored) {
                // the run fails with the reader's error; the sweep runs it again
            }
        }

        /** Waits for every batch; the number of leads they opened. A failed batch fails the run (after the rest). */
        int finish() {
            int opened = 0;
            RuntimeException failure = null;
            for (Future<Integer> write : submitted) {
                try {
                    opened += write.get();
                } catch (ExecutionException e) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = new IllegalStateException("interrupted while the leads were written", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return opened;
        }
    }

    /**
     * Inserts new leads in one write, numbered by one allocation of the feed; a batch that meets a lead written
     * meanwhile (the unique index) is inserted one by one instead.
     */
    private int insert(List<Lead> batch, FinancingProduct product, Instant now) {
        if (batch.isEmpty()) {
            return 0;
        }
        int inserted;
        LeadSequence.Allocation allocation = sequence.allocate(batch.size());
        try {
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).stampChange(allocation.first() + i);
            }
            leads.insert(batch);
            inserted = batch.size();
        } catch (DataIntegrityViolationException | BulkOperationException raced) {
            inserted = 0;
            for (Lead lead : batch) {
                if (leads.findByEnterpriseIdAndProductId(lead.enterpriseId(), product.id()).isEmpty()) {
                    EnterpriseProfile profile = book.find(lead.enterpriseId()).orElse(null);
                    if (profile != null && open(product, profile, lead.reasons(), lead.facts(), LeadStatus.NEW)) {
                        inserted++;
                    }
                }
            }
        } finally {
            sequence.release(allocation);
        }
        return inserted;
    }

    /**
     * A withdrawal of consent may have landed while the run read the profiles: such an enterprise loses the lead
     * the run opened at once. One look at the withdrawn profiles per run.
     */
    private void withdrawMeanwhile(FinancingProduct product, Instant now) {
        for (String enterpriseId : profiles.withdrawn()) {
            leads.findByEnterpriseIdAndProductId(enterpriseId, product.id())
                    .filter(lead -> lead.withdraw(Lead.SERVICE_ACTOR, now))
                    .ifPresent(lead -> sequence.numbered(lead, aggregates::save));
        }
    }

    private Map<String, LeadStatus> leadsOf(String productId) {
        Query query = Query.query(Criteria.where("productId").is(productId)).cursorBatchSize(5_000);
        query.fields().include("enterpriseId").include("status");
        Map<String, LeadStatus> found = new HashMap<>();
        mongo.stream(query, org.bson.Document.class, "leads").forEach(d -> found.put(d.getString("enterpriseId"),
                LeadStatus.valueOf(d.getString("status"))));
        return found;
    }

    /**
     * Opens the lead, or reopens one a withdrawal took away; {@code known} is its status when the caller knows
     * it, null when it does not know of a lead. True when a lead was opened or reopened.
     */
    private boolean open(FinancingProduct product, EnterpriseProfile profile, List<Reason> reasons,
            EnterpriseFacts facts, LeadStatus known) {
        Instant now = clock.instant();
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<Lead> existing = known == null && attempt == 0 ? Optional.empty()
                    : leads.findByEnterpriseIdAndProductId(profile.id(), product.id());
            try {
                if (existing.isEmpty()) {
                    Lead lead = Lead.qualified(product, profile, reasons, facts, now);
                    sequence.numbered(lead, leads::insert);
                    log.info("lead {} opened for {} on product {} v{}", lead.id(), profile.id(), product.id(),
                            product.productVersion());
                    afterOpening(lead);
                    return true;
                }
                Lead lead = existing.get();
                if (!lead.requalify(product, profile, reasons, facts, now)) {
                    return false;
                }
                sequence.numbered(lead, aggregates::save);
                afterOpening(lead);
                return true;
            } catch (DuplicateKeyException | OptimisticLockingFailureException raced) {
                known = LeadStatus.NEW; // another writer got there: look at what it wrote
            }
        }
        return false;
    }

    /**
     * A withdrawal of consent may have landed between reading the profile and writing the lead: the lead then
     * goes the way of the others at once.
     */
    private void afterOpening(Lead lead) {
        if (book.find(lead.enterpriseId()).map(p -> !p.hasConsent()).orElse(true)) {
            leads.findById(lead.id()).filter(l -> l.withdraw(Lead.SERVICE_ACTOR, clock.instant()))
                    .ifPresent(l -> sequence.numbered(l, aggregates::save));
        }
    }

    @PreDestroy
    void stop() {
        runner.shutdownNow();
        writers.shutdownNow();
    }
}
