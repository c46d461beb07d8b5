package org.mengkeju.finance.product;

import java.util.List;
import java.util.Optional;

/**
 * Alternatives of which one must hold: "at least 2 registered contracts, or a technology transaction amount of at
 * least 5,000,000 yuan, in the last 12 months". A product's rules are groups that must all hold.
 */
public record RuleGroup(List<Condition> anyOf) {

    static final int MAX_CONDITIONS = 10;

    void validate(String path) {
        if (anyOf == null || anyOf.isEmpty() || anyOf.size() > MAX_CONDITIONS) {
            throw new InvalidProduct(path + ".anyOf", "lists 1 to " + MAX_CONDITIONS + " conditions");
        }
        for (int i = 0; i < anyOf.size(); i++) {
            if (anyOf.get(i) == null) {
                throw new InvalidProduct(path + ".anyOf[" + i + "]", "must be a condition");
            }
            anyOf.get(i).validate(path + ".anyOf[" + i + "]");
        }
    }

    /** The reason of the first alternative that holds, or empty when none does. */
    Optional<Reason> test(EnterpriseFacts facts) {
        for (Condition condition : anyOf) {
            Optional<Reason> reason = condition.test(facts);
            if (reason.isPresent()) {
                return reason;
            }
        }
        return Optional.empty();
    }
}
