package org.mengkeju.catalog.institution;

import java.time.Instant;

import org.mengkeju.events.catalog.InstitutionRegistered;
import org.mengkeju.platform.outbox.OutboxAggregate;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An institution that owns achievements (成果持有单位): a university, a research institute, an enterprise. Its id is
 * the one its API clients act for; its credit code is unique on the platform.
 */
@Document("institutions")
public class Institution extends OutboxAggregate {

    @Id
    private final String id;
    private final String name;
    @Indexed(name = "credit_code", unique = true)
    private final String creditCode;
    private final InstitutionType type;
    private final String regionCode;
    private final String registeredBy;
    private final Instant registeredAt;
    @Version
    private Long version;

    @PersistenceCreator
    Institution(String id, String name, String creditCode, InstitutionType type, String regionCode,
            String registeredBy, Instant registeredAt, Long version) {
        this.id = id;
        this.name = name;
        this.creditCode = creditCode;
        this.type = type;
        this.regionCode = regionCode;
        this.registeredBy = registeredBy;
        this.registeredAt = registeredAt;
        this.version = version;
    }

    /** A newly registered institution; records {@link InstitutionRegistered}. */
    static Institution register(String id, String name, UnifiedSocialCreditCode creditCode, InstitutionType type,
            RegionCode region, String registeredBy, Instant now) {
        Institution institution = new Institution(id, name, creditCode.value(), type, region.value(), registeredBy,
                now, null);
        institution.record(InstitutionRegistered.CONTRACT, id, new InstitutionRegistered(id, name, creditCode.value(),
                type.name(), region.value(), now), now);
        return institution;
    }

    /** Whether a repeated registration names the same institution with the same facts. */
    boolean sameFactsAs(String otherName, String otherCreditCode, InstitutionType otherType, String otherRegion) {
        return name.equals(otherName) && creditCode.equals(otherCreditCode) && type == otherType
                && regionCode.equals(otherRegion);
    }

    public String id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String creditCode() {
        return creditCode;
    }

    public InstitutionType type() {
        return type;
    }

    public String regionCode() {
        return regionCode;
    }

    public Instant registeredAt() {
        return registeredAt;
    }

    public Long version() {
        return version;
    }
}
