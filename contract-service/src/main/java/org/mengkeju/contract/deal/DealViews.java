package org.mengkeju.contract.deal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The HTTP shapes of the deals API. */
final class DealViews {

    private DealViews() {
    }

    /**
     * A final deal and the contract drawn up from it: {@code contractDraft} holds the fields of a contract submission
     * ({@code POST /api/v1/contract/contracts}) the deal already decides, {@code toComplete} names the ones the
     * parties still fill in.
     */
    record DealView(String dealId, String achievementId, String achievementTitle, String transferMode,
            String saleMode, BigDecimal priceYuan, BigDecimal startingPriceYuan, TradedDeal.Party seller,
            TradedDeal.Party buyer, String registrationRegionCode, String sessionId, Instant finalisedAt,
            ContractDraft contractDraft, List<String> toComplete) {

        static DealView of(TradedDeal deal) {
            return new DealView(deal.id(), deal.achievementId(), deal.achievementTitle(), deal.transferMode(),
                    deal.saleMode(), deal.priceYuan(), deal.startingPriceYuan(), deal.seller(), deal.buyer(),
                    deal.registrationRegionCode(), deal.sessionId(), deal.finalisedAt(), ContractDraft.of(deal),
                    deal.toComplete());
        }
    }

    /**
     * The part of a contract submission a deal fills in; {@code dealId} ties the submission to the deal, which then
     * checks that the parties, the achievement and the amount are still the deal's.
     */
    record ContractDraft(String type, String title, DraftParty seller, DraftParty buyer,
            BigDecimal contractAmountYuan, List<String> achievementIds, String dealId) {

        static ContractDraft of(TradedDeal deal) {
            return new ContractDraft(deal.contractType(), title(deal), DraftParty.of(deal.seller()),
                    DraftParty.of(deal.buyer()), deal.priceYuan(), List.of(deal.achievementId()), deal.id());
        }

        /** 《成果名称》 and the kind of contract, as registration institutions expect titles to read. */
        private static String title(TradedDeal deal) {
            String kind = switch (deal.transferMode()) {
                case "ASSIGNMENT" -> "技术转让合同";
                case "EQUITY" -> "技术作价入股合同";
                case "LICENCE" -> "技术许可合同";
                case "DEVELOPMENT" -> "技术开发合同";
                case "SERVICE" -> "技术服务合同";
                default -> "技术合同";
            };
            return deal.achievementTitle() + kind;
        }
    }

    /** A party in the shape a submission takes it. */
    record DraftParty(String institutionId, String name, String creditCode, String regionCode,
            Boolean publicResearchBody) {

        static DraftParty of(TradedDeal.Party party) {
            return new DraftParty(party.institutionId(), party.name(), party.creditCode(), party.regionCode(),
                    party.publicResearchBody());
        }
    }

    record DealPage(List<DealView> items, String next) {
    }
}
