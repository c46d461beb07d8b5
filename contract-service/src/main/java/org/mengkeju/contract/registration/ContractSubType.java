package org.mengkeju.contract.registration;

/** The sub-type of a technology contract; which belong to which type is said by {@link ContractType}. */
public enum ContractSubType {
    /** 委托开发 */
    COMMISSIONED,
    /** 合作开发 */
    COOPERATIVE,
    /** 专利权转让 */
    PATENT_RIGHT,
    /** 专利申请权转让 */
    PATENT_APPLICATION_RIGHT,
    /** 技术秘密转让 */
    TECHNICAL_SECRET,
    /** 其他技术转让 (e.g. a new plant variety right, a layout-design right) */
    OTHER,
    /** 独占许可 */
    EXCLUSIVE,
    /** 排他许可 */
    SOLE,
    /** 普通许可 */
    NON_EXCLUSIVE,
    /** 一般技术服务 */
    GENERAL,
    /** 技术培训 */
    TRAINING,
    /** 技术中介 */
    BROKERAGE
}
