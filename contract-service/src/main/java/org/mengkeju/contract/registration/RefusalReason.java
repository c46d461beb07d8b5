package org.mengkeju.contract.registration;

/** The official reasons a registration institution returns or refuses (不予登记) a contract. */
public enum RefusalReason {
    /** 合同无效或者尚未生效 */
    INVALID_OR_NOT_IN_FORCE,
    /** 不属于技术合同 */
    NOT_A_TECHNOLOGY_CONTRACT,
    /** 当事人、标的或者价款等约定不明确 */
    UNCLEAR_TERMS,
    /** 依法应当办理批准手续而未办理 */
    APPROVAL_MISSING,
    /** 合同名称与内容不符且拒不更正 */
    TITLE_CONTRADICTS_CONTENT,
    /** 含有非法垄断技术或者限制买方的条款 */
    MONOPOLISING_CLAUSE,
    /** 证明材料缺失或者不合规 */
    DOCUMENTS_MISSING,
    /** 印章不全或者与当事人名称不符 */
    SEALS_MISMATCH,
    /** 其他 (a text is required) */
    OTHER
}
