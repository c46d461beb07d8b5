package org.mengkeju.matching.match;

import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.matching.demand.Demand;
import org.mengkeju.matching.demand.DemandBoard;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.matching.market.Maturity;
import org.mengkeju.matching.market.Terms;
import org.mengkeju.matching.market.TransferMode;
import org.mengkeju.matching.match.Profiles.Offered;
import org.mengkeju.matching.match.Profiles.Wanted;
import org.mengkeju.matching.search.SearchIndex;
import org.mengkeju.matching.search.SearchIndex.Candidate;
import org.mengkeju.matching.search.Searchable;
import org.mengkeju.matching.supply.OfferedAchievement;
import org.mengkeju.matching.supply.OfferedAchievements;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.stereotype.Service;

/**
 * Supply meets demand (供需对接): for a demand, the public achievements that fit it; for an achievement, the open
 * demands it could solve; each with its reasons ({@link MatchScorer}). Who may ask is decided here.
 */
@Service
public class Matchmaker {

    public static final int MAX_RESULTS = 50;
    /**
     * How many candidates the search index hands matching to score for a demand: those of its chain or sharing its
     * words, best by text first. Every achievement that could be a match has the chain or a word, so this only cuts
     * the long tail of weak ones.
     */
    static final int CANDIDATES = 1_000;

    private final DemandBoard board;
    private final OfferedAchievements index;
    private final SearchIndex search;

    Matchmaker(DemandBoard board, OfferedAchievements index, SearchIndex search) {
        this.board = board;
        this.index = index;
        this.search = search;
    }

    /** An achievement in a demand's ranking. */
    public record RankedAchievement(OfferedAchievement achievement, Match match) {
    }

    /** A demand in an achievement's ranking. */
    public record RankedDemand(Demand demand, Match match) {
    }

    /** The public achievements that fit a demand the caller may see, best first. */
    public List<RankedAchievement> achievementsFor(CallerIdentity caller, String demandId, int limit) {
        refuseUnlessMayMatch(caller);
        Demand demand = board.get(caller, demandId);
        Wanted wanted = wanted(demand);
        List<Candidate> candidates = search.candidates(Searchable.Kind.ACHIEVEMENT,
                wanted.chain() == null ? null : wanted.chain().name(), searchWords(demand), CANDIDATES);
        Map<String, Double> text = textRelevance(candidates);
        Map<String, OfferedAchievement> byId = index.offeredAmong(candidates.stream().map(Candidate::id).toList())
                .stream().collect(Collectors.toMap(OfferedAchievement::id, Function.identity()));
        List<Match> matches = byId.values().stream()
                .map(a -> MatchScorer.achievementFor(wanted, offered(a), text.getOrDefault(a.id(), 0.0)))
                .flatMap(Optional::stream).toList();
        return MatchScorer.top(matches, limit).stream()
                .map(m -> new RankedAchievement(byId.get(m.candidateId()), m)).toList();
    }

    /** Each candidate's text score against the best one's: 1 for the closest text, 0 when only the chain brought it. */
    public static Map<String, Double> textRelevance(List<Candidate> candidates) {
        double best = candidates.stream().mapToDouble(Candidate::textScore).max().orElse(0);
        return candidates.stream().collect(Collectors.toMap(Candidate::id,
                c -> best > 0 ? c.textScore() / best : 0.0, (a, b) -> a));
    }

    /**
     * The open demands a public achievement could solve, best first; those sent back for re-diagnosis wait. As for a
     * demand, the search index hands over the candidates (demands of its chain or sharing its words, up to
     * {@link #CANDIDATES}, with how close each one's text comes), so a request never reads every open demand; the
     * store then says which of them still seek solutions.
     */
    public List<RankedDemand> demandsFor(CallerIdentity caller, String achievementId, int limit) {
        refuseUnlessMayMatch(caller);
        OfferedAchievement achievement = index.offered(achievementId)
                .orElseThrow(() -> ApiProblem.notFound("public achievement", achievementId));
        Offered offered = offered(achievement);
        List<Candidate> candidates = search.candidates(Searchable.Kind.DEMAND,
                offered.chain() == null ? null : offered.chain().name(), searchWords(achievement), CANDIDATES);
        Map<String, Double> text = textRelevance(candidates);
        Map<String, Demand> byId = board.seekingSolutionsAmong(candidates.stream().map(Candidate::id).toList())
                .stream().collect(Collectors.toMap(Demand::id, Function.identity()));
        List<Match> matches = byId.values().stream()
                .map(d -> MatchScorer.demandFor(offered, wanted(d), text.getOrDefault(d.id(), 0.0)))
                .flatMap(Optional::stream).toList();
        return MatchScorer.top(matches, limit).stream().map(m -> new RankedDemand(byId.get(m.candidateId()), m))
                .toList();
    }

    /** A public achievement as the index holds it. */
    public OfferedAchievement achievement(CallerIdentity caller, String achievementId) {
        return index.offered(achievementId)
                .orElseThrow(() -> ApiProblem.notFound("public achievement", achievementId));
    }

    /**
     * Enterprises, universities, sub-centers, brokers and operators look for counterparts; a finance institution's
     * leads come from its own service, not from browsing the market's matches.
     */
    static boolean mayMatch(CallerIdentity caller) {
        return !caller.is(Role.FINANCE_INSTITUTION);
    }

    private static void refuseUnlessMayMatch(CallerIdentity caller) {
        if (!mayMatch(caller)) {
            throw ApiProblem.forbidden("a " + caller.role() + " client does not ask for matches; enterprises, "
                    + "transfer offices, sub-centers, brokers and operators do");
        }
    }

    /**
     * A demand as matching sees it. Its words keep their order (title first): the search index takes only the first
     * few dozen of a long problem, so they must be the title's and the problem's first, not any.
     */
    public static Wanted wanted(Demand demand) {
        return new Wanted(demand.id(), demand.industryChain(),
                Collections.unmodifiableSet(new LinkedHashSet<>(demand.terms())), demand.region().value(),
                demand.budget(), demand.transferModes(), demand.wantedMaturity());
    }

    /** What the search index looks for on a demand's behalf: the words of its title, problem and field. */
    public static Set<String> searchWords(Demand demand) {
        return Terms.searchWords(demand.title(), demand.problem(), demand.field());
    }

    /** What the search index looks for on an achievement's behalf: the words of its title, summary and keywords. */
    public static Set<String> searchWords(OfferedAchievement achievement) {
        return Terms.searchWords(achievement.title(), achievement.summary(), String.join(" ", achievement.terms()));
    }

    /** An achievement of the index as matching sees it. */
    public static Offered offered(OfferedAchievement achievement) {
        return new Offered(achievement.id(), IndustryChain.byNameOrNull(achievement.industryChain()),
                Set.copyOf(achievement.terms()), achievement.regionCode(), achievement.askingPriceYuan(),
                modes(achievement.transferModes()), Maturity.byNameOrNull(achievement.maturity()));
    }

    /** An achievement as the catalog's event describes it, before (or without) the index. */
    public static Offered offered(AchievementChanged changed) {
        return new Offered(changed.achievementId(), IndustryChain.byNameOrNull(changed.industryChain()),
                org.mengkeju.matching.supply.OfferedAchievements.termsOf(changed), changed.regionCode(),
                org.mengkeju.matching.supply.OfferedAchievements.lowestPriceOf(changed), modes(changed.transferModes()),
                Maturity.byNameOrNull(changed.maturity()));
    }

    private static Set<TransferMode> modes(List<String> names) {
        return names.stream().map(TransferMode::byNameOrNull).filter(Objects::nonNull)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(TransferMode.class)));
    }
}
