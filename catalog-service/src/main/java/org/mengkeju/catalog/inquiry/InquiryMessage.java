package org.mengkeju.catalog.inquiry;

import java.time.Instant;

/**
 * One message of an inquiry's thread, numbered from 1 (the question).
 *
 * @param idempotencyKey the key the author sent it with, so a retried post finds it instead of adding it twice
 */
public record InquiryMessage(int number, InquirySide side, String author, String text, String idempotencyKey,
        Instant at) {
}
