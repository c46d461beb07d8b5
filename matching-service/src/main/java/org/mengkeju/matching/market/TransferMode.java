package org.mengkeju.matching.market;

/**
 * How technology changes hands (转化方式): the three ways the catalog offers a result, and the two deal kinds an
 * enterprise may ask for around one (技术开发, 技术服务).
 */
public enum TransferMode {
    /** 转让: the rights are assigned to the buyer. */
    ASSIGNMENT("可转让"),
    /** 许可: the buyer is licensed to use them. */
    LICENCE("可许可"),
    /** 作价入股: the IP is contributed as equity. */
    EQUITY("可作价入股"),
    /** 技术开发: the seller develops it further for the buyer. */
    DEVELOPMENT("可技术开发"),
    /** 技术服务: the seller solves the problem as a service. */
    SERVICE("可技术服务");

    private final String offered;

    TransferMode(String offered) {
        this.offered = offered;
    }

    /** How an offer of this mode reads in a reason, e.g. 可许可. */
    public String offered() {
        return offered;
    }

    /** The mode named {@code name} in an event, or null when this service does not know it. */
    public static TransferMode byNameOrNull(String name) {
        for (TransferMode mode : values()) {
            if (mode.name().equals(name)) {
                return mode;
            }
        }
        return null;
    }
}
