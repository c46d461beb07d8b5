package org.mengkeju.catalog.achievement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.mengkeju.events.catalog.AchievementPublished;
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
    @Version
    private Long version;

    @PersistenceCreator
    Achievement(String id, String title, String summary, String ownerInstitutionId, IndustryChain industryChain,
            Maturity maturity, Set<TransferMode> transferModes, BigDecimal askingPriceYuan, String regionCode,
            String createdBy, String idempotencyKey, String requestFingerprint, Instant createdAt,
            AchievementStatus status, Instant publishedAt, Long version) {
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
        this.version = version;
    }

    /** A new draft listing entered by {@code creator} for the institution that owns the result. */
    static Achievement draft(AchievementId id, AchievementDetails details, String ownerInstitutionId,
            CallerIdentity creator, String idempotencyKey, String requestFingerprint, Instant now) {
        return new Achievement(id.value(), details.title(), details.summary(), ownerInstitutionId,
                details.industryChain(), details.maturity(), details.transferModes(), details.askingPriceYuan(),
                creator.regionCode(), creator.clientId(), idempotencyKey, requestFingerprint, now,
                AchievementStatus.DRAFT, null, null);
    }

    /**
     * Lists the result publicly and records {@link AchievementPublished}. Publishing a published listing again
     * changes nothing, so a retried request is harmless.
     *
     * @return whether this call published it
     */
    boolean publish(Instant now) {
        if (status == AchievementStatus.PUBLISHED) {
            return false;
        }
        status = AchievementStatus.PUBLISHED;
        publishedAt = now;
        record(AchievementPublished.CONTRACT, id, new AchievementPublished(id, title, ownerInstitutionId,
                industryChain.name(), maturity.name(), now), now);
        return true;
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

    public Long version() {
        return version;
    }

    @Override
    protected List<PendingEvent> pendingEvents() {
        return super.pendingEvents();
    }
}
