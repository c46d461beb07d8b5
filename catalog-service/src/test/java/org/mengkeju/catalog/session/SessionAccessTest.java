package org.mengkeju.catalog.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mengkeju.catalog.achievement.AchievementStatus;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;

/** Who organises a session, and in which region: the rules of {@link SessionProgramme}. */
class SessionAccessTest {

    static final CallerIdentity OPERATOR = new CallerIdentity("ops-console", Role.OPERATOR, null, null);
    static final CallerIdentity BAOTOU = new CallerIdentity("baotou-sub-center", Role.SUB_CENTER, null, "150200");
    static final CallerIdentity ORDOS = new CallerIdentity("ordos-sub-center", Role.SUB_CENTER, null, "150600");

    @Test
    void anOperatorSchedulesAnywhereOrRegionWideAndASubCenterInItsOwnLeagueCity() {
        assertThat(SessionProgramme.regionFor(OPERATOR, "150600")).isEqualTo("150600");
        assertThat(SessionProgramme.regionFor(OPERATOR, null)).isNull();
        assertThat(SessionProgramme.regionFor(BAOTOU, null)).isEqualTo("150200");
        assertThat(SessionProgramme.regionFor(BAOTOU, "150200")).isEqualTo("150200");
        assertThatThrownBy(() -> SessionProgramme.regionFor(BAOTOU, "150600")).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("150200 only, not 150600");
        assertThatThrownBy(() -> SessionProgramme.regionFor(OPERATOR, "151000")).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("regionCode");
    }

    @ParameterizedTest
    @EnumSource(value = Role.class, names = {"PARTNER", "FINANCE_INSTITUTION", "BROKER"})
    void nobodyElseSchedules(Role role) {
        var caller = new CallerIdentity("client", role, "imut", "150100");

        assertThatThrownBy(() -> SessionProgramme.regionFor(caller, null)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("only operators and sub-centers");
    }

    @Test
    void aSessionIsOrganisedByOperatorsAndItsOwnSubCenterOnly() {
        ReleaseSession baotou = ReleaseSessionTest.scheduled("150200");
        ReleaseSession regionWide = ReleaseSessionTest.scheduled(null);

        assertThatCode(() -> SessionProgramme.mayOrganise(OPERATOR, baotou)).doesNotThrowAnyException();
        assertThatCode(() -> SessionProgramme.mayOrganise(BAOTOU, baotou)).doesNotThrowAnyException();
        assertThatCode(() -> SessionProgramme.mayOrganise(OPERATOR, regionWide)).doesNotThrowAnyException();
        assertThatThrownBy(() -> SessionProgramme.mayOrganise(ORDOS, baotou)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("150200");
        assertThatThrownBy(() -> SessionProgramme.mayOrganise(BAOTOU, regionWide)).isInstanceOf(ApiProblem.class);
        assertThatThrownBy(() -> SessionProgramme.mayOrganise(
                new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150200"), baotou)).isInstanceOf(ApiProblem.class);
    }

    @ParameterizedTest
    @EnumSource(AchievementStatus.class)
    void aSessionPresentsOnlyListingsOnOffer(AchievementStatus status) {
        boolean expected = status == AchievementStatus.PUBLISHED || status == AchievementStatus.UNDER_NEGOTIATION;

        assertThat(SessionProgramme.onOffer(status)).isEqualTo(expected);
    }
}
