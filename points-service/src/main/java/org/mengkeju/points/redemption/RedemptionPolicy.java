package org.mengkeju.points.redemption;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How redemptions (积分兑换) are run, as policy sets it.
 *
 * @param hold how long requested points stay held for an operator's decision before the request expires by itself
 */
@ConfigurationProperties("mengkeju.points.redemption")
public record RedemptionPolicy(Duration hold) {

    public RedemptionPolicy {
        hold = hold == null ? Duration.ofDays(14) : hold;
        if (hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("a redemption hold must be positive: " + hold);
        }
    }
}
