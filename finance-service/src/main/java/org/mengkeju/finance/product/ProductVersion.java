package org.mengkeju.finance.product;

import java.time.Instant;
import java.util.List;

/** One version of a product as it was saved; a lead names the version it qualified under. */
public record ProductVersion(int version, String name, ProductTerms terms, List<RuleGroup> rules, String changedBy,
        Instant changedAt) {
}
