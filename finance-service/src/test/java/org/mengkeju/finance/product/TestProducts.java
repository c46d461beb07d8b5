package org.mengkeju.finance.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** Products for unit tests of other features, made as the shelf makes them. */
public final class TestProducts {

    private TestProducts() {
    }

    /** 知识产权质押贷 of 内蒙古银行: 500,000 to 10,000,000 yuan, for high-tech enterprises. */
    public static FinancingProduct ipPledgeLoan(Instant now) {
        return FinancingProduct.publish("boimc", ProductType.IP_PLEDGE_LOAN, "知识产权质押贷",
                new ProductTerms(new BigDecimal("500000"), new BigDecimal("10000000"), 12, 36,
                        new BigDecimal("3.45"), new BigDecimal("4.35")),
                List.of(new RuleGroup(List.of(new Condition("HIGH_TECH_ENTERPRISE", null, true, null)))),
                "boimc-leads", now);
    }
}
