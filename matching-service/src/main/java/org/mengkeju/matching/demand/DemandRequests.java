package org.mengkeju.matching.demand;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.mengkeju.matching.market.BudgetRange;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.matching.market.Maturity;
import org.mengkeju.matching.market.RegionCode;
import org.mengkeju.matching.market.TransferMode;
import org.mengkeju.platform.web.ApiProblem;

/** The HTTP shapes of the demands API. */
final class DemandRequests {

    private DemandRequests() {
    }

    /** A new demand. The owner is the caller's institution unless an operator or a sub-center names one. */
    record PostDemand(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String problem,
            @Size(min = 1, max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}",
                    message = "must be an institution id: lower-case letters, digits and -") String ownerInstitutionId,
            @NotNull IndustryChain industryChain,
            @Size(max = 100) String field,
            @NotNull @Pattern(regexp = "[1-8][0-9]{5}", message = "must be a six-digit region code, e.g. 150200")
            String regionCode,
            @DecimalMin(value = "0") @DecimalMax(value = "100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal budgetMinYuan,
            @DecimalMin(value = "0.01") @DecimalMax(value = "100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal budgetMaxYuan,
            @NotEmpty Set<@NotNull TransferMode> transferModes,
            Maturity wantedMaturity,
            @NotNull LocalDate deadline,
            @NotNull @Valid ContactPerson contact) {

        /** The details, with the rules that span fields checked; a broken one is a 400 naming the field. */
        DemandDetails details() {
            RegionCode region;
            try {
                region = new RegionCode(regionCode);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("invalid-region", "Unknown region", "regionCode: " + e.getMessage());
            }
            BudgetRange budget;
            try {
                budget = new BudgetRange(budgetMinYuan, budgetMaxYuan);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalid("invalid-budget", "Budget range reversed", "budgetMinYuan: " + e.getMessage());
            }
            return new DemandDetails(title.strip(), problem, industryChain, field, region, budget, transferModes,
                    wantedMaturity, deadline, new DemandDetails.Contact(contact.name().strip(), contact.phone()));
        }
    }

    /** Whom a broker calls about the demand. */
    record ContactPerson(
            @NotBlank @Size(max = 50) String name,
            @NotNull @Pattern(regexp = "\\+?[0-9][0-9 -]{4,19}", message = "must be a telephone number")
            String phone) {
    }

    /**
     * A broker's verdict. Refining may sharpen the statement: each field given replaces the enterprise's; the other
     * verdicts change no text.
     */
    record TriageDemand(
            @NotNull Triage decision,
            @Size(max = 2000) String note,
            @Size(max = 200) String title,
            @Size(max = 4000) String problem,
            IndustryChain industryChain,
            @Size(max = 100) String field,
            Set<@NotNull TransferMode> transferModes,
            Maturity wantedMaturity) {

        Refinement refinement() {
            if (title != null && title.isBlank()) {
                throw ApiProblem.invalid("invalid-refinement", "Blank title", "title: a refined title is not blank");
            }
            boolean refines = title != null || problem != null || industryChain != null || field != null
                    || (transferModes != null && !transferModes.isEmpty()) || wantedMaturity != null;
            if (refines && decision != Triage.REFINED) {
                throw ApiProblem.invalid("invalid-refinement", "Only a refinement changes the text",
                        "decision: " + decision + " changes no text; send the sharpened fields with REFINED");
            }
            return new Refinement(title == null ? null : title.strip(), problem, industryChain, field, transferModes,
                    wantedMaturity);
        }
    }

    /** The enterprise's restatement of its open demand: each field given replaces its own. */
    record ReviseDemand(
            @Size(max = 200) String title,
            @Size(max = 4000) String problem,
            IndustryChain industryChain,
            @Size(max = 100) String field,
            @DecimalMin(value = "0") @DecimalMax(value = "100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal budgetMinYuan,
            @DecimalMin(value = "0.01") @DecimalMax(value = "100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal budgetMaxYuan,
            Set<@NotNull TransferMode> transferModes,
            Maturity wantedMaturity,
            @Size(max = 2000) String note) {

        Refinement revision() {
            if (title != null && title.isBlank()) {
                throw ApiProblem.invalid("invalid-revision", "Blank title", "title: a revised title is not blank");
            }
            return new Refinement(title == null ? null : title.strip(), problem, industryChain, field, transferModes,
                    wantedMaturity);
        }
    }

    /** Matched or closed, with an optional note (what solved it, why it was given up). */
    record ChangeStatus(@NotNull DemandStatus status, @Size(max = 2000) String note) {
    }

    /** A demand as the API shows it; {@code contact} only to those who work on it. */
    record DemandView(
            String id,
            String title,
            String problem,
            String ownerInstitutionId,
            IndustryChain industryChain,
            String field,
            String regionCode,
            BigDecimal budgetMinYuan,
            BigDecimal budgetMaxYuan,
            Set<TransferMode> transferModes,
            Maturity wantedMaturity,
            LocalDate deadline,
            Instant expiresAt,
            DemandStatus status,
            Triage triage,
            String triagedBy,
            Instant triagedAt,
            String note,
            ContactPerson contact,
            Instant postedAt,
            Instant matchedAt,
            Instant closedAt,
            Instant expiredAt,
            Long version) {

        static DemandView of(Demand d, boolean withContact) {
            var contact = withContact && d.contact() != null
                    ? new ContactPerson(d.contact().name(), d.contact().phone()) : null;
            return new DemandView(d.id(), d.title(), d.problem(), d.ownerInstitutionId(), d.industryChain(),
                    d.field(), d.region().value(), d.budget().minYuan(), d.budget().maxYuan(), d.transferModes(),
                    d.wantedMaturity(), d.deadline(), d.expiresAt(), d.status(), d.triage(), d.triagedBy(),
                    d.triagedAt(), d.lastNote(), contact, d.postedAt(), d.matchedAt(), d.closedAt(), d.expiredAt(),
                    d.version());
        }
    }

    /** A page of demands; pass {@code next} as {@code after} for the following one, absent on the last page. */
    record DemandPage(List<DemandView> items, String next) {
    }
}
