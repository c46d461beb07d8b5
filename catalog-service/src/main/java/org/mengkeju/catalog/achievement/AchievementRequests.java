package org.mengkeju.catalog.achievement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Set;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The HTTP shapes of the achievements API. */
final class AchievementRequests {

    private AchievementRequests() {
    }

    /** A new listing. The owner is the caller's institution unless an operator or sub-center names one. */
    record CreateAchievement(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String summary,
            @Size(min = 1, max = 64) String ownerInstitutionId,
            @NotNull IndustryChain industryChain,
            @NotNull Maturity maturity,
            @NotEmpty Set<@NotNull TransferMode> transferModes,
            @DecimalMin(value = "0.01") @DecimalMax(value = "100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal askingPriceYuan) {

        AchievementDetails details() {
            return new AchievementDetails(title.strip(), summary, industryChain, maturity, transferModes,
                    askingPriceYuan);
        }
    }

    /** A listing as the API shows it; {@code askingPriceYuan} is absent when the price is negotiable (面议). */
    record AchievementView(
            String id,
            String title,
            String summary,
            String ownerInstitutionId,
            IndustryChain industryChain,
            Maturity maturity,
            Set<TransferMode> transferModes,
            BigDecimal askingPriceYuan,
            AchievementStatus status,
            Instant createdAt,
            Instant publishedAt,
            Long version) {

        static AchievementView of(Achievement a) {
            return new AchievementView(a.id(), a.title(), a.summary(), a.ownerInstitutionId(), a.industryChain(),
                    a.maturity(), a.transferModes(), a.askingPriceYuan(), a.status(), a.createdAt(), a.publishedAt(),
                    a.version());
        }
    }

    /** A lifecycle step; {@code note} carries the reviewer's comments or the reason where the step needs one. */
    record TakeStep(@NotNull LifecycleAction action, @Size(max = 2000) String note) {
    }
}
