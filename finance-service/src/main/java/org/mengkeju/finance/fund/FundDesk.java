package org.mengkeju.finance.fund;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.mengkeju.finance.product.ProductType;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * Risk-compensation funds: operators (of the platform and the science department, which manage the fund) set them
 * up and read them; disbursements reported on leads are tracked against each fund that covers them. Who may do what
 * is decided here.
 */
@Service
public class FundDesk {

    private static final Logger log = LoggerFactory.getLogger(FundDesk.class);
    private static final int ATTEMPTS = 20;

    private final Funds funds;
    private final Clock clock;

    FundDesk(Funds funds, Clock clock) {
        this.funds = funds;
        this.clock = clock;
    }

    public RiskCompensationFund establish(CallerIdentity caller, String name, BigDecimal capitalYuan,
            BigDecimal leverageCap, List<String> institutionIds, List<ProductType> productTypes) {
        mayManage(caller);
        RiskCompensationFund fund;
        try {
            fund = RiskCompensationFund.establish(name, capitalYuan, leverageCap, institutionIds,
                    productTypes == null ? List.of() : productTypes.stream().map(Enum::name).toList(),
                    clock.instant());
        } catch (IllegalArgumentException invalid) {
            throw ApiProblem.invalid("invalid-fund", "Invalid fund", invalid.getMessage());
        }
        RiskCompensationFund saved = funds.insert(fund);
        log.info("fund {} established by {}: capital {} yuan, leverage cap {}", saved.id(), caller.clientId(),
                capitalYuan.toPlainString(), leverageCap.toPlainString());
        return saved;
    }

    public RiskCompensationFund get(CallerIdentity caller, String fundId) {
        if (!caller.is(Role.OPERATOR)) {
            throw ApiProblem.notFound("fund", fundId);
        }
        return (fundId != null && fundId.matches(RiskCompensationFund.ID_PATTERN) ? funds.findById(fundId)
                : java.util.Optional.<RiskCompensationFund>empty())
                .orElseThrow(() -> ApiProblem.notFound("fund", fundId));
    }

    /**
     * A loan was disbursed on a lead: every fund covering its institution and product type tracks it, once. Returns
     * how many funds took it up now.
     */
    public int disbursed(String leadId, String institutionId, String productType, BigDecimal amountYuan,
            LocalDate disbursedOn) {
        int tracked = 0;
        for (RiskCompensationFund fund : funds.findByInstitutionIds(institutionId)) {
            if (!fund.covers(institutionId, productType)) {
                continue;
            }
            RiskCompensationFund current = fund;
            boolean done = false;
            for (int attempt = 0; attempt < ATTEMPTS && !done; attempt++) {
                FundLoan loan = current.track(leadId, institutionId, productType, amountYuan, disbursedOn,
                        clock.instant());
                if (loan == null) {
                    done = true;
                    break;
                }
                try {
                    funds.save(current);
                    tracked++;
                    if (loan.counted()) {
                        log.info("fund {}: loan of lead {} counted, {} yuan", current.id(), leadId,
                                amountYuan.toPlainString());
                    } else {
                        log.warn("fund {}: loan of lead {} flagged, {} yuan would exceed the cap of {} yuan",
                                current.id(), leadId, amountYuan.toPlainString(),
                                current.capacityYuan().toPlainString());
                    }
                    done = true;
                } catch (OptimisticLockingFailureException raced) {
                    current = funds.findById(fund.id()).orElseThrow();
                }
            }
            if (!done) {
                // The event is retried (then dead-lettered): the loan is never silently left out.
                throw new IllegalStateException("fund " + fund.id() + " is written by too many at once; lead "
                        + leadId + " not tracked yet");
            }
        }
        return tracked;
    }

    /** Who manages funds: operators. */
    static void mayManage(CallerIdentity caller) {
        if (!caller.is(Role.OPERATOR)) {
            throw ApiProblem.forbidden("risk-compensation funds are set up by operators");
        }
    }
}
