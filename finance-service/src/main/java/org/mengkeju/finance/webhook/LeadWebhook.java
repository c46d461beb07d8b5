package org.mengkeju.finance.webhook;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A finance institution's webhook (推送地址): its new and changed leads are pushed to {@code url}, in the order and
 * pages of its lead feed, signed with {@code secret}. The feed stays the source of truth: {@code cursor} is the feed
 * position delivered up to, so a failed push is sent again, and an institution that misses pushes pulls the rest.
 * One per institution.
 */
@Document("lead_webhooks")
public class LeadWebhook {

    /** The longest wait between two attempts after failures. */
    static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

    @Id
    private String institutionId;
    private URI url;
    private String secret;
    private String cursor;
    private int failures;
    private Instant nextAttemptAt;
    private String lastError;
    private Instant lastFailureAt;
    private Instant lastDeliveredAt;
    private long deliveredBatches;
    private Instant leaseUntil;
    private Instant registeredAt;
    @Version
    private Long version;

    LeadWebhook() {
    }

    /** A webhook that starts from the institution's current feed position. */
    static LeadWebhook register(String institutionId, URI url, String secret, String cursor, Instant now) {
        LeadWebhook hook = new LeadWebhook();
        hook.institutionId = institutionId;
        hook.registeredAt = now;
        hook.cursor = cursor;
        hook.replace(url, secret, now);
        return hook;
    }

    /** A new address or a new secret; delivery resumes at once from where it stood. */
    void replace(URI url, String secret, Instant now) {
        this.url = url;
        this.secret = secret;
        this.failures = 0;
        this.lastError = null;
        this.nextAttemptAt = now;
    }

    /** Pushes again from {@code after}, a cursor of the lead feed. */
    void restartFrom(String after) {
        cursor = after;
    }

    void delivered(String next, boolean more, Instant now, Duration pollInterval) {
        cursor = next;
        failures = 0;
        lastError = null;
        lastDeliveredAt = now;
        deliveredBatches++;
        nextAttemptAt = more ? now : now.plus(pollInterval);
        leaseUntil = null;
    }

    /** Nothing new to push: look again after the poll interval. */
    void idle(Instant now, Duration pollInterval) {
        nextAttemptAt = now.plus(pollInterval);
        leaseUntil = null;
    }

    /** The push failed: try again after 1 s, 2 s, 4 s … up to {@link #MAX_BACKOFF}. */
    void failed(String error, Instant now) {
        failures++;
        lastError = error.length() > 300 ? error.substring(0, 300) : error;
        lastFailureAt = now;
        nextAttemptAt = now.plus(backoff(failures));
        leaseUntil = null;
    }

    static Duration backoff(int failures) {
        if (failures >= 20) {
            return MAX_BACKOFF;
        }
        Duration wait = Duration.ofSeconds(1L << Math.max(0, failures - 1));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    public String institutionId() {
        return institutionId;
    }

    public URI url() {
        return url;
    }

    String secret() {
        return secret;
    }

    public String cursor() {
        return cursor;
    }

    public int failures() {
        return failures;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public Instant lastFailureAt() {
        return lastFailureAt;
    }

    public Instant lastDeliveredAt() {
        return lastDeliveredAt;
    }

    public long deliveredBatches() {
        return deliveredBatches;
    }

    public Instant registeredAt() {
        return registeredAt;
    }
}
