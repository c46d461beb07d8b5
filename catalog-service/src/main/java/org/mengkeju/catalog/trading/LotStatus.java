package org.mengkeju.catalog.trading;

/** Where a lot is between listing and a final deal. Each step is a method of {@link Lot}. */
public enum LotStatus {
    /** 挂牌中: listed, buyers register interest and pay their deposits until the listing period ends. */
    REGISTRATION,
    /** 竞价中: two or more qualified buyers; bids are taken until the (possibly extended) close. */
    AUCTION,
    /** 公示中: a buyer and a price were found; objections may be filed until the period ends. */
    PUBLICATION,
    /** 成交: the publication period passed with no objection upheld; the parties go on to a contract. */
    FINAL,
    /** 未成交: no qualified buyer, no bid, or the reserve price not reached. */
    UNSOLD,
    /** 已撤销: an objection was upheld during publication. */
    ANNULLED
}
