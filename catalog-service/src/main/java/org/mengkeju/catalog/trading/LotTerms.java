package org.mengkeju.catalog.trading;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.mengkeju.catalog.achievement.TransferMode;
import org.mengkeju.catalog.institution.InstitutionType;

/**
 * What an owner lists a lot on: the mode, the listed (starting) price, the bid increment, an optional reserve, the
 * deposit, the listing period and the auction's close, the anti-sniping window, and who may buy. Amounts in fen.
 *
 * @param startingPriceFen 挂牌价 / 起拍价: a lone qualified buyer takes the lot at it; an auction starts from it
 * @param incrementFen     加价幅度: every bid is the current top (or the starting price) plus a whole multiple of it
 * @param reserveFen       保留价: the least an auction may sell for; null when none
 * @param depositFen       保证金: what a buyer pays before it qualifies
 * @param antiSnipingSeconds a bid this close to the end moves the end to the bid's time plus this window (延时)
 * @param buyerRegions     league-city codes a buyer must be registered in; empty for any
 * @param buyerTypes       kinds of institution that may buy; empty for any
 */
public record LotTerms(
        TransferMode transferMode,
        long startingPriceFen,
        long incrementFen,
        Long reserveFen,
        long depositFen,
        Instant registrationEndsAt,
        Instant auctionEndsAt,
        long antiSnipingSeconds,
        List<String> buyerRegions,
        List<InstitutionType> buyerTypes) {

    /** The longest anti-sniping window: a longer one would let two bidders hold an auction open for days. */
    static final Duration MAX_ANTI_SNIPING = Duration.ofHours(1);

    public LotTerms {
        buyerRegions = buyerRegions == null ? List.of() : List.copyOf(buyerRegions);
        buyerTypes = buyerTypes == null ? List.of() : List.copyOf(buyerTypes);
    }

    /** Checks the terms against each other and the time of listing; a broken rule names its field. */
    LotTerms check(Instant now) {
        if (transferMode == null) {
            throw new InvalidTerms("transferMode", "is required");
        }
        if (reserveFen != null && reserveFen < startingPriceFen) {
            throw new InvalidTerms("reserveYuan", "must not be below the starting price: a reserve under it binds "
                    + "nothing");
        }
        if (registrationEndsAt == null) {
            throw new InvalidTerms("registrationEndsAt", "is required");
        }
        if (!registrationEndsAt.isAfter(now)) {
            throw new InvalidTerms("registrationEndsAt", "must be in the future");
        }
        if (auctionEndsAt == null) {
            throw new InvalidTerms("auctionEndsAt", "is required");
        }
        if (!auctionEndsAt.isAfter(registrationEndsAt)) {
            throw new InvalidTerms("auctionEndsAt", "must be after registrationEndsAt: the auction is held after "
                    + "the listing period");
        }
        if (antiSnipingSeconds < 0 || antiSnipingSeconds > MAX_ANTI_SNIPING.toSeconds()) {
            throw new InvalidTerms("antiSnipingSeconds", "must be 0 to " + MAX_ANTI_SNIPING.toSeconds());
        }
        return this;
    }

    /** The anti-sniping window (延时周期). */
    Duration antiSniping() {
        return Duration.ofSeconds(antiSnipingSeconds);
    }

    /** Whether {@code amountFen} is the starting price plus a whole multiple of the increment. */
    boolean onIncrementGrid(long amountFen) {
        return amountFen >= startingPriceFen && (amountFen - startingPriceFen) % incrementFen == 0;
    }
}
