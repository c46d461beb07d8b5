package org.mengkeju.matching.match;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.mengkeju.matching.market.RegionCode;
import org.mengkeju.matching.market.TransferMode;
import org.mengkeju.matching.match.MatchReason.Kind;
import org.mengkeju.matching.match.Profiles.Offered;
import org.mengkeju.matching.match.Profiles.Wanted;

/**
 * Explained matching: why an achievement fits a demand, reason by reason, and a score that is their sum. Pure and
 * deterministic: the same two profiles always give the same reasons, and a ranking breaks ties by id.
 *
 * <p>A candidate must share the chain or at least one telling word with the demand; region, price, maturity and
 * mode then order the candidates but never make one on their own (a result of another chain that happens to be in
 * the same city is not a match).
 */
public final class MatchScorer {

    /** How many shared words a reason names. */
    static final int TERMS_SHOWN = 5;
    private static final Comparator<Match> RANKING = Comparator.comparingInt(Match::score).reversed()
            .thenComparing(Match::candidateId);

    private MatchScorer() {
    }

    /**
     * The achievement {@code offered} as a candidate for the demand {@code wanted}, if it fits at all, without a
     * measure of its text against the other candidates' (a single pair, as when a proposal is made by hand).
     */
    public static Optional<Match> achievementFor(Wanted wanted, Offered offered) {
        return reasons(wanted, offered).map(reasons -> match(offered.id(), reasons));
    }

    /**
     * The achievement {@code offered} as a candidate for the demand {@code wanted}, if it fits at all.
     *
     * @param textRelevance how close its text comes to the demand's, 1 for the closest of the candidates, 0 for none
     */
    public static Optional<Match> achievementFor(Wanted wanted, Offered offered, double textRelevance) {
        return reasons(wanted, offered).map(reasons -> withText(offered.id(), reasons, textRelevance, "需求"));
    }

    /**
     * The demand {@code wanted} as a candidate for the achievement {@code offered}, if it fits at all, with how close
     * the demand's text comes to the achievement's against the other candidate demands' (as for a demand's ranking).
     */
    public static Optional<Match> demandFor(Offered offered, Wanted wanted, double textRelevance) {
        return reasons(wanted, offered).map(reasons -> withText(wanted.id(), reasons, textRelevance, "成果"));
    }

    /** {@code reasons} with the text's own and the terms weighed by it; {@code other} names what it is compared to. */
    private static Match withText(String candidateId, List<MatchReason> reasons, double textRelevance, String other) {
        double relevance = Math.min(1, Math.max(0, textRelevance));
        List<MatchReason> weighed = new ArrayList<>(reasons.stream().map(r -> weighed(r, relevance)).toList());
        text(relevance, other).ifPresent(weighed::add);
        weighed.sort(Comparator.comparing(MatchReason::kind));
        return match(candidateId, weighed);
    }

    /**
     * Terms (mode, price, maturity, region) count in proportion to how well the result answers the problem: a price
     * within budget makes a good answer better, it does not make a result about something else a good answer.
     */
    private static MatchReason weighed(MatchReason reason, double relevance) {
        return switch (reason.kind()) {
            case TRANSFER_MODE, PRICE, MATURITY, REGION -> new MatchReason(reason.kind(), reason.text(),
                    (int) Math.round(reason.points() * relevance));
            default -> reason;
        };
    }

    /**
     * The demand {@code wanted} as a candidate for the achievement {@code offered}, if it fits at all, without a
     * measure of its text (a new listing proposed to the open demands by itself).
     */
    public static Optional<Match> demandFor(Offered offered, Wanted wanted) {
        return reasons(wanted, offered).map(reasons -> match(wanted.id(), reasons));
    }

    /** The best {@code limit} matches, highest score first, ties by id. */
    public static List<Match> top(List<Match> matches, int limit) {
        return matches.stream().sorted(RANKING).limit(limit).toList();
    }

    static Optional<List<MatchReason>> reasons(Wanted wanted, Offered offered) {
        List<MatchReason> reasons = new ArrayList<>();
        boolean sameChain = wanted.chain() != null && wanted.chain() == offered.chain();
        if (sameChain) {
            reasons.add(new MatchReason(Kind.SAME_CHAIN, "同属" + wanted.chain().label() + "产业链",
                    MatchWeights.SAME_CHAIN));
        }
        List<String> shared = wanted.terms().stream().filter(offered.terms()::contains).toList();
        if (!shared.isEmpty()) {
            int points = Math.min(MatchWeights.SHARED_TERMS_CAP, MatchWeights.PER_SHARED_TERM * shared.size());
            reasons.add(new MatchReason(Kind.SHARED_TERMS, "共同关键词：" + shared.stream().limit(TERMS_SHOWN)
                    .collect(Collectors.joining("、")), points));
        }
        if (!sameChain && shared.isEmpty()) {
            return Optional.empty();
        }
        EnumSet<TransferMode> modes = EnumSet.noneOf(TransferMode.class);
        modes.addAll(wanted.modes());
        modes.retainAll(offered.modes());
        if (!modes.isEmpty()) {
            reasons.add(new MatchReason(Kind.TRANSFER_MODE, modes.stream().map(TransferMode::offered)
                    .collect(Collectors.joining("、")), MatchWeights.TRANSFER_MODE));
        }
        price(wanted, offered).ifPresent(reasons::add);
        maturity(wanted, offered).ifPresent(reasons::add);
        if (wanted.regionCode() != null && wanted.regionCode().equals(offered.regionCode())) {
            String place = RegionCode.isValid(wanted.regionCode())
                    ? new RegionCode(wanted.regionCode()).label() : wanted.regionCode();
            reasons.add(new MatchReason(Kind.REGION, "同在" + place, MatchWeights.SAME_REGION));
        }
        return Optional.of(reasons);
    }

    private static Optional<MatchReason> text(double relevance, String other) {
        int points = (int) Math.round(MatchWeights.TEXT_RELEVANCE * Math.min(1, Math.max(0, relevance)));
        if (points == 0) {
            return Optional.empty();
        }
        String text = points == MatchWeights.TEXT_RELEVANCE ? "描述与" + other + "最接近"
                : "描述与" + other + "的接近程度为最接近者的" + Math.round(100 * relevance) + "%";
        return Optional.of(new MatchReason(Kind.TEXT_RELEVANCE, text, points));
    }

    private static Optional<MatchReason> price(Wanted wanted, Offered offered) {
        BigDecimal price = offered.askingPriceYuan();
        BigDecimal ceiling = wanted.budget() == null ? null : wanted.budget().maxYuan();
        if (price == null) {
            return Optional.of(new MatchReason(Kind.PRICE, "报价面议，可协商", MatchWeights.PRICE_NEGOTIABLE));
        }
        if (ceiling == null) {
            return Optional.of(new MatchReason(Kind.PRICE, "预算未定上限，报价" + yuan(price),
                    MatchWeights.PRICE_NEGOTIABLE));
        }
        if (price.compareTo(ceiling) <= 0) {
            return Optional.of(new MatchReason(Kind.PRICE, "报价在预算内（报价" + yuan(price) + "，预算上限"
                    + yuan(ceiling) + "）", MatchWeights.PRICE_WITHIN_BUDGET));
        }
        return Optional.of(new MatchReason(Kind.PRICE, "报价超出预算（报价" + yuan(price) + "，预算上限" + yuan(ceiling)
                + "）", MatchWeights.PRICE_ABOVE_BUDGET));
    }

    private static Optional<MatchReason> maturity(Wanted wanted, Offered offered) {
        if (wanted.wantedMaturity() == null || offered.maturity() == null) {
            return Optional.empty();
        }
        if (offered.maturity().satisfies(wanted.wantedMaturity())) {
            return Optional.of(new MatchReason(Kind.MATURITY, "成熟度满足要求：" + offered.maturity().label(),
                    MatchWeights.MATURITY_SATISFIED));
        }
        return Optional.of(new MatchReason(Kind.MATURITY, "成熟度不足：" + offered.maturity().label() + "，需"
                + wanted.wantedMaturity().label(), MatchWeights.MATURITY_SHORT));
    }

    /** Yuan as a person reads them: 150万元, 8500元; exact, never rounded. */
    static String yuan(BigDecimal amount) {
        if (amount.abs().compareTo(BigDecimal.valueOf(10_000)) >= 0) {
            return amount.movePointLeft(4).stripTrailingZeros().toPlainString() + "万元";
        }
        return amount.stripTrailingZeros().toPlainString() + "元";
    }

    private static Match match(String candidateId, List<MatchReason> reasons) {
        return new Match(candidateId, reasons.stream().mapToInt(MatchReason::points).sum(), reasons);
    }
}
