package org.mengkeju.catalog.achievement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.events.catalog.AchievementStatusChanged;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.outbox.OutboxAggregate;
import org.mengkeju.platform.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
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
    private final String title;
    private final String summary;
    private final String ownerInstitutionId;
    private final IndustryChain industryChain;
    private final Maturity maturity;
    private final Set<TransferMode> transferModes;
    /** Asking price in yuan; null means negotiable (面议). */
    private final BigDecimal askingPriceYuan;
    private final String regionCode;
    private final String createdBy;
    private final String idempotencyKey;
    private final String requestFingerprint;
    private final Instant createdAt;
    private AchievementStatus status;
    private Instant publishedAt;
    /** Every lifecycle step taken, oldest first: who did what and when (审核记录). */
    private final List<LifecycleStep> history;
    @Version
    private Long version;

    @PersistenceCreator
    Achievement(String id, String title, String summary, String ownerInstitutionId, IndustryChain industryChain,
            Maturity maturity, Set<TransferMode> transferModes, BigDecimal askingPriceYuan, String regionCode,
            String createdBy, String idempotencyKey, String requestFingerprint, Instant createdAt,
            AchievementStatus status, Instant publishedAt, List<LifecycleStep> history, Long version) {
        this.id = id;
        this.title = title;
        this.summary = summary;
        this.ownerInstitutionId = ownerInstitutionId;
        this.industryChain = industryChain;
        this.maturity = maturity;
        this.transferModes = transferModes == null ? EnumSet.noneOf(TransferMode.class) : EnumSet.copyOf(transferModes);
        this.askingPriceYuan = askingPriceYuan;
        this.regionCode = regionCode;
        this.createdBy = createdBy;
        this.idempotencyKey = idempotencyKey;
        this.requestFingerprint = requestFingerprint;
        this.createdAt = createdAt;
        this.status = status;
        this.publishedAt = publishedAt;
        this.history = history == null ? new ArrayList<>() : new ArrayList<>(history);
        this.version = version;
    }

    /** A new draft listing entered by {@code creator} for the institution that owns the result. */
    static Achievement draft(AchievementId id, AchievementDetails details, String ownerInstitutionId,
            CallerIdentity creator, String idempotencyKey, String requestFingerprint, Instant now) {
        return new Achievement(id.value(), details.title(), details.summary(), ownerInstitutionId,
                details.industryChain(), details.maturity(), details.transferModes(), details.askingPriceYuan(),
                creator.regionCode(), creator.clientId(), idempotencyKey, requestFingerprint, now,
                AchievementStatus.DRAFT, null, List.of(), null);
    }

    /**
     * Takes one lifecycle step as {@code actor} and records {@link AchievementStatusChanged} (and
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
        history.add(new LifecycleStep(action, from, status, actor, cleanNote, now));
        if (action == LifecycleAction.PUBLISH && publishedAt == null) {
            publishedAt = now;
            record(AchievementPublished.CONTRACT, id, new AchievementPublished(id, title, ownerInstitutionId,
                    industryChain.name(), maturity.name(), now), now);
        }
        record(AchievementStatusChanged.CONTRACT, id, new AchievementStatusChanged(id, action.name(), from.name(),
                status.name(), actor, cleanNote, title, summary, ownerInstitutionId, industryChain.name(),
                maturity.name(), transferModes.stream().map(Enum::name).sorted().toList(), askingPriceYuan,
                regionCode, version == null ? 0 : version + 1, now), now);
        return true;
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

    public String title() {
        return title;
    }

    public String summary() {
        return summary;
    }

    public String ownerInstitutionId() {
        return ownerInstitutionId;
    }

    public IndustryChain industryChain() {
        return industryChain;
    }

    public Maturity maturity() {
        return maturity;
    }

    public Set<TransferMode> transferModes() {
        return transferModes.isEmpty() ? Set.of() : EnumSet.copyOf(transferModes);
    }

    public BigDecimal askingPriceYuan() {
        return askingPriceYuan;
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

    public Long version() {
        return version;
    }

    @Override
    protected List<PendingEvent> pendingEvents() {
        return super.pendingEvents();
    }
}
