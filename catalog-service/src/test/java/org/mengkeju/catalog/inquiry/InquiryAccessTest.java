package org.mengkeju.catalog.inquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mengkeju.catalog.achievement.AchievementStatus;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;

/** Who may ask, who sees a thread and as which side: the rules of {@link InquiryDesk}. */
class InquiryAccessTest {

    static final CallerIdentity IMUT_TTO = new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100");
    static final CallerIdentity IMU_TTO = new CallerIdentity("imu-tto", Role.PARTNER, "imu", "150100");
    static final CallerIdentity BANK_LEADS = new CallerIdentity("boimc-leads", Role.FINANCE_INSTITUTION, "boimc",
            "150100");
    static final CallerIdentity BANK_BRANCH = new CallerIdentity("boimc-baotou", Role.FINANCE_INSTITUTION, "boimc",
            "150200");
    static final CallerIdentity BROKER = new CallerIdentity("broker-wang", Role.BROKER, null, "150100");
    static final CallerIdentity OTHER_BROKER = new CallerIdentity("broker-li", Role.BROKER, null, "150100");
    static final CallerIdentity OPERATOR = new CallerIdentity("ops-console", Role.OPERATOR, null, null);
    static final CallerIdentity ORDOS = new CallerIdentity("ordos-center", Role.SUB_CENTER, null, "150600");

    static Inquiry askedBy(CallerIdentity caller) {
        Buyer buyer = InquiryDesk.mayAsk(caller, "ach-7f3c2a9e41d84b0c", "imut");
        return Inquiry.open(new InquiryId("inq-0193a7c2e4f1-5b8d09aa"), "ach-7f3c2a9e41d84b0c", "玉米皮菌体蛋白生物发酵饲料",
                "imut", buyer, "价格可议吗？", null, "k-1", "fingerprint", InquiryTest.ASKED);
    }

    @Test
    void partnersOfOtherInstitutionsBanksBrokersAndTheServiceDeskAsk() {
        assertThat(InquiryDesk.mayAsk(IMU_TTO, "ach-1", "imut").party()).isEqualTo("institution:imu");
        assertThat(InquiryDesk.mayAsk(BANK_LEADS, "ach-1", "imut").party()).isEqualTo("institution:boimc");
        assertThat(InquiryDesk.mayAsk(BROKER, "ach-1", "imut").party()).isEqualTo("client:broker-wang");
        assertThat(InquiryDesk.mayAsk(OPERATOR, "ach-1", "imut").party()).isEqualTo(InquiryDesk.PLATFORM_PARTY);
        assertThat(InquiryDesk.mayAsk(BANK_LEADS, "ach-1", "imut").role()).isEqualTo("FINANCE_INSTITUTION");
    }

    @Test
    void theOwnersOwnOfficeASubCenterAndAPartnerOfNoInstitutionDoNotAsk() {
        assertThatThrownBy(() -> InquiryDesk.mayAsk(IMUT_TTO, "ach-1", "imut")).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("owns achievement ach-1");
        assertThatThrownBy(() -> InquiryDesk.mayAsk(ORDOS, "ach-1", "imut")).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("sub-centers");
        assertThatThrownBy(() -> InquiryDesk.mayAsk(new CallerIdentity("portal", Role.PARTNER, null, "150100"),
                "ach-1", "imut")).isInstanceOf(ApiProblem.class).hasMessageContaining("acts for no institution");
    }

    @Test
    void theThreadIsTheTwoSidesAndTheOperatorsAndNobodyElse() {
        Inquiry inquiry = askedBy(BANK_LEADS);

        assertThat(InquiryDesk.sideOf(BANK_LEADS, inquiry)).contains(InquirySide.BUYER);
        assertThat(InquiryDesk.sideOf(BANK_BRANCH, inquiry)).as("the same bank's other desk").contains(InquirySide.BUYER);
        assertThat(InquiryDesk.sideOf(IMUT_TTO, inquiry)).contains(InquirySide.OWNER);
        assertThat(InquiryDesk.sideOf(OPERATOR, inquiry)).contains(InquirySide.PLATFORM);
        assertThat(InquiryDesk.sideOf(IMU_TTO, inquiry)).isEmpty();
        assertThat(InquiryDesk.sideOf(BROKER, inquiry)).isEmpty();
        assertThat(InquiryDesk.sideOf(ORDOS, inquiry)).isEmpty();
        assertThat(InquiryDesk.sideOf(new CallerIdentity("boimc-tto", Role.PARTNER, "imut-x", "150100"), inquiry))
                .isEmpty();
    }

    @Test
    void aBrokerOfNoInstitutionKeepsItsInquiriesToItselfAndTheServiceDeskFollowsUpItsOwn() {
        Inquiry brokers = askedBy(BROKER);
        assertThat(InquiryDesk.sideOf(BROKER, brokers)).contains(InquirySide.BUYER);
        assertThat(InquiryDesk.sideOf(OTHER_BROKER, brokers)).isEmpty();

        Inquiry desks = askedBy(OPERATOR);
        assertThat(InquiryDesk.sideOf(new CallerIdentity("ops-li", Role.OPERATOR, null, null), desks))
                .contains(InquirySide.BUYER);
        assertThat(InquiryDesk.sideOf(IMUT_TTO, desks)).contains(InquirySide.OWNER);
    }

    @ParameterizedTest
    @EnumSource(AchievementStatus.class)
    void onlyListingsOnOfferTakeInquiries(AchievementStatus status) {
        boolean expected = status == AchievementStatus.PUBLISHED || status == AchievementStatus.UNDER_NEGOTIATION;

        assertThat(InquiryDesk.onOffer(status)).isEqualTo(expected);
    }
}
