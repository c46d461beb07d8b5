package org.mengkeju.contract.registration;

/** A step the contract's current state does not allow (a 409): {@code rule} names why, e.g. {@code wrong-status}. */
public class StepRefused extends RuntimeException {

    private final String rule;

    public StepRefused(String rule, String detail) {
        super(detail);
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
