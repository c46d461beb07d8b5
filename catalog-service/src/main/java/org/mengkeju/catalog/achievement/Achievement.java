package org.mengkeju.catalog.achievement;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.outbox.OutboxAggregate;
import org.mengkeju.platform.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A research result offered for transfer (科技成果): a patent family, a process, a new variety, a device.
 *
 * <p>The aggregate holds its state and records the events its transitions cause; the platform writes both in one
 * document update, and the outbox relay publishes the events from there.
 */
@Document("achievements")
@CompoundIndex(name = "creation_idempotency", def = "{'createdBy': 1, 'idempotencyKey': 1}", unique = true)
public class Achievement extends OutboxAggregate {

    @Id
    private final String id;
    private final String ownerInstitutionId;
    /** The league-city (盟市) the listing came from. */
    private final String regionCode;
    /** The sub-center client (盟市分中心) that listed it; null when listed directly. */
    private final String subCenter;
    /** {@code <sub-center>/<its own id>} for a listing a sub-center synced; unique, absent otherwise. */
    @Indexed(unique = true, sparse = true)
    private final String syncKey;
    /** What the owner says about the result; replaced as a whole by a revision. */
    private AchievementDetails details;
    private final String createdBy;
    private final String idempotencyKey;
    private final String requestFingerprint;
    private final Instant createdAt;
    private AchievementStatus status;
    private Instant publishedAt;
    /** Every lifecycle step taken, oldest first: who did what and when (审核记录). */
    private final List<LifecycleStep> history;
    /** Every revision of the content, oldest first, with the content as it was before (修改记录). */
    private final List<Revision> revisions;
    private Instant changedAt;
    /** The price in fen for filtering and sorting: the lowest and highest the owner asks; null when negotiable. */
    private Long priceFloorFen;
    private Long priceCeilingFen;
    /**
     * Position of the listing's latest change in the catalog's change feed (see {@code ChangeSequence}); indexed, so a
     * sub-center's pull walks the feed from its cursor instead of reading and sorting the whole catalog per page.
     */
    @Indexed(name = "change_feed", sparse = true)
    private Long changeSeq;
    @Version
    private Long version;

    @PersistenceCreator
    Achievement(String id, String ownerInstitutionId, String regionCode, String subCenter, String syncKey,
            AchievementDetails details, String createdBy, String idempotencyKey, String requestFingerprint,
            Instant createdAt, AchievementStatus status, Instant publishedAt, List<LifecycleStep> history,
            List<Revision> revisions, Instant changedAt, Long version) {
        this.id = id;
        this.ownerInstitutionId = ownerInstitutionId;
        this.regionCode = regionCode;
        this.subCenter = subCenter;
        this.syncKey = syncKey;
        this.details = details;
        this.createdBy = createdBy;
        this.idempotencyKey = idempotencyKey;
        this.requestFingerprint = requestFingerprint;
        this.createdAt = createdAt;
        this.status = status;
        this.publishedAt = publishedAt;
        this.history = history == null ? new ArrayList<>() : new ArrayList<>(history);
        this.revisions = revisions == null ? new ArrayList<>() : new ArrayList<>(revisions);
        this.changedAt = changedAt == null ? createdAt : changedAt;
        this.version = version;
        indexPrice();
    }

    private void indexPrice() {
        Price price = details == null ? null : details.price();
        boolean priced = price != null && price.kind() != Price.Kind.NEGOTIABLE;
        priceFloorFen = priced ? fen(price.lowestYuan()) : null;
        priceCeilingFen = priced ? fen(price.kind() == Price.Kind.FIXED ? price.amountYuan() : price.maxYuan()) : null;
    }

    private static long fen(java.math.BigDecimal yuan) {
        return yuan.movePointRight(2).longValueExact();
    }

    /** Places this change in the change feed; called once per write, before it. */
    void stampChange(long sequence) {
        changeSeq = sequence;
    }

    /**
     * A new draft listing entered by {@code creator} for the institution that owns the result.
     *
     * @param subCenter the sub-center the listing came from, when a sub-center entered it; else null
     */
    static Achievement draft(AchievementId id, AchievementDetails details, String ownerInstitutionId,
            CallerIdentity creator, String subCenter, String idempotencyKey, String requestFingerprint, Instant now) {
        return new Achievement(id.value(), ownerInstitutionId, creator.regionCode(), subCenter, null, details,
                creator.clientId(), idempotencyKey, requestFingerprint, now, AchievementStatus.DRAFT, null, List.of(),
                List.of(), now, null);
    }

    /**
     * A listing a sub-center brought from its own system, known there as {@code externalId}: it enters the platform
     * submitted for review, as the sub-center's upload is its submission.
     */
    static Achievement synced(AchievementId id, AchievementDetails details, String ownerInstitutionId,
            CallerIdentity subCenter, String externalId, Instant now) {
        Achievement achievement = new Achievement(id.value(), ownerInstitutionId, subCenter.regionCode(),
                subCenter.clientId(), syncKey(subCenter.clientId(), externalId), details, subCenter.clientId(),
                "sync:" + externalId, "sync", now, AchievementStatus.DRAFT, null, List.of(), List.of(), now, null);
        achievement.take(LifecycleAction.SUBMIT, subCenter.clientId(), null, now);
        return achievement;
    }

    /** The unique key of a sub-center's listing: the sub-center and its own id for it. */
    static String syncKey(String subCenter, String externalId) {
        return subCenter + "/" + externalId;
    }

    /**
     * Replaces the content, keeping the content as it was in the listing's revisions, and records
     * {@link AchievementChanged} with the fields that changed. Content the listing already has changes nothing.
     * A listing under review or closed cannot be revised: the reviewer must judge what was submitted, and a
     * transacted, rejected or withdrawn listing is a record.
     *
     * @return whether this call changed the listing
     * @throws RevisionRefused when the status does not allow revising
     */
    boolean revise(AchievementDetails revised, String actor, Instant now) {
        if (!status.isRevisable()) {
            throw new RevisionRefused(status);
        }
        List<String> changed = revised.changedFrom(details);
        if (changed.isEmpty()) {
            return false;
        }
        revisions.add(new Revision(version == null ? 0 : version + 1, actor, now, changed, details));
        details = revised;
        indexPrice();
        changedAt = now;
        recordChange("REVISE", status, actor, null, changed, now);
        return true;
    }

    /** A revision the listing's status does not allow. */
    public static final class RevisionRefused extends IllegalStateException {
        RevisionRefused(AchievementStatus status) {
            super("a listing that is " + status + " cannot be revised; revisable are "
                    + java.util.Arrays.stream(AchievementStatus.values()).filter(AchievementStatus::isRevisable)
                            .toList());
        }
    }

    /**
     * Takes one lifecycle step as {@code actor} and records {@link AchievementChanged} (and
     * {@link AchievementPublished} when it is the publication). A step whose target is the current status changes
     * nothing, so a retried request is harmless. Who may take the step is the application service's decision; whether
     * the listing may take it from where it is, and with what note, is decided here by {@link LifecycleAction}.
     *
     * @return whether this call changed the listing
     * @throws LifecycleViolation when the step is not allowed from the current status
     * @throws IllegalArgumentException when the step needs a note and none was given
     */
    boolean take(LifecycleAction action, String actor, String note, Instant now) {
        if (status == action.to()) {
            return false;
        }
        if (!action.allowedFrom(status)) {
            throw new LifecycleViolation(action, status);
        }
        String cleanNote = note == null || note.isBlank() ? null : note.strip();
        if (action.noteRequired() && cleanNote == null) {
            throw new IllegalArgumentException(action + " needs a note saying why");
        }
        AchievementStatus from = status;
        status = action.to();
        changedAt = now;
        history.add(new LifecycleStep(action, from, status, actor, cleanNote, now));
        if (action == LifecycleAction.PUBLISH && publishedAt == null) {
            publishedAt = now;
            record(AchievementPublished.CONTRACT, id, new AchievementPublished(id, details.title(),
                    ownerInstitutionId, details.industryChain().name(), details.maturity().name(), now), now);
        }
        recordChange(action.name(), from, actor, cleanNote, List.of(), now);
        return true;
    }

    private void recordChange(String action, AchievementStatus from, String actor, String note,
            List<String> changedFields, Instant now) {
        Price price = details.price();
        record(AchievementChanged.CONTRACT, id, new AchievementChanged(id, action, from.name(), status.name(), actor,
                note, changedFields, details.title(), details.summary(), details.technologyField(),
                details.keywords(), ownerInstitutionId, details.industryChain().name(), details.maturity().name(),
                details.technologyReadinessLevel(),
                details.transferModes().stream().map(Enum::name).sorted().toList(), price.amountYuan(),
                price.minYuan(), price.maxYuan(), regionCode, subCenter, version == null ? 0 : version + 1, now,
                details.ipItems().stream().map(ip -> new AchievementChanged.IpItem(ip.number(), ip.type().name(),
                        ip.legalStatus().name())).toList()),
                now);
    }

    /** A step that the listing's status does not allow. */
    public static final class LifecycleViolation extends IllegalStateException {
        private final LifecycleAction action;
        private final AchievementStatus status;

        LifecycleViolation(LifecycleAction action, AchievementStatus status) {
            super(action + " is not allowed for a listing that is " + status + "; it is allowed from "
                    + action.from());
            this.action = action;
            this.status = status;
        }

        public LifecycleAction action() {
            return action;
        }

        public AchievementStatus status() {
            return status;
        }
    }

    boolean wasCreatedFrom(String fingerprint) {
        return requestFingerprint.equals(fingerprint);
    }

    public String id() {
        return id;
    }

    public AchievementDetails details() {
        return details;
    }

    public String title() {
        return details.title();
    }

    public IndustryChain industryChain() {
        return details.industryChain();
    }

    public Maturity maturity() {
        return details.maturity();
    }

    public String ownerInstitutionId() {
        return ownerInstitutionId;
    }

    public String subCenter() {
        return subCenter;
    }

    public String syncKey() {
        return syncKey;
    }

    public String regionCode() {
        return regionCode;
    }

    public AchievementStatus status() {
        return status;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant publishedAt() {
        return publishedAt;
    }

    public List<LifecycleStep> history() {
        return List.copyOf(history);
    }

    public List<Revision> revisions() {
        return List.copyOf(revisions);
    }

    public Instant changedAt() {
        return changedAt;
    }

    public Long priceFloorFen() {
        return priceFloorFen;
    }

    public Long changeSeq() {
        return changeSeq;
    }

    public Long version() {
        return version;
    }

    @Override
    protected List<PendingEvent> pendingEvents() {
        return super.pendingEvents();
    }
}
