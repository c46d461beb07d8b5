package org.mengkeju.events.contract;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A technology contract was registered (技术合同认定登记): it passed review at a registration institution and was
 * given its registration number. This is what makes a deal count: points-service splits points between the parties
 * by the technology transaction amount, finance-service reads an enterprise's registered contracts and amounts,
 * catalog-service marks the achievements transacted. Both amounts are on the registration, as on the certificate.
 *
 * @param contractId                      contract-service's id of the contract
 * @param registrationNumber              the registration number (登记编号), 16 digits: year (4), province code (2,
 *                                        Inner Mongolia is 15), city code (2), registration point (2), serial (6);
 *                                        unique and never reused
 * @param contractType                    {@code DEVELOPMENT} (技术开发), {@code TRANSFER} (技术转让), {@code LICENCE}
 *                                        (技术许可), {@code CONSULTING} (技术咨询) or {@code SERVICE} (技术服务)
 * @param subType                         development: {@code COMMISSIONED}, {@code COOPERATIVE}; transfer:
 *                                        {@code PATENT_RIGHT}, {@code PATENT_APPLICATION_RIGHT},
 *                                        {@code TECHNICAL_SECRET}, {@code OTHER}; licence: {@code EXCLUSIVE},
 *                                        {@code SOLE}, {@code NON_EXCLUSIVE}; service: {@code GENERAL},
 *                                        {@code TRAINING}, {@code BROKERAGE}; absent for consulting
 * @param title                           the contract title as registered
 * @param seller                          the seller side (卖方: assignor, licensor, developer, consultant, service
 *                                        provider), the side that applied for registration
 * @param buyer                           the buyer side (买方)
 * @param brokers                         the technology brokers or transfer agencies (技术经纪人/技术转移服务机构)
 *                                        named in the contract; empty when none
 * @param contractAmountYuan              the contract amount (成交额) in yuan, exact to the fen
 * @param technologyTransactionAmountYuan the technology transaction amount (技术交易额) in yuan, exact to the fen:
 *                                        the contract amount less the non-technical costs; never negative, never above
 *                                        the contract amount
 * @param achievementIds                  the catalog's achievements the contract concerns; empty when none is listed
 * @param signedOn                        the signing date, a local day in China
 * @param registeredAt                    when it was registered (UTC)
 * @param registrationInstitutionId       the registration institution (登记机构) that registered it
 */
public record ContractRegistered(
        String contractId,
        String registrationNumber,
        String contractType,
        String subType,
        String title,
        Party seller,
        Party buyer,
        List<Party> brokers,
        BigDecimal contractAmountYuan,
        BigDecimal technologyTransactionAmountYuan,
        List<String> achievementIds,
        LocalDate signedOn,
        Instant registeredAt,
        String registrationInstitutionId) {

    public static final EventContract<ContractRegistered> CONTRACT = new EventContract<>(
            "org.mengkeju.contract.contract.registered.v1", Topics.CONTRACT_CONTRACTS, ContractRegistered.class);

    /**
     * A party to the contract as registered.
     *
     * @param institutionId      the catalog's institution id when the party is registered on the platform; absent
     *                           otherwise (an enterprise from outside the region, a natural person's firm)
     * @param name               its name as in the contract, e.g. 内蒙古工业大学
     * @param creditCode         its unified social credit code (统一社会信用代码), 18 characters, check character
     *                           verified
     * @param regionCode         the six-digit administrative division code of its city, e.g. {@code 150100}; outside
     *                           Inner Mongolia the code of its own city
     * @param publicResearchBody whether it is a public university or research institute (公办高校/科研院所), where
     *                           the inventors' income share applies
     */
    public record Party(
            String institutionId,
            String name,
            String creditCode,
            String regionCode,
            boolean publicResearchBody) {
    }
}
