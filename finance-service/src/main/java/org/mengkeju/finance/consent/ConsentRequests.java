package org.mengkeju.finance.consent;

import java.time.Instant;
import java.time.LocalDate;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.mengkeju.finance.product.EnterpriseFacts;
import org.mengkeju.finance.profile.EnterpriseProfile;

/** Request and response records of the enterprise-profile API. */
final class ConsentRequests {

    private ConsentRequests() {
    }

    @Schema(description = "A high-technology enterprise certificate (高新技术企业证书) an operator checked.")
    record RecordHighTech(
            @NotNull @Pattern(regexp = "GR[0-9]{12}", message = "must be a certificate number such as GR202415000123")
            @Schema(example = "GR202415000123") String certificateNumber,
            @NotNull @Schema(description = "The last local day it is in force.", example = "2027-10-31")
            LocalDate validUntil) {
    }

    @Schema(description = "An enterprise's profile as finance-service built it, with its consent.")
    record ProfileView(
            String enterpriseId,
            String name,
            String creditCode,
            String regionCode,
            String institutionType,
            @Schema(description = "Whether the enterprise shares its profile with finance institutions.")
            boolean consent,
            Instant consentChangedAt,
            int contracts,
            int achievements,
            @Schema(description = "The facts eligibility rules test, as of now.") EnterpriseFacts facts,
            String highTechCertificate,
            LocalDate highTechValidUntil,
            Instant updatedAt) {

        static ProfileView of(EnterpriseProfile profile, Instant now) {
            return new ProfileView(profile.id(), profile.name(), profile.creditCode(), profile.regionCode(),
                    profile.institutionType(), profile.hasConsent(),
                    profile.consent() == null ? null : profile.consent().changedAt(), profile.contracts().size(),
                    profile.achievements().size(), profile.facts(now),
                    profile.highTech() == null ? null : profile.highTech().certificateNumber(),
                    profile.highTech() == null ? null : profile.highTech().validUntil(), profile.updatedAt());
        }
    }

}
