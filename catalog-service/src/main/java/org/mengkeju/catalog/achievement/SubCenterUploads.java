package org.mengkeju.catalog.achievement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.mengkeju.catalog.achievement.SyncOutcome.Outcome;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.outbox.OutboxAggregates;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Service;

/**
 * A league-city sub-center's batch upload of its listings (分中心批量同步): each item is upserted by (sub-center, its
 * own id), so a repeated batch changes nothing; a bad item is refused by its index while the good ones are stored.
 * New listings enter submitted for review, in the sub-center's region; a sub-center reaches only the listings it
 * brought, never another sub-center's, because its client id is part of every key it can name.
 */
@Service
public class SubCenterUploads {

    /** Items written per round trip: one query for the existing ones, one bulk insert for the new ones. */
    static final int CHUNK = 500;
    private static final Logger log = LoggerFactory.getLogger(SubCenterUploads.class);

    private final Achievements achievements;
    private final OutboxAggregates aggregates;
    private final MongoTemplate mongo;
    private final ChangeSequence sequence;
    /** Asked whether a listing is held (on an open lot, say) before an upload withdraws it. */
    private final AchievementCatalog catalog;
    private final Clock clock;

    SubCenterUploads(Achievements achievements, OutboxAggregates aggregates, MongoTemplate mongo,
            ChangeSequence sequence, AchievementCatalog catalog, Clock clock) {
        this.achievements = achievements;
        this.catalog = catalog;
        this.aggregates = aggregates;
        this.mongo = mongo;
        this.sequence = sequence;
        this.clock = clock;
    }

    /** Only a sub-center uploads, and only for its own region, which its verified identity names. */
    public void checkMayUpload(CallerIdentity caller) {
        if (!caller.is(Role.SUB_CENTER)) {
            throw ApiProblem.forbidden("only a league-city sub-center uploads listings in batches; "
                    + caller.clientId() + " is a " + caller.role());
        }
        if (caller.regionCode() == null) {
            throw ApiProblem.forbidden("sub-center " + caller.clientId() + " has no region to list for");
        }
    }

    /** Applies the items in order of their index; returns one outcome per item. */
    public List<SyncOutcome> upload(CallerIdentity caller, List<SubCenterListing> items) {
        checkMayUpload(caller);
        List<SyncOutcome> outcomes = new ArrayList<>(items.size());
        for (int from = 0; from < items.size(); from += CHUNK) {
            outcomes.addAll(chunk(caller, items.subList(from, Math.min(items.size(), from + CHUNK))));
        }
        long refused = outcomes.stream().filter(o -> !o.outcome().accepted()).count();
        log.info("upload of {}: {} items, {} refused", caller.clientId(), outcomes.size(), refused);
        return outcomes;
    }

    private List<SyncOutcome> chunk(CallerIdentity caller, List<SubCenterListing> items) {
        Instant now = clock.instant();
        Map<String, Achievement> existing = achievements.findBySyncKeyIn(items.stream()
                        .map(item -> Achievement.syncKey(caller.clientId(), item.externalId())).toList())
                .stream().collect(Collectors.toMap(Achievement::syncKey, Function.identity()));
        List<SyncOutcome> outcomes = new ArrayList<>(items.size());
        List<Achievement> created = new ArrayList<>();
        List<SubCenterListing> createdFrom = new ArrayList<>();
        java.util.Set<String> inThisChunk = new java.util.HashSet<>();
        for (SubCenterListing item : items) {
            if (!inThisChunk.add(item.externalId())) {
                outcomes.add(SyncOutcome.refused(item.index(), item.externalId(), null,
                        "externalId " + item.externalId() + " appears twice in the batch"));
                continue;
            }
            Achievement known = existing.get(Achievement.syncKey(caller.clientId(), item.externalId()));
            if (known == null) {
                if (item.withdrawn()) {
                    outcomes.add(SyncOutcome.refused(item.index(), item.externalId(), null,
                            "there is no listing " + item.externalId() + " of " + caller.clientId() + " to withdraw"));
                } else {
                    created.add(Achievement.synced(AchievementId.next(), item.details(), item.ownerInstitutionId(),
                            caller, item.externalId(), now));
                    createdFrom.add(item);
                    outcomes.add(null); // filled in after the bulk insert
                }
            } else {
                outcomes.add(update(caller, known, item, now));
            }
        }
        List<SyncOutcome> inserted = insert(created, createdFrom);
        int next = 0;
        for (int i = 0; i < outcomes.size(); i++) {
            if (outcomes.get(i) == null) {
                outcomes.set(i, inserted.get(next++));
            }
        }
        return outcomes;
    }

    /** New listings in one bulk insert, numbered together in the change feed; one at a time if the bulk fails. */
    private List<SyncOutcome> insert(List<Achievement> created, List<SubCenterListing> from) {
        if (created.isEmpty()) {
            return List.of();
        }
        ChangeSequence.Allocation numbers = sequence.allocate(created.size());
        try {
            for (int i = 0; i < created.size(); i++) {
                created.get(i).stampChange(numbers.first() + i);
            }
            try {
                mongo.insert(created, Achievement.class);
                List<SyncOutcome> outcomes = new ArrayList<>(created.size());
                for (int i = 0; i < created.size(); i++) {
                    outcomes.add(outcome(from.get(i), Outcome.CREATED, created.get(i)));
                }
                return outcomes;
            } catch (DuplicateKeyException race) {
                // Another upload of the same sub-center stored some of these meanwhile: take them one by one.
                List<SyncOutcome> outcomes = new ArrayList<>();
                for (int i = 0; i < created.size(); i++) {
                    outcomes.add(insertOne(created.get(i), from.get(i)));
                }
                return outcomes;
            }
        } finally {
            sequence.release(numbers);
        }
    }

    private SyncOutcome insertOne(Achievement achievement, SubCenterListing item) {
        if (achievements.existsById(achievement.id())) {
            return outcome(item, Outcome.CREATED, achievement);
        }
        try {
            achievements.insert(achievement);
            return outcome(item, Outcome.CREATED, achievement);
        } catch (DuplicateKeyException concurrent) {
            return SyncOutcome.refused(item.index(), item.externalId(), null,
                    "another upload stored " + item.externalId() + " at the same moment; send it again");
        }
    }

    private SyncOutcome update(CallerIdentity caller, Achievement known, SubCenterListing item, Instant now) {
        if (item.withdrawn()) {
            if (known.status() == AchievementStatus.WITHDRAWN) {
                return outcome(item, Outcome.UNCHANGED, known);
            }
            if (!LifecycleAction.WITHDRAW.allowedFrom(known.status())) {
                return SyncOutcome.refused(item.index(), item.externalId(), known.id(),
                        "a listing that is " + known.status() + " cannot be withdrawn");
            }
            Optional<String> held = catalog.heldBy(known.id());
            if (held.isPresent()) {
                return SyncOutcome.refused(item.index(), item.externalId(), known.id(), held.get());
            }
            return save(item, known, a -> a.take(LifecycleAction.WITHDRAW, caller.clientId(),
                    "withdrawn by " + caller.clientId() + "'s upload", now), Outcome.WITHDRAWN);
        }
        if (!known.ownerInstitutionId().equals(item.ownerInstitutionId())) {
            return SyncOutcome.refused(item.index(), item.externalId(), known.id(), "the owner of a listing does not "
                    + "change (it is " + known.ownerInstitutionId() + "); withdraw it and list it anew");
        }
        if (item.details().changedFrom(known.details()).isEmpty()) {
            return outcome(item, Outcome.UNCHANGED, known);
        }
        if (!known.status().isRevisable()) {
            return SyncOutcome.refused(item.index(), item.externalId(), known.id(), "a listing that is "
                    + known.status() + " cannot change now" + (known.status() == AchievementStatus.SUBMITTED
                    || known.status() == AchievementStatus.UNDER_REVIEW ? "; send it again after the review" : ""));
        }
        boolean returned = known.status() == AchievementStatus.RETURNED;
        return save(item, known, a -> {
            a.revise(item.details(), caller.clientId(), now);
            if (returned) {
                a.take(LifecycleAction.SUBMIT, caller.clientId(), "resubmitted by " + caller.clientId(), now);
            }
            return true;
        }, returned ? Outcome.RESUBMITTED : Outcome.UPDATED);
    }

    private SyncOutcome save(SubCenterListing item, Achievement known, Function<Achievement, Boolean> change,
            Outcome outcome) {
        try {
            change.apply(known);
            Achievement saved = sequence.numbered(known, aggregates::save);
            return outcome(item, outcome, saved);
        } catch (OptimisticLockingFailureException concurrent) {
            return SyncOutcome.refused(item.index(), item.externalId(), known.id(),
                    "the listing was changed at the same moment; send the item again");
        }
    }

    private static SyncOutcome outcome(SubCenterListing item, Outcome outcome, Achievement achievement) {
        return new SyncOutcome(item.index(), item.externalId(), outcome, achievement.id(), null);
    }
}
