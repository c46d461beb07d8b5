package org.mengkeju.catalog.institution;

import java.time.Clock;
import java.util.List;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;

/**
 * The use cases on institutions: register one, read one, page through them. Operators register anywhere; a
 * sub-center registers the institutions of its own league-city. Institutions are public facts: every identified
 * caller reads them.
 */
@Service
public class InstitutionRegistry {

    private static final Logger log = LoggerFactory.getLogger(InstitutionRegistry.class);
    static final int MAX_PAGE = 200;

    private final Institutions institutions;
    private final Clock clock;

    InstitutionRegistry(Institutions institutions, Clock clock) {
        this.institutions = institutions;
        this.clock = clock;
    }

    /** What a registration returns: the institution, and whether this call registered it. */
    public record Registered(Institution institution, boolean created) {
    }

    /**
     * Registers an institution once. Repeating the same registration returns it unchanged; the same id with other
     * facts, or a credit code another institution holds, is a conflict. The unique indexes on the id and the credit
     * code decide, so two concurrent registrations cannot both win.
     */
    public Registered register(CallerIdentity caller, String id, String name, String creditCode, InstitutionType type,
            String regionCode) {
        RegionCode region = region(regionCode);
        mayRegister(caller, region);
        UnifiedSocialCreditCode.problemWith(creditCode).ifPresent(problem -> {
            throw ApiProblem.invalid("invalid-credit-code", "Invalid unified social credit code",
                    "creditCode " + creditCode + ": " + problem);
        });
        UnifiedSocialCreditCode code = new UnifiedSocialCreditCode(creditCode);
        String cleanName = name.strip();
        try {
            Institution saved = institutions.insert(Institution.register(id, cleanName, code, type, region,
                    caller.clientId(), clock.instant()));
            log.info("institution {} ({}) registered by {}", id, code, caller.clientId());
            return new Registered(saved, true);
        } catch (DuplicateKeyException duplicate) {
            Institution existing = institutions.findById(id).orElse(null);
            if (existing != null && existing.sameFactsAs(cleanName, code.value(), type, region.value())) {
                return new Registered(existing, false);
            }
            if (existing != null) {
                throw ApiProblem.conflict("institution-exists", "Institution exists", "institution " + id
                        + " is already registered with other facts (" + existing.name() + ", " + existing.creditCode()
                        + ")");
            }
            String holder = institutions.findByCreditCode(code.value()).map(Institution::id).orElse("another one");
            throw ApiProblem.conflict("credit-code-registered", "Credit code already registered",
                    "unified social credit code " + code + " is already registered for institution " + holder);
        }
    }

    public Institution get(String id) {
        return institutions.findById(id).orElseThrow(() -> ApiProblem.notFound("institution", id));
    }

    /** A page in id order after {@code after} (exclusive), optionally of one region. */
    public List<Institution> list(String regionCode, String after, int limit) {
        String cursor = after == null ? "" : after;
        PageRequest page = PageRequest.of(0, limit);
        return regionCode == null ? institutions.findByIdGreaterThanOrderByIdAsc(cursor, page)
                : institutions.findByRegionCodeAndIdGreaterThanOrderByIdAsc(region(regionCode).value(), cursor, page);
    }

    /** Operators register anywhere; a sub-center only in its own league-city; nobody else. */
    static void mayRegister(CallerIdentity caller, RegionCode region) {
        if (caller.is(Role.OPERATOR)) {
            return;
        }
        if (caller.is(Role.SUB_CENTER)) {
            if (region.value().equals(caller.regionCode())) {
                return;
            }
            throw ApiProblem.forbidden("sub-center " + caller.clientId() + " registers institutions of region "
                    + caller.regionCode() + " only, not " + region.value());
        }
        throw ApiProblem.forbidden("only operators and sub-centers register institutions; a " + caller.role()
                + " client cannot");
    }

    private static RegionCode region(String regionCode) {
        try {
            return new RegionCode(regionCode);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalid("invalid-region", "Invalid region code", "regionCode: " + e.getMessage());
        }
    }
}
