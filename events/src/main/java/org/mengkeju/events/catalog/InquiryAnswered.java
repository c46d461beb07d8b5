package org.mengkeju.events.catalog;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * The owner's transfer office answered a price inquiry (询价), first or again after a follow-up. Like
 * {@link InquiryOpened} it carries no text: only that the owner responded, and when.
 *
 * @param inquiryId          the inquiry answered
 * @param achievementId      the achievement it is about
 * @param ownerInstitutionId the institution that answered
 * @param answeredBy         the API client that answered
 * @param answerNumber       1 for the first answer, then 2, 3, ... so a consumer can tell the first response
 * @param sessionId          the release session the inquiry came from; absent when none
 * @param answeredAt         when it was answered (UTC)
 */
public record InquiryAnswered(
        String inquiryId,
        String achievementId,
        String ownerInstitutionId,
        String answeredBy,
        int answerNumber,
        String sessionId,
        Instant answeredAt) {

    public static final EventContract<InquiryAnswered> CONTRACT = new EventContract<>(
            "org.mengkeju.catalog.inquiry.answered.v1", Topics.CATALOG_INQUIRIES, InquiryAnswered.class);
}
