package org.mengkeju.events.catalog;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A buyer asked the owner of a published achievement about its price and terms (询价). What was asked stays in the
 * catalog: the thread is private to the two sides and the platform's operators, so the event names only who asked
 * about what, which is what a broker's performance record, a lead for a bank and a session's results need.
 *
 * @param inquiryId          the catalog's id of the inquiry, e.g. {@code inq-0193a7c2e4f1-5b8d09aa}
 * @param achievementId      the achievement asked about
 * @param ownerInstitutionId the institution that owns it, the side that answers
 * @param askedBy            the API client that asked
 * @param buyerRole          what the asking client is: {@code PARTNER}, {@code FINANCE_INSTITUTION}, {@code BROKER},
 *                           or {@code OPERATOR} when the platform's service desk asked for someone (代为询价)
 * @param buyerInstitutionId the institution the asking client acts for; absent when it acts for none
 * @param sessionId          the release session (专题发布会/路演) the inquiry came from; absent when none
 * @param openedAt           when it was asked (UTC)
 */
public record InquiryOpened(
        String inquiryId,
        String achievementId,
        String ownerInstitutionId,
        String askedBy,
        String buyerRole,
        String buyerInstitutionId,
        String sessionId,
        Instant openedAt) {

    public static final EventContract<InquiryOpened> CONTRACT = new EventContract<>(
            "org.mengkeju.catalog.inquiry.opened.v1", Topics.CATALOG_INQUIRIES, InquiryOpened.class);
}
