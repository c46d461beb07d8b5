package org.mengkeju.matching.figures;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;

class DemandFiguresTest {

    @Test
    void theMatchedShareIsExactToFourPlaces() {
        assertThat(DemandFigures.share(4, 5)).isEqualByComparingTo("0.8000");
        assertThat(DemandFigures.share(5497, 20471)).isEqualByComparingTo("0.2685");
        assertThat(DemandFigures.share(0, 0)).isEqualByComparingTo("0");
    }

    @Test
    void theMedianWaitIsTheMiddleOneOrTheMeanOfTheMiddleTwo() {
        assertThat(DemandFigures.medianHours(List.of(Duration.ofHours(30), Duration.ofHours(2), Duration.ofHours(5))))
                .isEqualByComparingTo("5.00");
        assertThat(DemandFigures.medianHours(List.of(Duration.ofHours(2), Duration.ofHours(5),
                Duration.ofMinutes(90), Duration.ofHours(30)))).isEqualByComparingTo("3.50");
        assertThat(DemandFigures.medianHours(List.of())).isNull();
    }

    @Test
    void operatorsSubCentersAndBrokersReadTheFiguresPartnersAndBanksDoNot() {
        assertThat(DemandFigures.mayRead(new CallerIdentity("ops", Role.OPERATOR, null, null))).isTrue();
        assertThat(DemandFigures.mayRead(new CallerIdentity("bt", Role.SUB_CENTER, null, "150200"))).isTrue();
        assertThat(DemandFigures.mayRead(new CallerIdentity("b", Role.BROKER, null, "150200"))).isTrue();
        assertThat(DemandFigures.mayRead(new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100"))).isFalse();
        assertThat(DemandFigures.mayRead(new CallerIdentity("imb", Role.FINANCE_INSTITUTION, "imb", null))).isFalse();
    }
}
