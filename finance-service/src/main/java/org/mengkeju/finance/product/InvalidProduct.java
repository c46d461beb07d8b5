package org.mengkeju.finance.product;

/** A product breaks a rule of the platform; names the field (as the API spells it) and what is wrong. */
public final class InvalidProduct extends IllegalArgumentException {

    private final String field;

    public InvalidProduct(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
