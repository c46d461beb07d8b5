package org.mengkeju.platform.web;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of a service's HTTP edge.
 *
 * @param maxRequestBody the largest request body a service reads; larger ones are a 413 problem
 * @param idempotencyTakeOver how long an unfinished create holds its Idempotency-Key before a retry may take it
 *        over (the first process is assumed dead by then)
 * @param bulkPaths path prefixes of bulk endpoints (a sub-center's batch upload), which stream their bodies and may
 *        take up to {@code maxBulkRequestBody}
 * @param maxBulkRequestBody the largest body a bulk endpoint reads
 */
@ConfigurationProperties("mengkeju.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxRequestBody,
        @DefaultValue("30s") Duration idempotencyTakeOver,
        @DefaultValue({}) List<String> bulkPaths,
        @DefaultValue("32MB") DataSize maxBulkRequestBody) {

    /** The body limit of a request to {@code path}. */
    public long limitFor(String path) {
        for (String prefix : bulkPaths) {
            if (path != null && path.startsWith(prefix)) {
                return maxBulkRequestBody.toBytes();
            }
        }
        return maxRequestBody.toBytes();
    }
}
