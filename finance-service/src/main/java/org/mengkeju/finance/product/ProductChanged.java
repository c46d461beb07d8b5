package org.mengkeju.finance.product;

/**
 * Inside the service only: a product was published or its rules changed, so the profiles should be qualified
 * against it now rather than at the next sweep.
 */
public record ProductChanged(String productId, int productVersion) {
}
