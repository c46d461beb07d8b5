package org.mengkeju.contract.registration;

import java.util.List;

/**
 * A reviewer's decision on a contract (审查结论).
 *
 * @param kind    what is decided
 * @param reasons the coded reasons of a return or refusal
 * @param note    the reviewer's text; required with the reason {@link RefusalReason#OTHER}
 */
public record Decision(Kind kind, List<RefusalReason> reasons, String note) {

    public enum Kind {
        /** 受理: take it up for review. */
        ACCEPT_FOR_REVIEW,
        /** 退回补正: return for correction. */
        RETURN,
        /** 不予登记: refuse. */
        REFUSE,
        /** 补正材料: ask for missing documents (named in the note); the review deadline stops. */
        REQUEST_DOCUMENTS,
        /** The requested documents arrived; the review deadline starts again. */
        RECORD_DOCUMENTS_RECEIVED,
        /** The expert review a large amount needs was held and passed. */
        RECORD_EXPERT_REVIEW,
        /** 登记: register and issue the registration number. */
        REGISTER
    }

    public Decision {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
