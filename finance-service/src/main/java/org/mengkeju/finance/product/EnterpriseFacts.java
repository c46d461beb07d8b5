package org.mengkeju.finance.product;

import java.math.BigDecimal;

/**
 * What eligibility rules are tested against: an enterprise's profile reduced to the facts of {@link ProfileField}
 * at one moment (the 12-month windows end at that moment).
 */
public record EnterpriseFacts(
        boolean highTechEnterprise,
        int registeredContracts12m,
        BigDecimal technologyTransactionAmount12mYuan,
        int publishedAchievements,
        int transactedAchievements,
        int grantedPatents,
        long innovationPoints,
        String regionCode,
        String institutionType) {

    /** The fact a field names, as a number, a flag or a code. */
    Object value(ProfileField field) {
        return switch (field) {
            case HIGH_TECH_ENTERPRISE -> highTechEnterprise;
            case REGISTERED_CONTRACTS_12M -> BigDecimal.valueOf(registeredContracts12m);
            case TECHNOLOGY_TRANSACTION_AMOUNT_12M -> technologyTransactionAmount12mYuan;
            case PUBLISHED_ACHIEVEMENTS -> BigDecimal.valueOf(publishedAchievements);
            case TRANSACTED_ACHIEVEMENTS -> BigDecimal.valueOf(transactedAchievements);
            case GRANTED_PATENTS -> BigDecimal.valueOf(grantedPatents);
            case INNOVATION_POINTS -> BigDecimal.valueOf(innovationPoints);
            case REGION -> regionCode;
            case INSTITUTION_TYPE -> institutionType;
        };
    }
}
