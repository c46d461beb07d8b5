package org.mengkeju.catalog.achievement;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.mengkeju.platform.web.ApiProblem;

/** The HTTP shapes of the achievements API; the listing content is also what a sub-center's upload carries. */
public final class AchievementRequests {

    private AchievementRequests() {
    }

    /** The content fields a create and a revision share; the domain checks what annotations cannot. */
    public interface ListingFields {
        String title();

        String summary();

        String technologyField();

        IndustryChain industryChain();

        List<String> keywords();

        Maturity maturity();

        Integer technologyReadinessLevel();

        List<IpItem> ipItems();

        List<Inventor> inventors();

        Set<TransferMode> transferModes();

        BigDecimal askingPriceYuan();

        PriceRange priceRangeYuan();

        List<Attachment> attachments();

        /** The listing content; a rule the domain refuses is a 400 naming the field. */
        default AchievementDetails details() {
            try {
                Price price;
                if (askingPriceYuan() != null && priceRangeYuan() != null) {
                    throw new InvalidListing("priceRangeYuan", "give askingPriceYuan or priceRangeYuan, not both");
                } else if (askingPriceYuan() != null) {
                    price = Price.fixed(askingPriceYuan());
                } else if (priceRangeYuan() != null) {
                    price = Price.range(priceRangeYuan().minYuan(), priceRangeYuan().maxYuan());
                } else {
                    price = Price.negotiable();
                }
                return new AchievementDetails(title(), summary(), technologyField(), industryChain(), keywords(),
                        maturity(), technologyReadinessLevel(), ipItems(), inventors(), transferModes(), price,
                        attachments());
            } catch (InvalidListing invalid) {
                throw ApiProblem.invalid("invalid-listing", "Invalid listing", invalid.getMessage());
            }
        }
    }

    /** A price range in yuan (价格区间). */
    public record PriceRange(
            @NotNull @DecimalMin("0.01") @DecimalMax("100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal minYuan,
            @NotNull @DecimalMin("0.01") @DecimalMax("100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal maxYuan) {
    }

    /**
     * A new listing. The owner is the caller's institution unless an operator or sub-center names one. The price is
     * {@code askingPriceYuan} (fixed), {@code priceRangeYuan}, or neither (negotiable, 面议).
     */
    record CreateAchievement(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String summary,
            @Size(max = 100) String technologyField,
            @Size(min = 1, max = 64) String ownerInstitutionId,
            @NotNull IndustryChain industryChain,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> keywords,
            @NotNull Maturity maturity,
            @Min(1) @Max(9) Integer technologyReadinessLevel,
            @Size(max = 100) List<@NotNull @Valid IpItem> ipItems,
            @Size(max = 50) List<@NotNull @Valid Inventor> inventors,
            @NotEmpty Set<@NotNull TransferMode> transferModes,
            @DecimalMin(value = "0.01") @DecimalMax(value = "100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal askingPriceYuan,
            @Valid PriceRange priceRangeYuan,
            @Size(max = 20) List<@NotNull @Valid Attachment> attachments) implements ListingFields {
    }

    /** The whole new content of a listing, replacing the old; sent with {@code If-Match} of the version read. */
    public record ReviseAchievement(
            @NotBlank @Size(max = 200) String title,
            @Size(max = 4000) String summary,
            @Size(max = 100) String technologyField,
            @NotNull IndustryChain industryChain,
            @Size(max = 20) List<@NotBlank @Size(max = 40) String> keywords,
            @NotNull Maturity maturity,
            @Min(1) @Max(9) Integer technologyReadinessLevel,
            @Size(max = 100) List<@NotNull @Valid IpItem> ipItems,
            @Size(max = 50) List<@NotNull @Valid Inventor> inventors,
            @NotEmpty Set<@NotNull TransferMode> transferModes,
            @DecimalMin(value = "0.01") @DecimalMax(value = "100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal askingPriceYuan,
            @Valid PriceRange priceRangeYuan,
            @Size(max = 20) List<@NotNull @Valid Attachment> attachments) implements ListingFields {
    }

    /**
     * A listing as the API shows it. {@code askingPriceYuan} is the fixed price and absent otherwise;
     * {@code price} says which kind it is (FIXED, RANGE, NEGOTIABLE 面议) with its amounts.
     */
    public record AchievementView(
            String id,
            String title,
            String summary,
            String technologyField,
            String ownerInstitutionId,
            IndustryChain industryChain,
            List<String> keywords,
            Maturity maturity,
            Integer technologyReadinessLevel,
            List<IpItem> ipItems,
            List<Inventor> inventors,
            Set<TransferMode> transferModes,
            BigDecimal askingPriceYuan,
            Price price,
            List<Attachment> attachments,
            String regionCode,
            String subCenter,
            AchievementStatus status,
            Instant createdAt,
            Instant publishedAt,
            Instant changedAt,
            Long version) {

        public static AchievementView of(Achievement a) {
            AchievementDetails d = a.details();
            return new AchievementView(a.id(), d.title(), d.summary(), d.technologyField(), a.ownerInstitutionId(),
                    d.industryChain(), d.keywords(), d.maturity(), d.technologyReadinessLevel(), d.ipItems(),
                    d.inventors(), d.transferModes(), d.price().amountYuan(), d.price(), d.attachments(),
                    a.regionCode(), a.subCenter(), a.status(), a.createdAt(), a.publishedAt(), a.changedAt(),
                    a.version());
        }
    }

    /** A page of listings; {@code next} is the cursor of the following page, absent on the last. */
    record AchievementPage(List<AchievementView> items, String next) {
    }

    /** A lifecycle step; {@code note} carries the reviewer's comments or the reason where the step needs one. */
    record TakeStep(@NotNull LifecycleAction action, @Size(max = 2000) String note) {
    }
}
