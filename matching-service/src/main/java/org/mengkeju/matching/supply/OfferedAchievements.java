package org.mengkeju.matching.supply;

import java.util.List;
import java.util.Optional;

import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.matching.market.Terms;
import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;

/**
 * The local index of the catalog's public achievements, kept from its events and read by matching. Keeping it is
 * idempotent by the catalog's version: a copy is replaced only by a strictly newer one, in one conditional write, so a
 * redelivered, replayed or late event changes nothing.
 */
@Service
public class OfferedAchievements {

    private static final Logger log = LoggerFactory.getLogger(OfferedAchievements.class);

    private final MongoTemplate mongo;
    private final ApplicationEventPublisher changes;

    OfferedAchievements(MongoTemplate mongo, ApplicationEventPublisher changes) {
        this.mongo = mongo;
        this.changes = changes;
    }

    /**
     * Takes in a step of an achievement's life. The write matches the stored copy only while its version is older;
     * when there is none it inserts one. A copy as new or newer makes the insert collide on the id: a stale event.
     */
    /** The words matching compares: title, summary, the owner's technical field and keywords. */
    public static java.util.Set<String> termsOf(AchievementChanged changed) {
        return Terms.of(changed.title(), changed.summary(), changed.technologyField(),
                changed.keywords() == null ? null : String.join(" ", changed.keywords()));
    }

    /**
     * The least the owner asks, which a buyer's budget is held against: the fixed price, or the lower end of a
     * range; null when negotiable (面议).
     */
    public static java.math.BigDecimal lowestPriceOf(AchievementChanged changed) {
        return changed.askingPriceYuan() != null ? changed.askingPriceYuan() : changed.priceMinYuan();
    }

    public Outcome apply(AchievementChanged changed) {
        boolean offered = OfferedAchievement.isPublic(changed.toStatus());
        Query olderCopy = Query.query(Criteria.where("_id").is(changed.achievementId())
                .and("catalogVersion").lt(changed.version()));
        Update copy = new Update()
                .set("title", changed.title())
                .set("summary", changed.summary())
                .set("ownerInstitutionId", changed.ownerInstitutionId())
                .set("industryChain", changed.industryChain())
                .set("maturity", changed.maturity())
                .set("transferModes", changed.transferModes())
                .set("askingPriceYuan", lowestPriceOf(changed))
                .set("regionCode", changed.regionCode())
                .set("status", changed.toStatus())
                .set("offered", offered)
                .set("catalogVersion", changed.version())
                .set("terms", List.copyOf(termsOf(changed)))
                .set("changedAt", changed.changedAt());
        OfferedAchievement written;
        try {
            written = mongo.findAndModify(olderCopy, copy, FindAndModifyOptions.options().upsert(true).returnNew(true),
                    OfferedAchievement.class);
        } catch (DuplicateKeyException asNewOrNewer) {
            log.debug("achievement {} version {} is not newer than the copy held; dropped", changed.achievementId(),
                    changed.version());
            return Outcome.DUPLICATE;
        }
        log.info("achievement {} {} in the index at version {}", changed.achievementId(),
                offered ? "offered" : "withdrawn from matching", changed.version());
        changes.publishEvent(new OfferedAchievementChanged(changed.achievementId(), written));
        return Outcome.APPLIED;
    }

    /** A public achievement by its catalog id; empty when unknown or no longer public. */
    public Optional<OfferedAchievement> offered(String achievementId) {
        return Optional.ofNullable(mongo.findById(achievementId, OfferedAchievement.class)).filter(OfferedAchievement::offered);
    }

    /** The copy held, public or not. */
    public Optional<OfferedAchievement> held(String achievementId) {
        return Optional.ofNullable(mongo.findById(achievementId, OfferedAchievement.class));
    }

    /** Every copy held, tombstones included, in id order after {@code after}; for rebuilding what follows it. */
    public List<OfferedAchievement> heldAfter(String after, int limit) {
        return mongo.find(Query.query(Criteria.where("_id").gt(after)).with(
                org.springframework.data.domain.Sort.by("_id")).limit(limit), OfferedAchievement.class);
    }

    /** The public achievements among {@code ids}. */
    public List<OfferedAchievement> offeredAmong(java.util.Collection<String> ids) {
        return mongo.find(Query.query(Criteria.where("_id").in(ids).and("offered").is(true)),
                OfferedAchievement.class);
    }
}
