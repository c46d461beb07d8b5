package org.mengkeju.contract.deal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A deal the catalog's market made final (成交项目: an agreed sale or an auction won, its publication period 公示
 * passed), kept so that its parties draw up the technology contract from it instead of typing it again: the parties,
 * the achievement, the price and the mode.
 *
 * @param id                    the lot's id, which is the deal's
 * @param registrationRegionCode the league-city of the seller, whose registration institutions will register the
 *                              contract; null when the catalog did not know the seller's region
 */
@Document("traded_deals")
@CompoundIndex(name = "deals_by_seller", def = "{'seller.institutionId': 1, '_id': 1}")
@CompoundIndex(name = "deals_by_buyer", def = "{'buyer.institutionId': 1, '_id': 1}")
@CompoundIndex(name = "deals_by_region", def = "{'registrationRegionCode': 1, '_id': 1}")
public record TradedDeal(
        @Id String id,
        String achievementId,
        String achievementTitle,
        String transferMode,
        String saleMode,
        BigDecimal priceYuan,
        BigDecimal startingPriceYuan,
        Party seller,
        Party buyer,
        String registrationRegionCode,
        String sessionId,
        Instant finalisedAt,
        Instant receivedAt) {

    /** A party as the catalog's institution registry knew it; the name, code and region are null when it did not. */
    public record Party(String institutionId, String name, String creditCode, String regionCode,
            Boolean publicResearchBody) {

        boolean isInstitution(String institutionId) {
            return institutionId != null && institutionId.equals(this.institutionId);
        }
    }

    public boolean hasParty(String institutionId) {
        return seller.isInstitution(institutionId) || buyer.isInstitution(institutionId);
    }

    /** The seller's league-city (盟市): its region code with the county digits zeroed; null without a region. */
    static String leagueCityOf(Party seller) {
        String region = seller.regionCode();
        return region == null || region.length() != 6 ? null : region.substring(0, 4) + "00";
    }

    /**
     * The contract type the deal's transfer mode is registered as: a sale of rights (转让) or a contribution as
     * capital (作价入股) is a technology transfer contract, a licence a licence; development and service as they are.
     */
    String contractType() {
        return switch (transferMode) {
            case "ASSIGNMENT", "EQUITY" -> "TRANSFER";
            case "LICENCE" -> "LICENCE";
            case "DEVELOPMENT" -> "DEVELOPMENT";
            case "SERVICE" -> "SERVICE";
            default -> null;
        };
    }

    /** What the parties must still fill in before the draft can be submitted, by the submission's field names. */
    List<String> toComplete() {
        List<String> missing = new ArrayList<>();
        String type = contractType();
        if (type == null) {
            missing.add("type");
        }
        if (type == null || !type.equals("CONSULTING")) {
            missing.add("subType");
        }
        addPartyGaps(missing, "seller", seller);
        addPartyGaps(missing, "buyer", buyer);
        missing.addAll(List.of("signedOn", "validFrom", "validUntil", "payments", "documents"));
        if (!Boolean.FALSE.equals(seller.publicResearchBody())) {
            missing.add("inventorSharePercent");
        }
        return missing;
    }

    private static void addPartyGaps(List<String> missing, String side, Party party) {
        if (party.name() == null) {
            missing.add(side + ".name");
        }
        if (party.creditCode() == null) {
            missing.add(side + ".creditCode");
        }
        if (party.regionCode() == null) {
            missing.add(side + ".regionCode");
        }
    }
}
