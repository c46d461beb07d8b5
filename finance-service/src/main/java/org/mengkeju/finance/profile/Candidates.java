package org.mengkeju.finance.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.mengkeju.finance.product.Condition;
import org.mengkeju.finance.product.ProfileField;
import org.mengkeju.finance.product.RuleGroup;
import org.springframework.data.mongodb.core.query.Criteria;

/**
 * Turns a product's rules into queries on stored profiles that together return every profile that could satisfy
 * them, each once: a necessary condition, never a sufficient one. Each condition maps to a field the profile keeps
 * beside its facts (its summary, its region and type, its certificate); a rule group whose alternatives all map
 * becomes their {@code $or}, and the groups that map are joined by {@code $and}. What the store cannot answer (a flag
 * tested for false, a threshold of zero or below, which an empty profile meets) narrows nothing.
 *
 * <p>An {@code $or} is answered by reading the whole collection, so one group whose alternatives are all on indexed
 * fields ({@link #INDEXED}) is asked for one alternative at a time instead: a query per alternative, each walking
 * that alternative's index from its threshold (or over its codes) and leaving out the profiles an earlier alternative
 * returned, so that the queries are disjoint. Profiles stored before the summary existed ({@link #unsummarised}) are
 * one more query of their own.
 */
final class Candidates {

    /** The fields a profile is indexed on for re-qualification (see {@link EnterpriseProfile}'s indexes). */
    static final Set<String> INDEXED = Set.of(Profiles.SUMMARY_CONTRACTS, Profiles.SUMMARY_AMOUNT_BOUND,
            Profiles.SUMMARY_POINTS, "regionCode", "institutionType");
    private static final Criteria CONSENTING = Criteria.where("consent.granted").is(true);

    private Candidates() {
    }

    /**
     * One query of a re-qualification: its filter, and the indexed field whose order the store reads the profiles
     * in (walking the index from the filter's bound on it), or null when no index serves it.
     */
    record Scan(Criteria filter, String walk) {
    }

    /** The queries for {@code rules}: disjoint, and together every consenting profile that could satisfy them. */
    static List<Scan> scans(List<RuleGroup> rules) {
        List<List<Criteria>> groups = new ArrayList<>();
        for (RuleGroup group : rules) {
            List<Criteria> alternatives = alternatives(group);
            if (alternatives != null) {
                groups.add(alternatives);
            }
        }
        List<Scan> scans = new ArrayList<>();
        List<Criteria> driving = groups.stream().filter(Candidates::indexed)
                .min((a, b) -> Integer.compare(a.size(), b.size())).orElse(null);
        if (driving == null) {
            List<Criteria> all = summarised();
            groups.forEach(group -> all.add(anyOf(group)));
            scans.add(new Scan(new Criteria().andOperator(all), null));
        } else {
            for (int i = 0; i < driving.size(); i++) {
                List<Criteria> all = summarised();
                all.add(driving.get(i));
                if (i > 0) {
                    all.add(new Criteria().norOperator(driving.subList(0, i)));
                }
                for (List<Criteria> group : groups) {
                    if (group != driving) {
                        all.add(anyOf(group));
                    }
                }
                scans.add(new Scan(new Criteria().andOperator(all), field(driving.get(i))));
            }
        }
        scans.add(unsummarised());
        return scans;
    }

    /**
     * The profiles stored before the summary existed (no {@code summarised} mark, so no summary to trust): every
     * consenting one is a candidate.
     */
    static Scan unsummarised() {
        return new Scan(new Criteria().andOperator(Criteria.where(Profiles.SUMMARISED).ne(true), CONSENTING), null);
    }

    private static List<Criteria> summarised() {
        List<Criteria> all = new ArrayList<>();
        all.add(CONSENTING);
        all.add(Criteria.where(Profiles.SUMMARISED).is(true));
        return all;
    }

    /** The filters of the group's alternatives, or null when one of them may hold for any profile. */
    private static List<Criteria> alternatives(RuleGroup group) {
        List<Criteria> alternatives = new ArrayList<>(group.anyOf().size());
        for (Condition condition : group.anyOf()) {
            Criteria narrowed = of(condition);
            if (narrowed == null) {
                return null; // this alternative may hold for any profile: the group keeps them all
            }
            alternatives.add(narrowed);
        }
        return alternatives;
    }

    private static Criteria anyOf(List<Criteria> alternatives) {
        return alternatives.size() == 1 ? alternatives.getFirst() : new Criteria().orOperator(alternatives);
    }

    private static boolean indexed(List<Criteria> alternatives) {
        return alternatives.stream().allMatch(alternative -> INDEXED.contains(field(alternative)));
    }

    /** The one field an alternative's filter is on. */
    private static String field(Criteria alternative) {
        return alternative.getCriteriaObject().keySet().iterator().next();
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
                    ? new Criteria().orOperator(Criteria.where(Profiles.HAS_ACHIEVEMENTS).is(true),
                            Criteria.where("achievements").exists(true)) : null;
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
