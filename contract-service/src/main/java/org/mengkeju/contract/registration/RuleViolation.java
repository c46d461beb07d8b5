package org.mengkeju.contract.registration;

/**
 * A submitted contract breaks a registration rule: {@code rule} is the rule's stable name (it becomes the problem
 * type), {@code field} the field of the request it concerns.
 */
public class RuleViolation extends RuntimeException {

    private final String rule;
    private final String field;

    public RuleViolation(String rule, String field, String detail) {
        super(field + ": " + detail);
        this.rule = rule;
        this.field = field;
    }

    public String rule() {
        return rule;
    }

    public String field() {
        return field;
    }
}
