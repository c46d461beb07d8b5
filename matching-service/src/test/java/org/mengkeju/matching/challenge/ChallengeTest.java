package org.mengkeju.matching.challenge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.matching.ChallengePosted;
import org.mengkeju.events.matching.ChallengeStepTaken;
import org.mengkeju.matching.market.IndustryChain;

class ChallengeTest {

    static final Instant POSTED = Instant.parse("2026-11-25T02:00:00Z");

    static Challenge tapholeRobot(LocalDate deadline, Instant now) {
        return Challenge.post(new Challenge.Terms("高炉出铁口泥炮自动装泥与堵口", "无人操作，单次作业不超过8分钟",
                "须在包头完成现场中试", IndustryChain.EQUIPMENT_MANUFACTURING, "150200", new BigDecimal("3000000.00"),
                deadline), "baotou-steel", "baotou-steel-erp", "k1", "f", now);
    }

    static Application apply(Challenge challenge, String institution, Instant now) {
        return challenge.apply(institution, institution + "团队", "六轴重载机器人配合视觉定位", null,
                institution + "-tto", "key-" + institution, "f-" + institution, now);
    }

    @Test
    void postingRecordsTheChallengeWithItsRewardExact() {
        Challenge challenge = tapholeRobot(LocalDate.of(2027, 3, 31), POSTED);

        assertThat(challenge.pendingEvents()).singleElement().satisfies(e -> {
            ChallengePosted posted = EventJson.read(e.payload(), ChallengePosted.class);
            assertThat(posted.rewardYuan()).isEqualByComparingTo("3000000.00");
            assertThat(posted.deadline()).isEqualTo(LocalDate.of(2027, 3, 31));
        });
    }

    @Test
    void applicationsAreTakenThroughTheDeadlinesLocalDayAndRefusedFromMidnight() {
        Challenge challenge = tapholeRobot(LocalDate.of(2027, 3, 31), POSTED);
        Instant lastMinute = Instant.parse("2027-03-31T15:59:00Z");
        Instant midnight = Instant.parse("2027-03-31T16:00:00Z");

        assertThat(challenge.takesApplicationsAt(lastMinute)).isTrue();
        apply(challenge, "imust", lastMinute);
        assertThat(challenge.takesApplicationsAt(midnight)).isFalse();
        assertThatThrownBy(() -> apply(challenge, "imut", midnight)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2027-03-31");
    }

    @Test
    void anInstitutionAppliesOnce() {
        Challenge challenge = tapholeRobot(LocalDate.of(2027, 3, 31), POSTED);
        apply(challenge, "imust", POSTED);

        assertThatThrownBy(() -> apply(challenge, "imust", POSTED)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyAShortlistedApplicationIsChosenAndChoosingPassesOverTheOthers() {
        Challenge challenge = tapholeRobot(LocalDate.of(2027, 3, 31), POSTED);
        Application imust = apply(challenge, "imust", POSTED);
        Application imut = apply(challenge, "imut", POSTED);

        assertThatThrownBy(() -> challenge.choose(imust.applicationId(), "baotou-steel-erp", POSTED))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("shortlisted");
        assertThat(challenge.shortlist(imust.applicationId(), "baotou-steel-erp", POSTED)).isTrue();
        assertThat(challenge.shortlist(imust.applicationId(), "baotou-steel-erp", POSTED)).isFalse();
        assertThat(challenge.choose(imust.applicationId(), "baotou-steel-erp", POSTED)).isTrue();
        assertThat(challenge.choose(imust.applicationId(), "baotou-steel-erp", POSTED)).isFalse();

        assertThat(challenge.status()).isEqualTo(ChallengeStatus.AWARDED);
        assertThat(challenge.application(imut.applicationId()).orElseThrow().status())
                .isEqualTo(ApplicationStatus.NOT_CHOSEN);
        assertThatThrownBy(() -> challenge.shortlist(imut.applicationId(), "baotou-steel-erp", POSTED))
                .isInstanceOf(IllegalStateException.class);
        ChallengeStepTaken chosen = EventJson.read(challenge.pendingEvents().getLast().payload(),
                ChallengeStepTaken.class);
        assertThat(chosen.action()).isEqualTo("CHOOSE");
        assertThat(chosen.challengeStatus()).isEqualTo("AWARDED");
        assertThat(chosen.applicantInstitutionId()).isEqualTo("imust");
        assertThat(challenge.pendingEvents()).hasSize(5);
    }
}
