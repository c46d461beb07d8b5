package org.mengkeju.catalog.achievement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.catalog.achievement.AchievementTest.IMUT_TTO;
import static org.mengkeju.catalog.achievement.AchievementTest.PUBLISHED;
import static org.mengkeju.catalog.achievement.AchievementTest.draft;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;

/** Who may manage and see a listing: decided by the catalog's application service from the listing's facts. */
class AchievementAccessTest {

    @Test
    void theOwnersTransferOfficeAndOperatorsManageAListingAndNobodyElse() {
        Achievement achievement = draft(IndustryChain.BIOMEDICINE, Maturity.PILOT);

        assertThat(AchievementCatalog.mayManage(IMUT_TTO, achievement)).isTrue();
        assertThat(AchievementCatalog.mayManage(new CallerIdentity("ops", Role.OPERATOR, null, null), achievement))
                .isTrue();
        assertThat(AchievementCatalog.mayManage(new CallerIdentity("imu-tto", Role.PARTNER, "imu", "150100"),
                achievement)).isFalse();
        assertThat(AchievementCatalog.mayManage(new CallerIdentity("ordos", Role.SUB_CENTER, null, "150600"),
                achievement)).isFalse();
    }

    @Test
    void aDraftIsHiddenFromOthersUntilItIsPublished() {
        Achievement achievement = draft(IndustryChain.NEW_ENERGY, Maturity.SMALL_BATCH);
        var bank = new CallerIdentity("bank", Role.FINANCE_INSTITUTION, "bank-of-inner-mongolia", "150100");

        assertThat(AchievementCatalog.maySee(bank, achievement)).isFalse();
        achievement.take(LifecycleAction.SUBMIT, "imut-tto", null, PUBLISHED);
        assertThat(AchievementCatalog.maySee(bank, achievement)).as("submitted, not yet approved").isFalse();
        achievement.take(LifecycleAction.PUBLISH, "ops-li", null, PUBLISHED);
        assertThat(AchievementCatalog.maySee(bank, achievement)).isTrue();
        assertThat(AchievementCatalog.mayManage(bank, achievement)).isFalse();
    }
}
