package org.mengkeju.finance.product;

/** Whether a product takes leads. */
public enum ProductStatus {
    /** On offer: profiles are qualified against it and enterprises may apply. */
    ACTIVE,
    /** Taken off by its institution: no new leads; the leads it has keep going. */
    WITHDRAWN
}
