package org.mengkeju.catalog.achievement;

/** How the rights in a result may change hands (转化方式), or the deal built around it. */
public enum TransferMode {
    /** 转让: the rights are assigned to the buyer. */
    ASSIGNMENT,
    /** 许可: the buyer is licensed to use them. */
    LICENCE,
    /** 作价入股: the IP is contributed as equity. */
    EQUITY,
    /** 技术开发: the team develops further for the buyer (commissioned or cooperative). */
    DEVELOPMENT,
    /** 技术服务: the team solves a specific problem for the buyer with it. */
    SERVICE
}
