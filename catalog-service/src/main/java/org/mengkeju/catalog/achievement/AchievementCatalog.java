package org.mengkeju.catalog.achievement;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.outbox.OutboxAggregates;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * The use cases on achievements: list a draft, read it, take it through review and its life. Rules of the listing live on
 * {@link Achievement}; who may do what is decided here, from the caller's role and the listing's facts.
 */
@Service
public class AchievementCatalog {

    private static final Logger log = LoggerFactory.getLogger(AchievementCatalog.class);

    private final Achievements achievements;
    /** Writes a change and the events it recorded in one update; published events are never written back. */
    private final OutboxAggregates aggregates;
    private final ChangeSequence sequence;
    private final AchievementListings listings;
    private final List<ListingHold> holds;
    private final Clock clock;

    AchievementCatalog(Achievements achievements, OutboxAggregates aggregates, ChangeSequence sequence,
            AchievementListings listings, List<ListingHold> holds, Clock clock) {
        this.achievements = achievements;
        this.holds = List.copyOf(holds);
        this.listings = listings;
        this.aggregates = aggregates;
        this.sequence = sequence;
        this.clock = clock;
    }

    /** What a create call returns: the listing, and whether this call created it or repeated an earlier one. */
    public record Created(Achievement achievement, boolean replayed) {
    }

    /**
     * Creates a draft once per (caller, Idempotency-Key). The web layer replays stored first responses; this
     * unique index is the backstop when a create ran but its response was never stored (a crash in between):
     * the retry then gets the listing it created, and the same key with a different request is refused.
     */
    public Created create(CallerIdentity caller, String idempotencyKey, String requestedOwner,
            AchievementDetails details) {
        String owner = ownerFor(caller, requestedOwner);
        String fingerprint = RequestFingerprint.of(owner, details);
        String subCenter = caller.is(Role.SUB_CENTER) ? caller.clientId() : null;
        Achievement draft = Achievement.draft(AchievementId.next(), details, owner, caller, subCenter,
                idempotencyKey, fingerprint, clock.instant());
        try {
            Achievement saved = sequence.numbered(draft, achievements::insert);
            log.info("achievement {} drafted for {} by {}", saved.id(), owner, caller.clientId());
            return new Created(saved, false);
        } catch (DuplicateKeyException retry) {
            // The unique (createdBy, idempotencyKey) index decides, for a sequential retry and a concurrent one alike.
            Achievement first = achievements.findByCreatedByAndIdempotencyKey(caller.clientId(), idempotencyKey)
                    .orElseThrow(() -> retry);
            return replay(first, fingerprint, idempotencyKey);
        }
    }

    public Achievement get(CallerIdentity caller, String id) {
        return achievements.findById(id).filter(achievement -> maySee(caller, achievement))
                .orElseThrow(() -> ApiProblem.notFound("achievement", id));
    }

    /**
     * A page of the listings the caller may see that match {@code query}, after the cursor {@code after}; a query or
     * cursor that breaks a rule is one 400 {@code invalid-query}, whichever of the two it is.
     */
    public AchievementListings.Page search(CallerIdentity caller, java.util.function.Supplier<ListingQuery> query,
            String after, int limit) {
        try {
            return listings.search(scopeOf(caller), query.get(), after, limit);
        } catch (InvalidListing invalid) {
            throw ApiProblem.invalid("invalid-query", "Invalid query", invalid.getMessage());
        }
    }

    /**
     * Takes a lifecycle step on a listing; the state change, its history entry and its events are one write. A step
     * the caller may not take is a 403; a step the listing's status does not allow is a 409 naming both.
     */
    public Achievement take(CallerIdentity caller, String id, LifecycleAction action, String note) {
        Achievement achievement = get(caller, id);
        boolean allowed = switch (action.actor()) {
            case MANAGER -> mayManage(caller, achievement);
            case REVIEWER -> caller.is(Role.OPERATOR);
        };
        if (!allowed) {
            throw ApiProblem.forbidden(action.actor() == LifecycleAction.Actor.REVIEWER
                    ? "only operators review listings; " + caller.clientId() + " may not " + action + " " + id
                    : "only the owner's transfer office or an operator may " + action + " " + id);
        }
        if (action == LifecycleAction.WITHDRAW) {
            heldBy(id).ifPresent(reason -> {
                throw ApiProblem.conflict("listing-held", "Listing committed elsewhere", reason);
            });
        }
        try {
            if (achievement.take(action, caller.clientId(), note, clock.instant())) {
                achievement = sequence.numbered(achievement, aggregates::save);
                log.info("achievement {}: {} by {}, now {}", id, action, caller.clientId(), achievement.status());
            }
        } catch (Achievement.LifecycleViolation refused) {
            throw ApiProblem.conflict("transition-not-allowed", "Step not allowed", refused.getMessage());
        } catch (IllegalArgumentException missingNote) {
            throw ApiProblem.invalid("note-required", "Note required", missingNote.getMessage());
        }
        return achievement;
    }

    /** Why the listing cannot be withdrawn now (an open lot, say), or empty when nothing holds it. */
    Optional<String> heldBy(String achievementId) {
        return holds.stream().map(hold -> hold.holding(achievementId)).flatMap(Optional::stream).findFirst();
    }

    /**
     * Replaces a listing's content if the caller read the version it names ({@code If-Match}); the old content is kept
     * in the listing's revisions. A stale version is a 412 and nothing is written; two revisions racing from the same
     * version leave one, the other gets a 409 from the version check of the write.
     */
    public Achievement revise(CallerIdentity caller, String id, long expectedVersion, AchievementDetails revised) {
        Achievement achievement = get(caller, id);
        if (!mayManage(caller, achievement)) {
            throw ApiProblem.forbidden("only the owner's transfer office or an operator may revise " + id);
        }
        if (achievement.version() != expectedVersion) {
            throw new ApiProblem(HttpStatus.PRECONDITION_FAILED, "stale-version", "Stale version",
                    "achievement " + id + " is at version " + achievement.version() + ", not " + expectedVersion
                            + "; read it again, apply your change to what is there now, and send that version");
        }
        try {
            if (achievement.revise(revised, caller.clientId(), clock.instant())) {
                achievement = sequence.numbered(achievement, aggregates::save);
                log.info("achievement {} revised by {}: {}", id, caller.clientId(),
                        achievement.revisions().getLast().changedFields());
            }
        } catch (Achievement.RevisionRefused refused) {
            throw ApiProblem.conflict("revision-not-allowed", "Revision not allowed", refused.getMessage());
        }
        return achievement;
    }

    /**
     * A technology contract concerning {@code achievementId} was registered (认定登记): the listing becomes transacted.
     * Taking the step again changes nothing, so a redelivered event is harmless. A listing not on offer (a draft, a
     * withdrawn one) or unknown is left as it is: the registration stands in contract-service whatever the catalog
     * shows, and the log says so.
     *
     * @return whether the listing changed
     */
    public boolean transactedByContract(String achievementId, String registrationNumber) {
        Achievement achievement = achievements.findById(achievementId).orElse(null);
        if (achievement == null) {
            log.warn("contract {} names achievement {}, which the catalog does not know", registrationNumber,
                    achievementId);
            return false;
        }
        if (achievement.status() != AchievementStatus.TRANSACTED
                && !LifecycleAction.TRANSACT.allowedFrom(achievement.status())) {
            log.warn("contract {} was registered for achievement {}, which is {}; it stays so", registrationNumber,
                    achievementId, achievement.status());
            return false;
        }
        if (!achievement.take(LifecycleAction.TRANSACT, CONTRACT_REGISTRY, "技术合同已登记 / contract registered as "
                + registrationNumber, clock.instant())) {
            return false;
        }
        sequence.numbered(achievement, aggregates::save);
        log.info("achievement {} transacted: contract {} registered", achievementId, registrationNumber);
        return true;
    }

    /**
     * A deal on {@code achievementId} sold as lot {@code lotId} became final after its publication period (公示): the
     * listing moves to under negotiation while the parties draw up the contract. Taking the step again changes
     * nothing, so a repeated call after a crash is harmless; a listing no longer PUBLISHED (already negotiating,
     * transacted, withdrawn) is left as it is and the log says so.
     *
     * @return whether the listing changed
     */
    public boolean underNegotiationForDeal(String achievementId, String lotId) {
        Achievement achievement = achievements.findById(achievementId).orElse(null);
        if (achievement == null || !LifecycleAction.START_NEGOTIATION.allowedFrom(achievement.status())) {
            if (achievement == null || achievement.status() != AchievementStatus.UNDER_NEGOTIATION) {
                log.warn("the deal of lot {} is final, but achievement {} is {}; it stays so", lotId, achievementId,
                        achievement == null ? "unknown" : achievement.status());
            }
            return false;
        }
        if (!achievement.take(LifecycleAction.START_NEGOTIATION, TRADING_DESK, "成交公示期满 / deal of lot " + lotId
                + " final after its publication period", clock.instant())) {
            return false;
        }
        sequence.numbered(achievement, aggregates::save);
        log.info("achievement {} under negotiation: the deal of lot {} is final", achievementId, lotId);
        return true;
    }

    /** The actor of the step a final deal takes, as it appears in a listing's history. */
    static final String TRADING_DESK = "catalog-trading";

    /** The actor of the steps the registration of a contract takes, as it appears in a listing's history. */
    static final String CONTRACT_REGISTRY = "contract-service";

    /** Publishes a listing: a reviewer's approval (see {@link LifecycleAction#PUBLISH}). */
    public Achievement publish(CallerIdentity caller, String id) {
        return take(caller, id, LifecycleAction.PUBLISH, null);
    }

    private static Created replay(Achievement first, String fingerprint, String idempotencyKey) {
        if (!first.wasCreatedFrom(fingerprint)) {
            throw ApiProblem.conflict("idempotency-key-reused", "Idempotency key reused",
                    "Idempotency-Key '" + idempotencyKey + "' was already used for a different request (achievement "
                            + first.id() + "); use a new key for a new listing");
        }
        return new Created(first, true);
    }

    /** What a search finds for the caller: the same listings {@link #maySee} would show one by one. */
    static AchievementListings.Scope scopeOf(CallerIdentity caller) {
        return new AchievementListings.Scope(caller.is(Role.OPERATOR),
                caller.is(Role.PARTNER) ? caller.institutionId() : null,
                caller.is(Role.SUB_CENTER) ? caller.clientId() : null);
    }

    /**
     * The owner's transfer office and the platform's operators manage a listing; so does the sub-center that brought
     * it to the platform (it keeps its region's listings in step with its own system). Nobody else.
     */
    static boolean mayManage(CallerIdentity caller, Achievement achievement) {
        return caller.is(Role.OPERATOR)
                || (caller.is(Role.PARTNER) && achievement.ownerInstitutionId().equals(caller.institutionId()))
                || (caller.is(Role.SUB_CENTER) && caller.clientId().equals(achievement.subCenter()));
    }

    /** Public listings are seen by every identified caller; the others only by those who manage them. */
    static boolean maySee(CallerIdentity caller, Achievement achievement) {
        return achievement.status().isPubliclyVisible() || mayManage(caller, achievement);
    }

    /** A partner lists for its own institution; an operator or a sub-center names the owner. */
    private static String ownerFor(CallerIdentity caller, String requestedOwner) {
        return switch (caller.role()) {
            case PARTNER -> {
                if (caller.institutionId() == null) {
                    throw ApiProblem.forbidden("client " + caller.clientId() + " acts for no institution");
                }
                if (requestedOwner != null && !requestedOwner.equals(caller.institutionId())) {
                    throw ApiProblem.forbidden("client " + caller.clientId() + " may list only for institution "
                            + caller.institutionId() + ", not " + requestedOwner);
                }
                yield caller.institutionId();
            }
            case OPERATOR, SUB_CENTER -> {
                if (requestedOwner == null) {
                    throw ApiProblem.invalid("owner-required", "Owner required",
                            "ownerInstitutionId is required when a " + caller.role() + " lists an achievement");
                }
                yield requestedOwner;
            }
            case FINANCE_INSTITUTION, BROKER -> throw ApiProblem.forbidden(
                    "a " + caller.role() + " client cannot list achievements");
        };
    }
}
