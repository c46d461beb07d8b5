package org.mengkeju.finance.lead;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.mengkeju.finance.product.EnterpriseFacts;
import org.mengkeju.finance.product.ProductType;
import org.mengkeju.finance.product.Reason;

/** Request and response records of the leads API. */
public final class LeadRequests {

    private LeadRequests() {
    }

    @Schema(description = "An enterprise's application for a product. Applying shares its profile with the "
            + "product's institution (it records consent when none was given).")
    record Apply(
            @Schema(description = "The amount the enterprise asks for, yuan; at most the product's maximum.",
                    example = "3000000") BigDecimal requestedAmountYuan) {
    }

    @Schema(description = "An outcome of a lead. APPROVED and DISBURSED take `amountYuan` (at most the product's "
            + "maximum; a disbursement at most the approved amount) and `date` (a local day, not in the future); "
            + "REJECTED takes `reason`; CONTACTED nothing.")
    record ReportOutcome(
            @NotNull @Schema(description = "What happened.", example = "CONTACTED") Outcome outcome,
            @Schema(description = "Approved or disbursed amount, yuan.", example = "3000000") BigDecimal amountYuan,
            @Schema(description = "The local day (Asia/Shanghai) of the approval or disbursement.",
                    example = "2026-11-20") LocalDate date,
            @Size(max = 2000) @Schema(description = "Why it was rejected.", example = "近两年经营性现金流为负")
            String reason) {
    }

    @Schema(description = "The enterprise a lead is about; absent once the enterprise withdrew its consent.")
    record EnterpriseView(String enterpriseId, String name, String creditCode, String regionCode) {
    }

    @Schema(description = "A lead (融资线索) as its institution sees it.")
    record LeadView(
            String leadId,
            @Schema(description = "Its position in the lead feed.") long position,
            String productId,
            @Schema(description = "The version of the product's rules it qualified (or was applied) under.")
            int productVersion,
            ProductType productType,
            String productName,
            String institutionId,
            LeadStatus status,
            @Schema(description = "True once the enterprise withdrew its consent: drop the lead; nothing about the "
                    + "enterprise is given.") boolean removed,
            LeadOrigin origin,
            boolean applied,
            EnterpriseView enterprise,
            @Schema(description = "Why it qualified: one satisfied condition per rule group.") List<Reason> reasons,
            @Schema(description = "The profile's facts when it qualified.") EnterpriseFacts facts,
            BigDecimal requestedAmountYuan,
            BigDecimal approvedAmountYuan,
            LocalDate approvedOn,
            BigDecimal disbursedAmountYuan,
            LocalDate disbursedOn,
            String rejectionReason,
            Instant openedAt,
            Instant changedAt) {

        static LeadView of(Lead lead) {
            boolean removed = lead.status() == LeadStatus.WITHDRAWN;
            return new LeadView(lead.id(), lead.changeSeq(), lead.productId(), lead.productVersion(),
                    lead.productType(), lead.productName(), lead.institutionId(), lead.status(), removed,
                    lead.origin(), lead.applied(),
                    removed ? null : new EnterpriseView(lead.enterpriseId(), lead.enterpriseName(),
                            lead.enterpriseCreditCode(), lead.enterpriseRegionCode()),
                    lead.reasons(), lead.facts(), lead.requestedAmountYuan(), lead.approvedAmountYuan(),
                    lead.approvedOn(), lead.disbursedAmountYuan(), lead.disbursedOn(), lead.rejectionReason(),
                    lead.openedAt(), lead.changedAt());
        }
    }

    @Schema(description = "Leads new or changed since the cursor, in the order of their changes. Keep `next` and "
            + "send it as `after`; `more` says the next page is ready now.")
    public record LeadFeed(List<LeadView> items, String next, boolean more) {

        public static LeadFeed of(LeadDesk.FeedPage page) {
            return new LeadFeed(page.entries().stream().map(entry -> LeadView.of(entry.lead())).toList(),
                    page.next(), page.more());
        }
    }
}
