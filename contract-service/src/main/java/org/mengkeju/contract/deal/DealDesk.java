package org.mengkeju.contract.deal;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.mengkeju.contract.registration.FinalDeals;
import org.mengkeju.contract.registration.RegistrationPolicy;
import org.mengkeju.events.catalog.DealFinalised;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The deals the catalog's market made final, for the parties to turn into a contract: who may read which deal, and
 * recording each deal once however often it is delivered.
 */
@Service
public class DealDesk implements FinalDeals {

    public static final int MAX_PAGE = 200;

    private final TradedDeals deals;
    private final MongoTemplate mongo;
    private final RegistrationPolicy policy;
    private final Clock clock;

    DealDesk(TradedDeals deals, MongoTemplate mongo, RegistrationPolicy policy, Clock clock) {
        this.deals = deals;
        this.mongo = mongo;
        this.policy = policy;
        this.clock = clock;
    }

    /** Records a final deal; a redelivery (same lot) changes nothing. */
    Outcome record(DealFinalised deal) {
        if (deals.existsById(deal.lotId())) {
            return Outcome.SKIPPED;
        }
        TradedDeal.Party seller = party(deal.seller());
        try {
            deals.insert(new TradedDeal(deal.lotId(), deal.achievementId(), deal.achievementTitle(),
                    deal.transferMode(), deal.saleMode(), deal.priceYuan(), deal.startingPriceYuan(), seller,
                    party(deal.buyer()), TradedDeal.leagueCityOf(seller), deal.sessionId(), deal.finalisedAt(),
                    clock.instant()));
            return Outcome.APPLIED;
        } catch (DuplicateKeyException raced) {
            return Outcome.SKIPPED;
        }
    }

    private static TradedDeal.Party party(DealFinalised.Party party) {
        return new TradedDeal.Party(party.institutionId(), party.name(), party.creditCode(), party.regionCode(),
                party.publicResearchBody());
    }

    /**
     * A party's deals (partners), the deals a registration institution will register (sellers of its league-city),
     * or all (the platform's own operators); in id order, which is the order the lots were opened in.
     */
    public List<TradedDeal> list(CallerIdentity caller, String after, int limit) {
        Criteria scope = switch (caller.role()) {
            case PARTNER -> new Criteria().orOperator(Criteria.where("seller.institutionId").is(caller.institutionId()),
                    Criteria.where("buyer.institutionId").is(caller.institutionId()));
            case OPERATOR -> policy.operatorRegion(caller.institutionId())
                    .map(region -> Criteria.where("registrationRegionCode").is(region)).orElseGet(Criteria::new);
            case SUB_CENTER, FINANCE_INSTITUTION, BROKER -> throw ApiProblem.forbidden("a " + caller.role()
                    + " client does not read deals; their parties and the registration institutions do");
        };
        Query query = new Query(after == null ? scope : new Criteria().andOperator(scope,
                Criteria.where("_id").gt(after))).with(Sort.by("_id")).limit(limit);
        return mongo.find(query, TradedDeal.class);
    }

    /** One deal, to its parties, the registration institutions of the seller's league-city and the operators. */
    public TradedDeal get(CallerIdentity caller, String dealId) {
        return deals.findById(dealId).filter(deal -> maySee(caller, deal))
                .orElseThrow(() -> ApiProblem.notFound("deal", dealId));
    }

    @Override
    public Optional<Fixed> find(CallerIdentity caller, String dealId) {
        return deals.findById(dealId).filter(deal -> maySee(caller, deal)).map(deal -> new Fixed(deal.id(),
                deal.seller().institutionId(), deal.buyer().institutionId(), deal.achievementId(), deal.priceYuan()));
    }

    boolean maySee(CallerIdentity caller, TradedDeal deal) {
        return switch (caller.role()) {
            case PARTNER -> deal.hasParty(caller.institutionId());
            case OPERATOR -> policy.operatorRegion(caller.institutionId())
                    .map(region -> region.equals(deal.registrationRegionCode())).orElse(true);
            case SUB_CENTER, FINANCE_INSTITUTION, BROKER -> false;
        };
    }
}
