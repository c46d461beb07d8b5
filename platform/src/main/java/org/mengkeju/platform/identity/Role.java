package org.mengkeju.platform.identity;

/** What a calling client is on the platform; later features scope data and actions by it. */
public enum Role {
    /** A partner system: a university tech-transfer office, a city portal, the national results library. */
    PARTNER,
    /** A league-city sub-center (盟市分中心) syncing listings for its region. */
    SUB_CENTER,
    /** A finance institution (bank, insurer) pulling leads for its products. */
    FINANCE_INSTITUTION,
    /** A technology broker (技术经纪人) or transfer agency. */
    BROKER,
    /** The platform's or the science department's (科技厅) operations team. */
    OPERATOR
}
