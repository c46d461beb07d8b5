package org.mengkeju.matching.match;

import java.math.BigDecimal;
import java.util.Set;

import org.mengkeju.matching.market.BudgetRange;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.matching.market.Maturity;
import org.mengkeju.matching.market.TransferMode;

/** What matching knows of each side: plain values, so that scoring is pure and needs no store. */
public final class Profiles {

    private Profiles() {
    }

    /**
     * A demand as matching sees it.
     *
     * @param terms the telling words of its title, problem and field ({@link org.mengkeju.matching.market.Terms})
     */
    public record Wanted(String id, IndustryChain chain, Set<String> terms, String regionCode, BudgetRange budget,
            Set<TransferMode> modes, Maturity wantedMaturity) {
    }

    /**
     * An achievement as matching sees it; a chain, maturity or mode this service does not know is null or left out.
     *
     * @param terms           the telling words of its title and summary ({@link org.mengkeju.matching.market.Terms})
     * @param askingPriceYuan null when negotiable (面议)
     */
    public record Offered(String id, IndustryChain chain, Set<String> terms, String regionCode, BigDecimal askingPriceYuan,
            Set<TransferMode> modes, Maturity maturity) {
    }
}
