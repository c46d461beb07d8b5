package org.mengkeju.finance.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

import org.mengkeju.finance.product.Condition;
import org.mengkeju.finance.product.ProfileField;
import org.mengkeju.finance.product.RuleGroup;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Turns a product's rules into a filter on stored profiles that keeps every profile that could satisfy them: a
 * necessary condition, never a sufficient one. Each condition maps to a field the profile keeps beside its facts
 * (its summary, its region and type, its certificate); a rule group whose alternatives all map becomes their
 * {@code $or}, and the groups that map are joined by {@code $and}. What the store cannot answer (a flag tested for
 * false, a threshold of zero or below, which an empty profile meets) narrows nothing.
 */
final class Candidates {

    private Candidates() {
    }

    /** The filter for {@code rules}, or null when no group narrows the profiles. */
    static Criteria of(List<RuleGroup> rules) {
        List<Criteria> groups = new ArrayList<>();
        for (RuleGroup group : rules) {
            Criteria narrowed = of(group);
            if (narrowed != null) {
                groups.add(narrowed);
            }
        }
        if (groups.isEmpty()) {
            return null;
        }
        return groups.size() == 1 ? groups.getFirst() : new Criteria().andOperator(groups);
    }

    private static Criteria of(RuleGroup group) {
        List<Criteria> alternatives = new ArrayList<>(group.anyOf().size());
        for (Condition condition : group.anyOf()) {
            Criteria narrowed = of(condition);
            if (narrowed == null) {
                return null; // this alternative may hold for any profile: the group keeps them all
            }
            alternatives.add(narrowed);
        }
        return alternatives.size() == 1 ? alternatives.getFirst() : new Criteria().orOperator(alternatives);
    }

    /** A filter every profile passing {@code condition} passes too, or null when there is none worth asking. */
    static Criteria of(Condition condition) {
        ProfileField field = ProfileField.named(condition.field()).orElse(null);
        if (field == null) {
            return null;
        }
        return switch (field) {
            case REGISTERED_CONTRACTS_12M -> positive(condition.atLeast())
                    ? Criteria.where(Profiles.SUMMARY_CONTRACTS).gte(wholeUp(condition.atLeast())) : null;
            case TECHNOLOGY_TRANSACTION_AMOUNT_12M -> positive(condition.atLeast())
                    ? Criteria.where(Profiles.SUMMARY_AMOUNT_BOUND).gte(wholeUp(condition.atLeast())) : null;
            case INNOVATION_POINTS -> positive(condition.atLeast())
                    ? Criteria.where(Profiles.SUMMARY_POINTS).gte(wholeUp(condition.atLeast())) : null;
            // Some achievement must be recorded for one to be public or transacted, or to have a patent behind it.
            case PUBLISHED_ACHIEVEMENTS, TRANSACTED_ACHIEVEMENTS, GRANTED_PATENTS -> positive(condition.atLeast())
                    ? Criteria.where("achievements").exists(true) : null;
            // A certificate in force needs a certificate; whether it is still in force the facts say.
            case HIGH_TECH_ENTERPRISE -> Boolean.TRUE.equals(condition.is())
                    ? Criteria.where("highTech").exists(true) : null;
            case REGION -> condition.in() == null ? null : Criteria.where("regionCode").in(condition.in());
            case INSTITUTION_TYPE -> condition.in() == null ? null
                    : Criteria.where("institutionType").in(condition.in());
        };
    }

    private static boolean positive(BigDecimal atLeast) {
        return atLeast != null && atLeast.signum() > 0;
    }

    /**
     * The whole-number threshold a whole-number summary must reach to reach {@code atLeast}; capped as the summary's
     * entries are, so a profile whose entries were capped still passes.
     */
    private static long wholeUp(BigDecimal atLeast) {
        if (atLeast.compareTo(BigDecimal.valueOf(Profiles.SUMMARY_CAP)) >= 0) {
            return Profiles.SUMMARY_CAP;
        }
        return atLeast.setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
