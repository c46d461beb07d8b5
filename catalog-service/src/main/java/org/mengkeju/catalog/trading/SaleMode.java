package org.mengkeju.catalog.trading;

/** How a lot found its buyer. */
public enum SaleMode {
    /** 协议转让: one qualified buyer at the end of the listing period takes it at the listed price. */
    AGREEMENT,
    /** 竞价: the highest bid of two or more qualified buyers. */
    AUCTION
}
