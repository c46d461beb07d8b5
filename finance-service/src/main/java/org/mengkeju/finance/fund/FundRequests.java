package org.mengkeju.finance.fund;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.mengkeju.finance.product.ProductType;

/** Request and response records of the funds API. */
final class FundRequests {

    private FundRequests() {
    }

    @Schema(description = "A risk-compensation fund (风险补偿金): capital, the leverage cap (loans per yuan of "
            + "capital) and the cooperating finance institutions whose disbursed loans it backs.")
    record EstablishFund(
            @NotBlank @Size(max = 100) @Schema(example = "内蒙古科技型企业贷款风险补偿资金") String name,
            @NotNull @Schema(description = "Capital, yuan.", example = "110000000") BigDecimal capitalYuan,
            @NotNull @Schema(description = "Loans backed per yuan of capital, 1 to 20.", example = "8.3")
            BigDecimal leverageCap,
            @NotNull @Size(min = 1, max = 100) @Schema(description = "The cooperating finance institutions.")
            List<@NotNull @jakarta.validation.constraints.Pattern(regexp = "[a-z0-9][a-z0-9-]{1,63}",
                    message = "must be an institution id") String> institutionIds,
            @Schema(description = "The product types covered; absent or empty for all.")
            List<@NotNull ProductType> productTypes) {
    }

    @Schema(description = "A fund and where it stands against its cap.")
    record FundView(
            String fundId,
            String name,
            BigDecimal capitalYuan,
            BigDecimal leverageCap,
            @Schema(description = "capital × leverage cap: the most loans it backs.") BigDecimal capacityYuan,
            @Schema(description = "Disbursed loans counted against the cap.") BigDecimal countedYuan,
            BigDecimal headroomYuan,
            @Schema(description = "Counted loans per yuan of capital.") BigDecimal leverageUsed,
            int loansCounted,
            @Schema(description = "Loans that would have exceeded the cap: flagged, not counted.")
            List<FundLoan> flagged,
            BigDecimal flaggedYuan,
            List<String> institutionIds,
            List<String> productTypes,
            Instant createdAt) {

        static FundView of(RiskCompensationFund fund) {
            List<FundLoan> loans = fund.loans();
            return new FundView(fund.id(), fund.name(), fund.capitalYuan(), fund.leverageCap(), fund.capacityYuan(),
                    fund.countedYuan(), fund.headroomYuan(), fund.leverageUsed(),
                    (int) loans.stream().filter(FundLoan::counted).count(),
                    loans.stream().filter(loan -> !loan.counted()).toList(), fund.flaggedYuan(),
                    fund.institutionIds(), fund.productTypes(), fund.createdAt());
        }
    }
}
