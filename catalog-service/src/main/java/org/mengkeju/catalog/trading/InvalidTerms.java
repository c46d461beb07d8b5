package org.mengkeju.catalog.trading;

/** Terms of a lot or a request about it that break a rule; names the field, and becomes a 400. */
class InvalidTerms extends IllegalArgumentException {

    private final String field;

    InvalidTerms(String field, String message) {
        super(field + " " + message);
        this.field = field;
    }

    String field() {
        return field;
    }
}
