package org.mengkeju.catalog.achievement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every step from every status, against the workflow as the review desk describes it, written out here on its own
 * rather than read from {@link LifecycleAction}: a change to the table that nobody meant fails one of these.
 */
class LifecycleTableTest {

    static final Map<LifecycleAction, Set<AchievementStatus>> ALLOWED = Map.of(
            LifecycleAction.SUBMIT, Set.of(AchievementStatus.DRAFT, AchievementStatus.RETURNED),
            LifecycleAction.TAKE_UP_REVIEW, Set.of(AchievementStatus.SUBMITTED),
            LifecycleAction.PUBLISH, Set.of(AchievementStatus.SUBMITTED, AchievementStatus.UNDER_REVIEW),
            LifecycleAction.RETURN, Set.of(AchievementStatus.SUBMITTED, AchievementStatus.UNDER_REVIEW),
            LifecycleAction.REJECT, Set.of(AchievementStatus.SUBMITTED, AchievementStatus.UNDER_REVIEW),
            LifecycleAction.START_NEGOTIATION, Set.of(AchievementStatus.PUBLISHED),
            LifecycleAction.END_NEGOTIATION, Set.of(AchievementStatus.UNDER_NEGOTIATION),
            LifecycleAction.TRANSACT, Set.of(AchievementStatus.PUBLISHED, AchievementStatus.UNDER_NEGOTIATION),
            LifecycleAction.WITHDRAW, Set.of(AchievementStatus.DRAFT, AchievementStatus.SUBMITTED,
                    AchievementStatus.UNDER_REVIEW, AchievementStatus.RETURNED, AchievementStatus.PUBLISHED,
                    AchievementStatus.UNDER_NEGOTIATION));

    /** The steps that lead from a new draft to each status. */
    static final Map<AchievementStatus, List<LifecycleAction>> PATH = Map.of(
            AchievementStatus.DRAFT, List.of(),
            AchievementStatus.SUBMITTED, List.of(LifecycleAction.SUBMIT),
            AchievementStatus.UNDER_REVIEW, List.of(LifecycleAction.SUBMIT, LifecycleAction.TAKE_UP_REVIEW),
            AchievementStatus.RETURNED, List.of(LifecycleAction.SUBMIT, LifecycleAction.RETURN),
            AchievementStatus.REJECTED, List.of(LifecycleAction.SUBMIT, LifecycleAction.REJECT),
            AchievementStatus.PUBLISHED, List.of(LifecycleAction.SUBMIT, LifecycleAction.PUBLISH),
            AchievementStatus.UNDER_NEGOTIATION, List.of(LifecycleAction.SUBMIT, LifecycleAction.PUBLISH,
                    LifecycleAction.START_NEGOTIATION),
            AchievementStatus.TRANSACTED, List.of(LifecycleAction.SUBMIT, LifecycleAction.PUBLISH,
                    LifecycleAction.TRANSACT),
            AchievementStatus.WITHDRAWN, List.of(LifecycleAction.WITHDRAW));

    static Stream<Arguments> everyStepFromEveryStatus() {
        return Stream.of(AchievementStatus.values()).flatMap(status -> Stream.of(LifecycleAction.values())
                .map(action -> Arguments.of(status, action)));
    }

    @ParameterizedTest(name = "{1} from {0}")
    @MethodSource("everyStepFromEveryStatus")
    void aStepIsTakenExactlyWhereTheWorkflowAllowsIt(AchievementStatus status, LifecycleAction action) {
        Achievement achievement = at(status);
        int events = achievement.pendingEvents().size();
        int steps = achievement.history().size();
        Instant now = Instant.parse("2026-06-01T00:00:00Z");

        if (action.to() == status) {
            assertThat(achievement.take(action, "someone", "a note", now)).as("a repeat changes nothing").isFalse();
            assertThat(achievement.history()).hasSize(steps);
        } else if (ALLOWED.get(action).contains(status)) {
            assertThat(achievement.take(action, "someone", "a note", now)).isTrue();
            assertThat(achievement.status()).isEqualTo(action.to());
            assertThat(achievement.history().getLast()).isEqualTo(
                    new LifecycleStep(action, status, action.to(), "someone", "a note", now));
            assertThat(achievement.pendingEvents().size()).isGreaterThan(events);
        } else {
            assertThatThrownBy(() -> achievement.take(action, "someone", "a note", now))
                    .isInstanceOf(Achievement.LifecycleViolation.class)
                    .hasMessageContaining(action + " is not allowed for a listing that is " + status);
            assertThat(achievement.status()).isEqualTo(status);
            assertThat(achievement.history()).hasSize(steps);
            assertThat(achievement.pendingEvents()).hasSize(events);
        }
    }

    private static Achievement at(AchievementStatus status) {
        Achievement achievement = AchievementTest.draft(IndustryChain.GRASS, Maturity.PILOT);
        Instant at = Instant.parse("2026-05-01T00:00:00Z");
        for (LifecycleAction step : PATH.get(status)) {
            achievement.take(step, "setup", "a note", at);
            at = at.plusSeconds(60);
        }
        assertThat(achievement.status()).isEqualTo(status);
        return achievement;
    }
}
