package org.mengkeju.contract.registration;

import java.util.regex.Pattern;

/**
 * A party to a technology contract (seller, buyer or broker) as the contract names it.
 *
 * @param institutionId      the catalog's institution id when the party is on the platform, else null
 * @param name               its name as written in the contract
 * @param creditCode         its unified social credit code (统一社会信用代码), check character verified
 * @param regionCode         the six-digit administrative division code of its city, e.g. {@code 150100}
 * @param publicResearchBody whether it is a public university or research institute (公办高校/科研院所)
 */
public record Party(String institutionId, String name, String creditCode, String regionCode,
        boolean publicResearchBody) {

    private static final Pattern REGION = Pattern.compile("[1-8][0-9]{5}");

    /** Checks the codes; {@code field} names the party in the request, e.g. {@code buyer} or {@code brokers[0]}. */
    Party checked(String field) {
        UnifiedSocialCreditCode.problemWith(creditCode).ifPresent(problem -> {
            throw new RuleViolation("credit-code-invalid", field + ".creditCode", problem);
        });
        if (regionCode == null || !REGION.matcher(regionCode).matches()) {
            throw new RuleViolation("region-code-invalid", field + ".regionCode",
                    "'" + regionCode + "' is not a six-digit administrative division code");
        }
        return this;
    }

    /** Whether it is in Inner Mongolia (province code 15). */
    public boolean inRegion() {
        return regionCode.startsWith("15");
    }

    /** The league-city (盟市) it belongs to: its region code with the county digits zeroed, e.g. 150105 → 150100. */
    public String leagueCity() {
        return regionCode.substring(0, 4) + "00";
    }
}
