package org.mengkeju.events.finance;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A loan or insurance lead (融资线索) of a finance institution moved: it was opened because an enterprise's profile
 * satisfied a product's rules or because the enterprise applied, the institution reported an outcome (contacted,
 * approved with an amount, rejected with a reason, disbursed with an amount and a date), or the enterprise withdrew
 * its consent and the lead was taken from the institution. Disbursements are what the platform counts as the
 * financing it brought (the dashboards' total) and what a risk-compensation fund (风险补偿金) tracks against its cap.
 *
 * @param leadId         finance-service's id of the lead
 * @param action         what happened: {@code QUALIFIED} (opened from the profile), {@code APPLIED} (the
 *                       enterprise applied directly, opening the lead or marking an open one), {@code CONTACTED},
 *                       {@code APPROVED}, {@code REJECTED}, {@code DISBURSED}, {@code WITHDRAWN} (consent withdrawn)
 * @param fromStatus     the status before; absent when the lead was just opened
 * @param toStatus       the status after: {@code NEW}, {@code CONTACTED}, {@code APPROVED}, {@code REJECTED},
 *                       {@code DISBURSED} or {@code WITHDRAWN}
 * @param productId      the financing product the lead is for
 * @param productVersion the version of the product's rules the lead qualified (or was applied) under
 * @param productType    the product's type, e.g. {@code IP_PLEDGE_LOAN} (知识产权质押贷)
 * @param institutionId  the finance institution that owns the product and the lead
 * @param enterpriseId   the enterprise (its catalog institution id) the lead is about
 * @param amountYuan     the approved amount for {@code APPROVED}, the disbursed amount for {@code DISBURSED}, the
 *                       amount asked for in an application; absent otherwise. Yuan, exact
 * @param onDate         the local day (Asia/Shanghai) of the approval or disbursement; absent otherwise
 * @param reason         the rejection reason; absent otherwise
 * @param actor          the API client that did it, or {@code finance-service} for a qualification
 * @param changedAt      when it happened (UTC)
 */
public record LeadStatusChanged(
        String leadId,
        String action,
        String fromStatus,
        String toStatus,
        String productId,
        int productVersion,
        String productType,
        String institutionId,
        String enterpriseId,
        BigDecimal amountYuan,
        LocalDate onDate,
        String reason,
        String actor,
        Instant changedAt) {

    public static final EventContract<LeadStatusChanged> CONTRACT = new EventContract<>(
            "org.mengkeju.finance.lead.status-changed.v1", Topics.FINANCE_LEADS, LeadStatusChanged.class);
}
