package org.mengkeju.points.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;

/** Who may read a point account: decided by the ledger (the application service), not by the controller. */
class AccountAccessTest {

    @Test
    void anInstitutionReadsItsOwnAccountAndOperatorsReadAny() {
        var imutTto = new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100");
        var operator = new CallerIdentity("kjt-ops", Role.OPERATOR, "nmg-kjt", "150000");
        var bank = new CallerIdentity("bank", Role.FINANCE_INSTITUTION, "bank-of-inner-mongolia", "150100");

        assertThat(PointsLedger.mayRead(imutTto, "imut")).isTrue();
        assertThat(PointsLedger.mayRead(imutTto, "imu")).isFalse();
        assertThat(PointsLedger.mayRead(operator, "imut")).isTrue();
        assertThat(PointsLedger.mayRead(bank, "imut")).isFalse();
        assertThat(PointsLedger.mayRead(new CallerIdentity("ordos", Role.SUB_CENTER, null, "150600"), "imut"))
                .isFalse();
    }

    @Test
    void onlyOperatorsMovePointsByHandAndAnInstitutionSeesTheTransfersOnItsOwnAccount() {
        var imutTto = new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100");
        var operator = new CallerIdentity("kjt-ops", Role.OPERATOR, "nmg-kjt", "150000");
        var broker = new CallerIdentity("broker-42", Role.BROKER, null, "150100");
        Transfer award = TestTransfers.pending("t-1", SystemAccount.ISSUED.accountId(), "imut", 50,
                TransferReason.ADJUSTMENT);

        assertThat(PointsLedger.mayAdjust(operator)).isTrue();
        assertThat(PointsLedger.mayAdjust(imutTto)).isFalse();
        assertThat(PointsLedger.mayAdjust(broker)).isFalse();
        assertThat(PointsLedger.maySee(imutTto, award)).isTrue();
        assertThat(PointsLedger.maySee(operator, award)).isTrue();
        assertThat(PointsLedger.maySee(new CallerIdentity("imu-tto", Role.PARTNER, "imu", "150100"), award)).isFalse();
        assertThat(PointsLedger.maySee(broker, award)).isFalse();
    }
}
