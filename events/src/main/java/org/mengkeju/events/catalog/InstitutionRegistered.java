package org.mengkeju.events.catalog;

import java.time.Instant;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * An institution that owns achievements (a university, an institute, an enterprise) was registered in the catalog.
 * Contract registration needs its type (the inventors' income share applies to public universities and institutes),
 * finance needs its credit code and region.
 *
 * @param institutionId the catalog's id of the institution, the one its clients act for, e.g. {@code imut}
 * @param name          its registered name, e.g. 内蒙古工业大学
 * @param creditCode    its unified social credit code (统一社会信用代码), 18 characters, check character verified
 * @param type          {@code PUBLIC_UNIVERSITY}, {@code PUBLIC_RESEARCH_INSTITUTE}, {@code PRIVATE_UNIVERSITY},
 *                      {@code PRIVATE_RESEARCH_INSTITUTE}, {@code ENTERPRISE} or {@code OTHER}
 * @param regionCode    the six-digit administrative division code of its league-city (盟市), e.g. {@code 150100}
 * @param registeredAt  when it was registered (UTC)
 */
public record InstitutionRegistered(
        String institutionId,
        String name,
        String creditCode,
        String type,
        String regionCode,
        Instant registeredAt) {

    public static final EventContract<InstitutionRegistered> CONTRACT = new EventContract<>(
            "org.mengkeju.catalog.institution.registered.v1", Topics.CATALOG_INSTITUTIONS,
            InstitutionRegistered.class);
}
