package org.mengkeju.contract.registration;

/**
 * Non-technical costs (非技术性费用) that come off the contract amount. The carriers of the technology itself
 * (documents, software, trial quantities of a variety or strain, one or two sets of test equipment) are not among
 * them: they stay in the technology transaction amount, so the client lists them nowhere.
 */
public enum CostKind {
    /** 购置设备 */
    EQUIPMENT,
    /** 仪器 */
    INSTRUMENTS,
    /** 零部件 */
    PARTS,
    /** 原材料 */
    RAW_MATERIALS,
    /** 其他非技术性费用 */
    OTHER
}
