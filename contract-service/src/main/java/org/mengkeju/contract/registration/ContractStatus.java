package org.mengkeju.contract.registration;

/** Where a contract stands in registration (认定登记). */
public enum ContractStatus {
    /** Submitted by the seller side, waiting for a registration institution to take it up. */
    SUBMITTED,
    /** Accepted for review (受理) by a registration institution of the seller's region. */
    UNDER_REVIEW,
    /** Its registration number is being issued: reserved, not yet written on the contract. Resumes after a crash. */
    REGISTERING,
    /** Registered (已登记), with its registration number. */
    REGISTERED,
    /** Returned for correction (退回补正). */
    RETURNED,
    /** Refused (不予登记), marked 未予登记, with its coded reasons. */
    REFUSED,
    /** A registration cancelled (注销): the parties ended the contract. */
    CANCELLED,
    /** A registration revoked (撤销) by the registration institution. */
    REVOKED
}
