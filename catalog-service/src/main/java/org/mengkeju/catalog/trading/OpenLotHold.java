package org.mengkeju.catalog.trading;

import java.util.Optional;

import org.mengkeju.catalog.achievement.ListingHold;
import org.springframework.stereotype.Component;

/**
 * A listing on a lot still open (listed, at auction, or in its publication period) is committed to its buyers: its
 * owner withdraws it only once the lot has ended (unsold, annulled, or final).
 */
@Component
class OpenLotHold implements ListingHold {

    private final Lots lots;

    OpenLotHold(Lots lots) {
        this.lots = lots;
    }

    @Override
    public Optional<String> holding(String achievementId) {
        return lots.findFirstByAchievementIdAndStatusIn(achievementId, TradingDesk.ACTIVE)
                .map(lot -> "achievement " + achievementId + " is for sale on lot " + lot.id() + " ("
                        + lot.status() + "); it can be withdrawn once the lot has ended");
    }
}
