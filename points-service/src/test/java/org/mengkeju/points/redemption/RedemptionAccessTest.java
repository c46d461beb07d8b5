package org.mengkeju.points.redemption;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.points.ledger.SystemAccount;
import org.mengkeju.points.ledger.Transfer;
import org.mengkeju.points.ledger.TransferReason;
import org.mengkeju.points.ledger.TransferState;

/** Who may ask for, see and decide a redemption: decided by {@link Redemptions}, not by the controller. */
class RedemptionAccessTest {

    static final CallerIdentity IMUT_TTO = new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100");
    static final CallerIdentity IMU_TTO = new CallerIdentity("imu-tto", Role.PARTNER, "imu", "150100");
    static final CallerIdentity OPERATOR = new CallerIdentity("kjt-ops", Role.OPERATOR, "nmg-kjt", "150000");
    static final CallerIdentity BANK = new CallerIdentity("bank", Role.FINANCE_INSTITUTION, "bank-of-inner-mongolia",
            "150100");

    @Test
    void aHolderRedeemsItsOwnPointsAndAnOperatorMayFileForIt() {
        assertThat(Redemptions.mayRequest(IMUT_TTO, "imut")).isTrue();
        assertThat(Redemptions.mayRequest(IMU_TTO, "imut")).isFalse();
        assertThat(Redemptions.mayRequest(BANK, "imut")).isFalse();
        assertThat(Redemptions.mayRequest(OPERATOR, "imut")).isTrue();
    }

    @Test
    void onlyOperatorsDecide() {
        assertThat(Redemptions.mayDecide(OPERATOR)).isTrue();
        assertThat(List.of(IMUT_TTO, IMU_TTO, BANK)).noneMatch(Redemptions::mayDecide);
    }

    @Test
    void theHolderAndOperatorsSeeARedemptionAndNobodyElse() {
        Transfer redemption = org.mengkeju.points.ledger.TestTransfers.pending("redemption-1", "imut",
                SystemAccount.REDEEMED.accountId(), 300, TransferReason.REDEMPTION);

        assertThat(redemption.state()).isEqualTo(TransferState.PENDING);
        assertThat(Redemptions.maySee(IMUT_TTO, redemption)).isTrue();
        assertThat(Redemptions.maySee(OPERATOR, redemption)).isTrue();
        assertThat(Redemptions.maySee(IMU_TTO, redemption)).isFalse();
        assertThat(Redemptions.maySee(BANK, redemption)).isFalse();
    }

    @Test
    void aCallerAndKeyAlwaysNameTheSameRedemptionAndNoOtherCallersOne() {
        assertThat(Redemptions.redemptionId(IMUT_TTO, "q3")).isEqualTo(Redemptions.redemptionId(IMUT_TTO, "q3"))
                .startsWith("redemption-")
                .isNotEqualTo(Redemptions.redemptionId(IMU_TTO, "q3"))
                .isNotEqualTo(Redemptions.redemptionId(IMUT_TTO, "q4"));
    }
}
