package org.mengkeju.finance.webhook;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
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
 * page at once; the receiver still gets a page again after a crash mid-push, and tells by the positions.
 */
@Component
class WebhookDelivery {

    private static final Logger log = LoggerFactory.getLogger(WebhookDelivery.class);
    static final String DELIVERY_HEADER = "X-Mengkeju-Delivery";
    private static final Duration LEASE = Duration.ofSeconds(30);

    private final MongoTemplate mongo;
    private final LeadWebhooks hooks;
    private final LeadDesk leads;
    private final JsonMapper json;
    private final Clock clock;
    private final HttpClient http;
    private final Duration pollInterval;
    private final Duration timeout;
    private final int batch;
    private final Counter delivered;
    private final Counter failed;

    WebhookDelivery(MongoTemplate mongo, LeadWebhooks hooks, LeadDesk leads, JsonMapper json, Clock clock,
            MeterRegistry meters,
            @Value("${mengkeju.finance.webhooks.poll-interval:2s}") Duration pollInterval,
            @Value("${mengkeju.finance.webhooks.timeout:5s}") Duration timeout,
            @Value("${mengkeju.finance.webhooks.batch:100}") int batch) {
        this.mongo = mongo;
        this.hooks = hooks;
        this.leads = leads;
        this.json = json;
        this.clock = clock;
        this.pollInterval = pollInterval;
        this.timeout = timeout;
        this.batch = batch;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.delivered = Counter.builder("mengkeju_finance_webhook_deliveries").tag("outcome", "delivered")
                .description("Lead batches pushed to institutions' webhooks, by outcome").register(meters);
        this.failed = Counter.builder("mengkeju_finance_webhook_deliveries").tag("outcome", "failed")
                .description("Lead batches pushed to institutions' webhooks, by outcome").register(meters);
    }

    @Scheduled(fixedDelayString = "${mengkeju.finance.webhooks.sweep:500ms}",
            initialDelayString = "${mengkeju.finance.webhooks.sweep:500ms}")
    void pushDue() {
        Instant now = clock.instant();
        List<LeadWebhook> due = mongo.find(Query.query(Criteria.where("nextAttemptAt").lte(now))
                .with(Sort.by("nextAttemptAt")).limit(100), LeadWebhook.class);
        for (LeadWebhook hook : due) {
            try {
                LeadWebhook claimed = claim(hook.institutionId(), now);
                if (claimed != null) {
                    push(claimed);
                }
            } catch (RuntimeException e) {
                // one institution's trouble is not the others': the next sweep tries it again
                log.warn("webhook of {}: {}", hook.institutionId(), e.toString());
            }
        }
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
