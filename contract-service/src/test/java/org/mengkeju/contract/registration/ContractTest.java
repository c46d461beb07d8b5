package org.mengkeju.contract.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Year;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.events.contract.ContractStatusChanged;
import org.mengkeju.platform.outbox.PendingEvent;

class ContractTest {

    static final Instant NOW = Instant.parse("2026-05-18T02:15:30Z");
    static final RegistrationPolicy.Rules RULES_2026 = new RegistrationPolicy.Rules(LocalDate.parse("2026-01-01"),
            new BigDecimal("5000000"), 15, 30, new BigDecimal("70"));
    /** Labour Day 2026 off from 1 to 5 May, Saturday 9 May worked instead. */
    static final WorkingCalendar CALENDAR = new WorkingCalendar(java.util.Set.of(LocalDate.parse("2026-05-01"),
            LocalDate.parse("2026-05-04"), LocalDate.parse("2026-05-05")), java.util.Set.of(LocalDate.parse("2026-05-09")));
    static final RegistrationPolicy.Point HOHHOT_01 = new RegistrationPolicy.Point("tcr-150100-01", "150100", "01");

    static final Party IMUT = new Party("imut", "内蒙古工业大学", "12150000460030036T", "150100", true);
    static final Party CHIFENG_FEED = new Party(null, "赤峰市草原牧歌饲料有限公司", "91150400MA0N2K7X37", "150400", false);
    static final Party TTO = new Party("nmg-tto", "内蒙古自治区技术转移中心", "12150000MB1A23456W", "150100", false);

    /** The corn-husk feed licence: 1,500,000 yuan, 237,599.50 of it for two fermenters. */
    static ContractTerms licence(String amount, List<CostItem> costs) {
        return new ContractTerms(ContractType.LICENCE, ContractSubType.EXCLUSIVE, "玉米皮菌体蛋白生物发酵饲料生产技术独占许可合同",
                IMUT, CHIFENG_FEED, List.of(TTO), LocalDate.parse("2026-05-12"), LocalDate.parse("2026-05-12"),
                LocalDate.parse("2031-05-11"), new BigDecimal(amount), costs,
                List.of(new Instalment(LocalDate.parse("2026-06-30"), new BigDecimal(amount))),
                List.of("ach-7f3c2a9e41d84b0c"), List.of("docs://imut/2026/ctr-0042/contract.pdf"),
                new BigDecimal("70"));
    }

    static ContractTerms cornHuskLicence() {
        return licence("1500000.00", List.of(new CostItem(CostKind.EQUIPMENT, "发酵罐两台", new BigDecimal("237599.50"))));
    }

    static Contract submitted(ContractTerms terms) {
        return Contract.submit(new ContractId("ctr-5b1e9d07c2a34f68"), terms, RULES_2026, "imut-tto", "k-1", "fp",
                NOW, NOW.plusSeconds(30), null, null);
    }

    static Contract underReview(ContractTerms terms) {
        Contract contract = submitted(terms);
        contract.achievementsVerified(NOW);
        contract.acceptForReview("tcr-150100-01", "tcr-desk", NOW, RULES_2026, CALENDAR);
        return contract;
    }

    @Test
    void aSubmissionComputesTheTechnologyTransactionAmountAndRecordsTheStep() {
        Contract contract = submitted(cornHuskLicence());

        assertThat(contract.status()).isEqualTo(ContractStatus.SUBMITTED);
        assertThat(contract.technologyTransactionAmountYuan()).isEqualTo(new BigDecimal("1262400.50"));
        assertThat(contract.registrationRegionCode()).isEqualTo("150100");
        assertThat(contract.achievementCheck()).isEqualTo(AchievementCheckState.PENDING);
        assertThat(contract.expertReviewRequired()).isFalse();
        assertThat(contract.pendingEvents()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo(ContractStatusChanged.CONTRACT.type());
            assertThat(EventJson.read(e.payload(), ContractStatusChanged.class).action()).isEqualTo("SUBMIT");
        });
    }

    @Test
    void registersWithExpertReviewAtExactlyFiveMillion() {
        Contract contract = underReview(licence("5000000.00", List.of()));

        assertThat(contract.expertReviewRequired()).isTrue();
        assertThatThrownBy(() -> contract.beginRegistration("tcr-desk", "tcr-150100-01/2026"))
                .isInstanceOfSatisfying(StepRefused.class, r -> assertThat(r.rule()).isEqualTo("expert-review-required"));

        contract.recordExpertReview("tcr-desk", NOW);
        assertThat(contract.beginRegistration("tcr-desk", "tcr-150100-01/2026")).isTrue();
        assertThat(contract.completeRegistration(RegistrationNumber.of(Year.of(2026), HOHHOT_01, 42), NOW)).isTrue();
        assertThat(contract.registrationNumber()).isEqualTo("2026150101000042");
    }

    @Test
    void oneFenBelowTheThresholdNeedsNoExpertReviewButCostsDoNotCountTowardsIt() {
        assertThat(underReview(licence("4999999.99", List.of())).expertReviewRequired()).isFalse();
        assertThat(underReview(licence("5000100.00",
                List.of(new CostItem(CostKind.PARTS, null, new BigDecimal("100.01"))))).expertReviewRequired())
                .isFalse();
    }

    @Test
    void registeringRecordsContractRegisteredWithBothAmountsAndThePartiesCodes() {
        Contract contract = underReview(cornHuskLicence());
        contract.beginRegistration("tcr-desk", "tcr-150100-01/2026");
        contract.completeRegistration(RegistrationNumber.of(Year.of(2026), HOHHOT_01, 7), NOW);

        PendingEvent last = contract.pendingEvents().getLast();
        assertThat(last.type()).isEqualTo(ContractRegistered.CONTRACT.type());
        ContractRegistered registered = EventJson.read(last.payload(), ContractRegistered.class);
        assertThat(registered.registrationNumber()).isEqualTo("2026150101000007");
        assertThat(registered.contractAmountYuan()).isEqualTo(new BigDecimal("1500000.00"));
        assertThat(registered.technologyTransactionAmountYuan()).isEqualTo(new BigDecimal("1262400.50"));
        assertThat(registered.seller().publicResearchBody()).isTrue();
        assertThat(registered.buyer().creditCode()).isEqualTo("91150400MA0N2K7X37");
        assertThat(registered.brokers()).extracting(ContractRegistered.Party::institutionId).containsExactly("nmg-tto");
        assertThat(registered.registrationInstitutionId()).isEqualTo("tcr-150100-01");
    }

    @Test
    void aContractIsNotRegisteredWhileItsAchievementsAreUnverifiedOrUnknown() {
        Contract pending = submitted(cornHuskLicence());
        pending.acceptForReview("tcr-150100-01", "tcr-desk", NOW, RULES_2026, CALENDAR);
        Contract unknown = submitted(cornHuskLicence());
        unknown.achievementsNotFound(List.of("ach-7f3c2a9e41d84b0c"), NOW);
        unknown.acceptForReview("tcr-150100-01", "tcr-desk", NOW, RULES_2026, CALENDAR);

        assertThatThrownBy(() -> pending.beginRegistration("tcr-desk", "c"))
                .isInstanceOfSatisfying(StepRefused.class, r -> assertThat(r.rule()).isEqualTo("achievements-unverified"));
        assertThatThrownBy(() -> unknown.beginRegistration("tcr-desk", "c"))
                .isInstanceOfSatisfying(StepRefused.class, r -> assertThat(r.rule()).isEqualTo("achievements-not-found"));
    }

    @Test
    void theReviewDeadlineCountsWorkingDaysSkippingHolidaysAndCountingWorkedWeekends() {
        // Tuesday 28 April 2026: 15 working days end on 21 May, past Labour Day and with Saturday 9 May worked.
        assertThat(CALENDAR.addWorkingDays(LocalDate.parse("2026-04-28"), 15)).isEqualTo("2026-05-21");
        assertThat(CALENDAR.addWorkingDays(LocalDate.parse("2026-04-28"), 30)).isEqualTo("2026-06-11");
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-05-09"))).isTrue();
        assertThat(CALENDAR.isWorkingDay(LocalDate.parse("2026-05-05"))).isFalse();
    }

    @Test
    void aReviewPastItsDeadlineIsOverdueUnlessDocumentsAreAwaitedAndTheirArrivalRestartsTheClock() {
        Instant tuesday = Instant.parse("2026-04-28T02:00:00Z");
        Contract contract = submitted(cornHuskLicence());
        contract.achievementsVerified(tuesday);
        contract.acceptForReview("tcr-150100-01", "tcr-desk", tuesday, RULES_2026, CALENDAR);
        assertThat(contract.reviewDueOn()).isEqualTo("2026-05-21");
        assertThat(contract.overdueOn(LocalDate.parse("2026-05-21"))).isFalse();
        assertThat(contract.overdueOn(LocalDate.parse("2026-05-22"))).isTrue();

        contract.requestDocuments("技术合同登记证明材料：专利实施许可备案回执", "tcr-desk", tuesday.plusSeconds(86_400));
        assertThat(contract.overdueOn(LocalDate.parse("2026-06-30"))).isFalse();
        assertThatThrownBy(() -> contract.beginRegistration("tcr-desk", "c"))
                .isInstanceOfSatisfying(StepRefused.class, r -> assertThat(r.rule()).isEqualTo("documents-awaited"));

        contract.documentsReceived("tcr-desk", Instant.parse("2026-06-01T01:00:00Z"), RULES_2026, CALENDAR);
        assertThat(contract.reviewDueOn()).isEqualTo(CALENDAR.addWorkingDays(LocalDate.parse("2026-06-01"), 15));
        assertThat(contract.overdueOn(LocalDate.parse("2026-06-02"))).isFalse();
    }

    @Test
    void aLargeContractHasThirtyWorkingDays() {
        Instant tuesday = Instant.parse("2026-04-28T02:00:00Z");
        Contract contract = submitted(licence("5000000.00", List.of()));
        contract.acceptForReview("tcr-150100-01", "tcr-desk", tuesday, RULES_2026, CALENDAR);

        assertThat(contract.reviewDueOn()).isEqualTo("2026-06-11");
    }

    @Test
    void eachOfficialReasonRefusesAndOtherNeedsAText() {
        for (RefusalReason reason : RefusalReason.values()) {
            Contract contract = underReview(cornHuskLicence());
            contract.refuse(List.of(reason), reason == RefusalReason.OTHER ? "合同附件缺页" : null, "tcr-desk", NOW);

            assertThat(contract.status()).isEqualTo(ContractStatus.REFUSED);
            assertThat(contract.reasons()).containsExactly(reason);
            ContractStatusChanged step = EventJson.read(contract.pendingEvents().getLast().payload(),
                    ContractStatusChanged.class);
            assertThat(step.action()).isEqualTo("REFUSE");
            assertThat(step.reasons()).containsExactly(reason.name());
        }
        assertThatThrownBy(() -> underReview(cornHuskLicence()).refuse(List.of(RefusalReason.OTHER), " ", "d", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.rule()).isEqualTo("other-reason-needs-text"));
        assertThatThrownBy(() -> underReview(cornHuskLicence()).refuse(List.of(), null, "d", NOW))
                .isInstanceOfSatisfying(RuleViolation.class, v -> assertThat(v.rule()).isEqualTo("reasons-required"));
    }

    @Test
    void aRegisteredContractCannotBeRefusedNorReturned() {
        Contract contract = underReview(cornHuskLicence());
        contract.beginRegistration("tcr-desk", "tcr-150100-01/2026");
        contract.completeRegistration(RegistrationNumber.of(Year.of(2026), HOHHOT_01, 1), NOW);

        assertThatThrownBy(() -> contract.refuse(List.of(RefusalReason.UNCLEAR_TERMS), null, "d", NOW))
                .isInstanceOfSatisfying(StepRefused.class, r -> assertThat(r.rule()).isEqualTo("wrong-status"));
        assertThatThrownBy(() -> contract.returnForCorrection(List.of(RefusalReason.UNCLEAR_TERMS), null, "d", NOW))
                .isInstanceOf(StepRefused.class);
    }

    @Test
    void termsAreHeldToTheRulesEachNamingItsField() {
        assertViolation(withSubType(ContractType.LICENCE, ContractSubType.PATENT_RIGHT), "sub-type-mismatch", "subType");
        assertViolation(withSubType(ContractType.CONSULTING, ContractSubType.GENERAL), "sub-type-mismatch", "subType");
        assertViolation(withBuyer(new Party(null, "赤峰市草原牧歌饲料有限公司", "91150400MA0N2K7X38", "150400", false)),
                "credit-code-invalid", "buyer.creditCode");
        assertViolation(withPeriod("2026-05-12", "2026-05-11"), "period-ends-before-start", "validUntil");
        assertViolation(withShare("69.99"), "inventor-share-below-minimum", "inventorSharePercent");
        assertViolation(withShare(null), "inventor-share-required", "inventorSharePercent");
        assertViolation(withPayments(List.of(new Instalment(LocalDate.parse("2026-06-30"), new BigDecimal("1000000")))),
                "payments-do-not-sum-to-total", "payments");
        assertViolation(withSeller(new Party(null, "北京某科技有限公司", "91110108MA01ABCD1E", "110108", false)),
                "seller-outside-region", "seller.regionCode");
    }

    private static void assertViolation(ContractTerms terms, String rule, String field) {
        assertThatThrownBy(() -> terms.checked(RULES_2026)).as(rule)
                .isInstanceOfSatisfying(RuleViolation.class, v -> {
                    assertThat(v.rule()).isEqualTo(rule);
                    assertThat(v.field()).isEqualTo(field);
                });
    }

    private static ContractTerms withSubType(ContractType type, ContractSubType subType) {
        ContractTerms t = cornHuskLicence();
        return new ContractTerms(type, subType, t.title(), t.seller(), t.buyer(), t.brokers(), t.signedOn(),
                t.validFrom(), t.validUntil(), t.contractAmountYuan(), t.nonTechnicalCosts(), t.payments(),
                t.achievementIds(), t.documents(), t.inventorSharePercent());
    }

    private static ContractTerms withBuyer(Party buyer) {
        ContractTerms t = cornHuskLicence();
        return new ContractTerms(t.type(), t.subType(), t.title(), t.seller(), buyer, t.brokers(), t.signedOn(),
                t.validFrom(), t.validUntil(), t.contractAmountYuan(), t.nonTechnicalCosts(), t.payments(),
                t.achievementIds(), t.documents(), t.inventorSharePercent());
    }

    private static ContractTerms withSeller(Party seller) {
        ContractTerms t = cornHuskLicence();
        return new ContractTerms(t.type(), t.subType(), t.title(), seller, t.buyer(), t.brokers(), t.signedOn(),
                t.validFrom(), t.validUntil(), t.contractAmountYuan(), t.nonTechnicalCosts(), t.payments(),
                t.achievementIds(), t.documents(), t.inventorSharePercent());
    }

    private static ContractTerms withPeriod(String from, String until) {
        ContractTerms t = cornHuskLicence();
        return new ContractTerms(t.type(), t.subType(), t.title(), t.seller(), t.buyer(), t.brokers(), t.signedOn(),
                LocalDate.parse(from), LocalDate.parse(until), t.contractAmountYuan(), t.nonTechnicalCosts(),
                t.payments(), t.achievementIds(), t.documents(), t.inventorSharePercent());
    }

    private static ContractTerms withShare(String percent) {
        ContractTerms t = cornHuskLicence();
        return new ContractTerms(t.type(), t.subType(), t.title(), t.seller(), t.buyer(), t.brokers(), t.signedOn(),
                t.validFrom(), t.validUntil(), t.contractAmountYuan(), t.nonTechnicalCosts(), t.payments(),
                t.achievementIds(), t.documents(), percent == null ? null : new BigDecimal(percent));
    }

    private static ContractTerms withPayments(List<Instalment> payments) {
        ContractTerms t = cornHuskLicence();
        return new ContractTerms(t.type(), t.subType(), t.title(), t.seller(), t.buyer(), t.brokers(), t.signedOn(),
                t.validFrom(), t.validUntil(), t.contractAmountYuan(), t.nonTechnicalCosts(), payments,
                t.achievementIds(), t.documents(), t.inventorSharePercent());
    }
}
