package org.mengkeju.finance.product;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** Request and response records of the products API. */
final class ProductRequests {

    private ProductRequests() {
    }

    @Schema(description = "A new financing product. Amounts in yuan (exact), terms in months, rates in percent a year "
            + "(for insurance the premium rate). `rules` are groups that must all hold, each a list of alternatives; "
            + "a condition names a profile fact and tests it with `atLeast` (numbers), `is` (flags) or `in` (codes).")
    record PublishProduct(
            @NotNull @Schema(description = "The kind of product.", example = "IP_PLEDGE_LOAN") ProductType type,
            @NotBlank @Size(max = 100) @Schema(description = "Its name as shown to enterprises.",
                    example = "知识产权质押贷") String name,
            @NotNull @Schema(description = "Smallest amount, yuan.", example = "500000") BigDecimal amountMinYuan,
            @NotNull @Schema(description = "Largest amount, yuan; no approval or disbursement above it.",
                    example = "10000000") BigDecimal amountMaxYuan,
            @NotNull @Schema(description = "Shortest term, months.", example = "12") Integer termMonthsMin,
            @NotNull @Schema(description = "Longest term, months.", example = "36") Integer termMonthsMax,
            @NotNull @Schema(description = "Lowest annual rate, percent, 0 to 100.", example = "3.45")
            BigDecimal rateMinPercent,
            @NotNull @Schema(description = "Highest annual rate, percent, 0 to 100.", example = "4.35")
            BigDecimal rateMaxPercent,
            @NotNull @Schema(description = "The eligibility rules (准入条件).") List<RuleGroup> rules) {

        ProductTerms terms() {
            return new ProductTerms(amountMinYuan, amountMaxYuan, termMonthsMin, termMonthsMax, rateMinPercent,
                    rateMaxPercent);
        }
    }

    @Schema(description = "A product's next version: its name, terms and rules as they are from now on. Leads "
            + "opened before keep the version they qualified under; profiles are qualified against the new one.")
    record ReviseProduct(
            @NotBlank @Size(max = 100) @Schema(example = "知识产权质押贷") String name,
            @NotNull @Schema(example = "500000") BigDecimal amountMinYuan,
            @NotNull @Schema(example = "10000000") BigDecimal amountMaxYuan,
            @NotNull @Schema(example = "12") Integer termMonthsMin,
            @NotNull @Schema(example = "36") Integer termMonthsMax,
            @NotNull @Schema(example = "3.45") BigDecimal rateMinPercent,
            @NotNull @Schema(example = "4.35") BigDecimal rateMaxPercent,
            @NotNull List<RuleGroup> rules) {

        ProductTerms terms() {
            return new ProductTerms(amountMinYuan, amountMaxYuan, termMonthsMin, termMonthsMax, rateMinPercent,
                    rateMaxPercent);
        }
    }

    @Schema(description = "A financing product as it stands.")
    record ProductView(
            String productId,
            String institutionId,
            ProductType type,
            String name,
            BigDecimal amountMinYuan,
            BigDecimal amountMaxYuan,
            int termMonthsMin,
            int termMonthsMax,
            BigDecimal rateMinPercent,
            BigDecimal rateMaxPercent,
            List<RuleGroup> rules,
            ProductStatus status,
            @Schema(description = "The current version; every change adds one.") int productVersion,
            @Schema(description = "The version every consenting profile was last qualified against; below "
                    + "productVersion while that runs.") int requalifiedVersion,
            Instant createdAt,
            Instant updatedAt) {

        static ProductView of(FinancingProduct product) {
            ProductTerms terms = product.terms();
            return new ProductView(product.id(), product.institutionId(), product.type(), product.name(),
                    terms.amountMinYuan(), terms.amountMaxYuan(), terms.termMonthsMin(), terms.termMonthsMax(),
                    terms.rateMinPercent(), terms.rateMaxPercent(), product.rules(), product.status(),
                    product.productVersion(), product.requalifiedVersion(), product.createdAt(), product.updatedAt());
        }
    }

    @Schema(description = "A page of products; pass `next` as `after` for the following page, absent on the last.")
    record ProductPage(List<ProductView> items, String next) {

        static ProductPage of(List<FinancingProduct> products, int limit) {
            return new ProductPage(products.stream().map(ProductView::of).toList(),
                    products.size() == limit ? products.getLast().id() : null);
        }
    }
}
