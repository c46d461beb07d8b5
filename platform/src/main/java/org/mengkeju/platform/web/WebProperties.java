package org.mengkeju.platform.web;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Limits of a service's HTTP edge.
 *
 * @param maxRequestBody the largest request body a service reads; larger ones are a 413 problem
 * @param idempotencyTakeOver how long an unfinished create holds its Idempotency-Key before a retry may take it
 *        over (the first process is assumed dead by then)
 */
@ConfigurationProperties("mengkeju.web")
public record WebProperties(@DefaultValue("1MB") DataSize maxRequestBody,
        @DefaultValue("30s") Duration idempotencyTakeOver) {
}
