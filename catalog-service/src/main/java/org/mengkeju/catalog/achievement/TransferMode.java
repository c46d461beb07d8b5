package org.mengkeju.catalog.achievement;

/** How the rights in a result may change hands (转化方式). */
public enum TransferMode {
    /** 转让: the rights are assigned to the buyer. */
    ASSIGNMENT,
    /** 许可: the buyer is licensed to use them. */
    LICENCE,
    /** 作价入股: the IP is contributed as equity. */
    EQUITY
}
