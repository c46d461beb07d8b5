package org.mengkeju.finance.lead;

/** A reported outcome breaks a rule of its own (a missing or too large amount, a future date); names the field. */
public final class InvalidOutcome extends IllegalArgumentException {

    public InvalidOutcome(String field, String problem) {
        super(field + ": " + problem);
    }
}
