package org.mengkeju.finance.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import org.mengkeju.finance.lead.LeadDesk;
import org.mengkeju.finance.lead.LeadRequests.LeadFeed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Pushes each institution's new and changed leads to its webhook: the next page of its lead feed after the webhook's
 * cursor, signed, as one POST; a 2xx answer moves the cursor on, anything else is tried again with backoff. A
 * webhook is claimed for the push (a lease on its document), so several replicas of the service do not push the same
 * page at once; the receiver still gets a page again after a crash mid-push, and tells by the positions. Only a
 * webhook whose feed moved past its cursor is claimed (an idle one costs a read, not two writes), and pushes run
 * side by side, so one slow receiver delays nobody else.
 */
@Component
class WebhookDelivery {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
    static final String DELIVERY_HEADER = "X-Mengkeju-Delivery";
    private static final Duration LEASE = Duration.ofSeconds(30);
    /** The most due webhooks one sweep looks at; the rest wait for the next sweep. */
    static final int MAX_PER_SWEEP = 10_000;

    private final MongoTemplate mongo;
    private final LeadWebhooks hooks;
    private final LeadDesk leads;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final Duration pollInterval;
    private final Duration timeout;
    private final int batch;
    private final int page;
    private final Counter delivered;
    private final Counter failed;
    /** Bounds the pushes in flight; a push waits on its receiver for up to {@code timeout}. */
    private final Semaphore pushers;
    private final ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual()
            .name("webhook-push-", 0).factory());
    /** Institutions this replica is pushing to now: a sweep does not start a second push of the same webhook. */
    private final Set<String> pushing = ConcurrentHashMap.newKeySet();
    private final Map<String, IdleLook> idleLooks = new ConcurrentHashMap<>();

    WebhookDelivery(MongoTemplate mongo, LeadWebhooks hooks, LeadDesk leads, JsonMapper json, Clock clock,
            MeterRegistry meters,
            @Value("${mengkeju.finance.webhooks.poll-interval:2s}") Duration pollInterval,
            @Value("${mengkeju.finance.webhooks.timeout:5s}") Duration timeout,
            @Value("${mengkeju.finance.webhooks.batch:100}") int batch,
            @Value("${mengkeju.finance.webhooks.concurrency:8}") int concurrency,
            @Value("${mengkeju.finance.webhooks.page:100}") int page) {
        this.mongo = mongo;
        this.hooks = hooks;
        this.leads = leads;
        this.json = json;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
        this.batch = batch;
        this.page = page;
        this.pushers = new Semaphore(concurrency);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.delivered = Counter.builder("mengkeju_finance_webhook_deliveries").tag("outcome", "delivered")
                .description("Lead batches pushed to institutions' webhooks, by outcome").register(meters);
        this.failed = Counter.builder("mengkeju_finance_webhook_deliveries").tag("outcome", "failed")
                .description("Lead batches pushed to institutions' webhooks, by outcome").register(meters);
    }

    /**
     * Looks at every due webhook, oldest next attempt first, in pages (so webhooks that stay due because their feed
     * is idle never hide the others behind a limit). A webhook whose feed has nothing after its cursor is left
     * as it is: no claim, no write. The others are pushed concurrently, at most {@code concurrency} at a time, each
     * on its own virtual thread, so one slow receiver holds up only its own next page; while all pushers are busy
     * the rest stay due for the next sweep.
     */
    @Scheduled(fixedDelayString = "${mengkeju.finance.webhooks.sweep:500ms}",
            initialDelayString = "${mengkeju.finance.webhooks.sweep:500ms}")
    void pushDue() {
        Instant now = clock.instant();
        long horizon = leads.feedHorizon();
        Instant lastAt = null;
        String lastId = null;
        for (int looked = 0; looked < MAX_PER_SWEEP; ) {
            List<LeadWebhook> due = mongo.find(duePage(now, lastAt, lastId), LeadWebhook.class);
            for (LeadWebhook hook : due) {
                looked++;
                String institution = hook.institutionId();
                if (pushing.contains(institution) || !hasNews(hook, horizon)) {
                    continue;
                }
                if (!pushers.tryAcquire()) {
                    return; // every pusher is busy: what is still due goes in the next sweep
                }
                pushing.add(institution);
                try {
                    pool.execute(() -> {
                        try {
                            LeadWebhook claimed = claim(institution, now);
                            if (claimed != null) {
                                push(claimed);
                            }
                        } catch (RuntimeException e) {
                            // one institution's trouble is not the others': the next sweep tries it again
                            log.warn("webhook of {}: {}", institution, e.toString());
                        } finally {
                            pushing.remove(institution);
                            pushers.release();
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException stopping) {
                    pushing.remove(institution);
                    pushers.release();
                    return;
                }
            }
            if (due.size() < page) {
                return;
            }
            lastAt = due.getLast().nextAttemptAt();
            lastId = due.getLast().institutionId();
        }
    }

    /** The due webhooks after ({@code lastAt}, {@code lastId}) in (next attempt, institution) order. */
    private Query duePage(Instant now, Instant lastAt, String lastId) {
        Criteria due = Criteria.where("nextAttemptAt").lte(now);
        if (lastAt != null) {
            due = new Criteria().andOperator(due, new Criteria().orOperator(
                    Criteria.where("nextAttemptAt").gt(lastAt),
                    Criteria.where("nextAttemptAt").is(lastAt).and("_id").gt(lastId)));
        }
        Query query = Query.query(due).with(Sort.by("nextAttemptAt", "_id")).limit(page);
        query.fields().include("_id").include("cursor").include("nextAttemptAt").include("failures");
        return query;
    }

    /**
     * Whether the institution's feed moved past the webhook's cursor. A look that found nothing is remembered with
     * the horizon it looked up to: entries up to a horizon never change, so until the horizon moves (any lead of
     * any institution changes) the same webhook is not looked at again.
     */
    private boolean hasNews(LeadWebhook hook, long horizon) {
        IdleLook idle = idleLooks.get(hook.institutionId());
        if (idle != null && idle.horizon() == horizon && idle.cursor().equals(hook.cursor())) {
            return false;
        }
        if (leads.movedPast(hook.institutionId(), hook.cursor(), horizon)) {
            idleLooks.remove(hook.institutionId());
            return true;
        }
        idleLooks.put(hook.institutionId(), new IdleLook(hook.cursor(), horizon));
        return false;
    }

    /** A webhook whose feed had nothing after {@code cursor} up to {@code horizon}. */
    private record IdleLook(String cursor, long horizon) {
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
    }

    private LeadWebhook claim(String institution, Instant now) {
        return mongo.findAndModify(Query.query(Criteria.where("_id").is(institution).and("nextAttemptAt").lte(now)
                        .orOperator(Criteria.where("leaseUntil").is(null), Criteria.where("leaseUntil").lt(now))),
                new Update().set("leaseUntil", now.plus(LEASE)).inc("version", 1),
                FindAndModifyOptions.options().returnNew(true), LeadWebhook.class);
    }

    private void push(LeadWebhook hook) {
        LeadDesk.FeedPage page = leads.feedOf(hook.institutionId(), hook.cursor(), batch);
        Instant now = clock.instant();
        if (page.entries().isEmpty()) {
            hook.idle(now, pollInterval);
            save(hook);
            return;
        }
        String body = json.writeValueAsString(LeadFeed.of(page));
        String error;
        try {
            HttpResponse<Void> answer = http.send(HttpRequest.newBuilder(hook.url()).timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "mengkeju-finance-webhooks")
                    .header(DELIVERY_HEADER, hook.institutionId() + ":" + page.entries().getFirst().position())
                    .header(WebhookSignature.HEADER, WebhookSignature.sign(hook.secret(), now, body))
                    .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (answer.statusCode() / 100 == 2) {
                hook.delivered(page.next(), page.more(), clock.instant(), pollInterval);
                delivered.increment();
                save(hook);
                return;
            }
            error = "answered HTTP " + answer.statusCode();
        } catch (java.io.IOException e) {
            error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        hook.failed(error, clock.instant());
        failed.increment();
        save(hook);
        log.info("webhook of {} at {} failed ({}), attempt {}; next at {}", hook.institutionId(), hook.url(), error,
                hook.failures(), hook.nextAttemptAt());
    }

    /** Records the push; when the institution replaced or removed its webhook meanwhile, its change wins. */
    private void save(LeadWebhook hook) {
        try {
            hooks.save(hook); // under the version check: a removed or replaced webhook is not written back
        } catch (OptimisticLockingFailureException replaced) {
            log.debug("webhook of {} changed during a push; the next sweep pushes again", hook.institutionId());
        }
    }
}
