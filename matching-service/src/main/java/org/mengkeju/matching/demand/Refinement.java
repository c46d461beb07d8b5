package org.mengkeju.matching.demand;

import java.util.Set;

import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.matching.market.Maturity;
import org.mengkeju.matching.market.TransferMode;

/** What a broker sharpens when refining a demand; each null field stays as the enterprise put it. */
public record Refinement(
        String title,
        String problem,
        IndustryChain industryChain,
        String field,
        Set<TransferMode> transferModes,
        Maturity wantedMaturity) {

    public static Refinement none() {
        return new Refinement(null, null, null, null, null, null);
    }
}
