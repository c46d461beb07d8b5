package org.mengkeju.matching.demand;

import java.time.LocalDate;
import java.util.Set;

import org.mengkeju.matching.market.BudgetRange;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.matching.market.Maturity;
import org.mengkeju.matching.market.RegionCode;
import org.mengkeju.matching.market.TransferMode;

/**
 * What an enterprise says about its problem when it posts a demand.
 *
 * @param deadline the last local day (Asia/Shanghai) the demand is open
 */
public record DemandDetails(
        String title,
        String problem,
        IndustryChain industryChain,
        String field,
        RegionCode region,
        BudgetRange budget,
        Set<TransferMode> transferModes,
        Maturity wantedMaturity,
        LocalDate deadline,
        Contact contact) {

    /** Whom a broker calls about the demand; shown only to those who work on it. */
    public record Contact(String name, String phone) {
    }
}
