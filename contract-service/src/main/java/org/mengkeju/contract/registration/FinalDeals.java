package org.mengkeju.contract.registration;

import java.math.BigDecimal;
import java.util.Optional;

import org.mengkeju.platform.identity.CallerIdentity;

/**
 * The deals the catalog's market made final, as far as a contract submitted from one must agree with it: the
 * parties, the achievement and the price the market fixed. Provided by the deals feature; the registration desk does
 * not know how deals are kept.
 */
public interface FinalDeals {

    /** What a deal fixed; the institution ids are the catalog's. */
    record Fixed(String dealId, String sellerInstitutionId, String buyerInstitutionId, String achievementId,
            BigDecimal priceYuan) {
    }

    /** The deal, if it exists and {@code caller} may see it. */
    Optional<Fixed> find(CallerIdentity caller, String dealId);
}
