package org.mengkeju.gateway.problem;

import java.time.Duration;

import org.mengkeju.platform.web.ApiProblem;
import org.springframework.http.HttpStatus;

/**
 * A refusal that will pass if the caller waits: answered with {@code Retry-After} so that a partner system backs
 * off by itself instead of retrying in a tight loop.
 */
public class RetryLaterProblem extends ApiProblem {

    private final Duration retryAfter;

    public RetryLaterProblem(HttpStatus status, String slug, String title, String detail, Duration retryAfter) {
        super(status, slug, title, detail);
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one, as the header wants them. */
    public long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
