package org.mengkeju.finance.product;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A product's eligibility rules (准入条件) as data: groups that must all hold, each a list of alternatives. Checked
 * when the product is saved (a rule on an unknown field is refused then, not found out at qualification).
 */
public final class Eligibility {

    static final int MAX_GROUPS = 10;

    private Eligibility() {
    }

    public static void validate(List<RuleGroup> rules) {
        if (rules == null || rules.isEmpty() || rules.size() > MAX_GROUPS) {
            throw new InvalidProduct("rules", "lists 1 to " + MAX_GROUPS + " rule groups");
        }
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) == null) {
                throw new InvalidProduct("rules[" + i + "]", "must be a rule group");
            }
            rules.get(i).validate("rules[" + i + "]");
        }
    }

    /** The reasons, one per group, when every group holds; empty when one does not. */
    public static Optional<List<Reason>> qualify(List<RuleGroup> rules, EnterpriseFacts facts) {
        List<Reason> reasons = new ArrayList<>(rules.size());
        for (RuleGroup group : rules) {
            Optional<Reason> reason = group.test(facts);
            if (reason.isEmpty()) {
                return Optional.empty();
            }
            reasons.add(reason.get());
        }
        return Optional.of(List.copyOf(reasons));
    }
}
