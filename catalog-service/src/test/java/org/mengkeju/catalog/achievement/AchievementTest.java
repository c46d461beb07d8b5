package org.mengkeju.catalog.achievement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;

class AchievementTest {

    static final Instant CREATED = Instant.parse("2026-05-18T01:00:00Z");
    static final Instant SUBMITTED = Instant.parse("2026-05-18T02:00:00Z");
    static final Instant PUBLISHED = Instant.parse("2026-05-18T02:30:00Z");
    static final CallerIdentity IMUT_TTO = new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100");

    static Achievement draft(IndustryChain chain, Maturity maturity) {
        return Achievement.draft(new AchievementId("ach-7f3c2a9e41d84b0c"), details(chain, maturity), "imut",
                IMUT_TTO, null, "imut-2026-0001", "fingerprint", CREATED);
    }

    static AchievementDetails details(IndustryChain chain, Maturity maturity) {
        return new AchievementDetails("玉米皮菌体蛋白生物发酵饲料", "Profit of 1048 yuan per tonne of corn husk", null, chain,
                List.of("菌体蛋白"), maturity, null, List.of(), List.of(), Set.of(TransferMode.LICENCE),
                Price.fixed(new BigDecimal("1500000.00")), List.of());
    }

    /** Submitted by the owner's office and approved by a reviewer: the way every listing reaches the public. */
    static Achievement published(IndustryChain chain, Maturity maturity) {
        Achievement achievement = draft(chain, maturity);
        achievement.take(LifecycleAction.SUBMIT, "imut-tto", null, SUBMITTED);
        achievement.take(LifecycleAction.PUBLISH, "ops-li", null, PUBLISHED);
        return achievement;
    }

    @Test
    void publishingListsItAndRecordsTheEventWithThePublicationTime() {
        Achievement achievement = draft(IndustryChain.MODERN_AGRICULTURE, Maturity.INDUSTRIALISED);
        assertThat(achievement.take(LifecycleAction.SUBMIT, "imut-tto", null, SUBMITTED)).isTrue();

        assertThat(achievement.take(LifecycleAction.PUBLISH, "ops-li", null, PUBLISHED)).isTrue();

        assertThat(achievement.status()).isEqualTo(AchievementStatus.PUBLISHED);
        assertThat(achievement.publishedAt()).isEqualTo(PUBLISHED);
        var events = achievement.pendingEvents();
        assertThat(events).extracting(event -> event.type()).containsExactly(AchievementChanged.CONTRACT.type(),
                AchievementPublished.CONTRACT.type(), AchievementChanged.CONTRACT.type());
        assertThat(events).allSatisfy(event -> assertThat(event.key()).isEqualTo("ach-7f3c2a9e41d84b0c"));
        assertThat(EventJson.read(events.get(1).payload(), AchievementPublished.class)).isEqualTo(
                new AchievementPublished("ach-7f3c2a9e41d84b0c", "玉米皮菌体蛋白生物发酵饲料", "imut", "MODERN_AGRICULTURE",
                        "INDUSTRIALISED", PUBLISHED));
        AchievementChanged approval = EventJson.read(events.get(2).payload(), AchievementChanged.class);
        assertThat(approval.action()).isEqualTo("PUBLISH");
        assertThat(approval.fromStatus()).isEqualTo("SUBMITTED");
        assertThat(approval.toStatus()).isEqualTo("PUBLISHED");
        assertThat(approval.actor()).isEqualTo("ops-li");
        assertThat(approval.askingPriceYuan()).isEqualByComparingTo("1500000.00");
        assertThat(approval.transferModes()).containsExactly("LICENCE");
        assertThat(approval.changedAt()).isEqualTo(PUBLISHED);
    }

    @Test
    void theChangeEventCarriesTheRightsBehindTheResultForTheBanksThatLendOnPatents() {
        AchievementDetails withRights = new AchievementDetails("稀土硫化物着色剂", null, null, IndustryChain.RARE_EARTHS,
                List.of("稀土"), Maturity.PILOT, 6, List.of(
                        new IpItem("ZL201710601862.3", IpItem.Type.INVENTION_PATENT, IpItem.LegalStatus.GRANTED),
                        new IpItem("2021SR0123456", IpItem.Type.SOFTWARE_COPYRIGHT, IpItem.LegalStatus.GRANTED)),
                List.of(), Set.of(TransferMode.LICENCE), Price.negotiable(), List.of());
        Achievement achievement = Achievement.draft(new AchievementId("ach-7f3c2a9e41d84b0c"), withRights, "btre",
                IMUT_TTO, null, "btre-2026-0007", "fingerprint", CREATED);

        achievement.take(LifecycleAction.SUBMIT, "imut-tto", null, SUBMITTED);

        AchievementChanged submitted = EventJson.read(achievement.pendingEvents().getLast().payload(),
                AchievementChanged.class);
        assertThat(submitted.ipItems()).containsExactly(
                new AchievementChanged.IpItem("ZL201710601862.3", "INVENTION_PATENT", "GRANTED"),
                new AchievementChanged.IpItem("2021SR0123456", "SOFTWARE_COPYRIGHT", "GRANTED"));
        assertThat(submitted.ipItems()).filteredOn(AchievementChanged.IpItem::countsAsGrantedPatent).hasSize(1);
    }

    @Test
    void publishingAgainChangesNothingAndRecordsNoSecondEvent() {
        Achievement achievement = published(IndustryChain.RARE_EARTHS, Maturity.PILOT);

        assertThat(achievement.take(LifecycleAction.PUBLISH, "ops-li", null, PUBLISHED.plusSeconds(60))).isFalse();

        assertThat(achievement.publishedAt()).isEqualTo(PUBLISHED);
        assertThat(achievement.pendingEvents()).hasSize(3);
        assertThat(achievement.history()).hasSize(2);
    }

    @Test
    void aReturnedListingIsResubmittedAndItsHistoryKeepsEveryStepWithItsNote() {
        Achievement achievement = draft(IndustryChain.NEW_MATERIALS, Maturity.PILOT);
        achievement.take(LifecycleAction.SUBMIT, "imut-tto", null, SUBMITTED);
        achievement.take(LifecycleAction.TAKE_UP_REVIEW, "ops-li", null, SUBMITTED.plusSeconds(60));
        achievement.take(LifecycleAction.RETURN, "ops-li", "  请补充中试数据  ", SUBMITTED.plusSeconds(120));
        achievement.take(LifecycleAction.SUBMIT, "imut-tto", null, SUBMITTED.plusSeconds(180));

        assertThat(achievement.status()).isEqualTo(AchievementStatus.SUBMITTED);
        assertThat(achievement.history()).extracting(LifecycleStep::action).containsExactly(LifecycleAction.SUBMIT,
                LifecycleAction.TAKE_UP_REVIEW, LifecycleAction.RETURN, LifecycleAction.SUBMIT);
        assertThat(achievement.history().get(2)).isEqualTo(new LifecycleStep(LifecycleAction.RETURN,
                AchievementStatus.UNDER_REVIEW, AchievementStatus.RETURNED, "ops-li", "请补充中试数据",
                SUBMITTED.plusSeconds(120)));
        assertThat(achievement.publishedAt()).isNull();
        assertThat(achievement.pendingEvents()).hasSize(4)
                .allSatisfy(event -> assertThat(event.type()).isEqualTo(AchievementChanged.CONTRACT.type()));
    }

    @Test
    void aStepFromTheWrongStatusIsRefusedAndChangesNothing() {
        Achievement achievement = draft(IndustryChain.DAIRY, Maturity.LAB);

        assertThatThrownBy(() -> achievement.take(LifecycleAction.PUBLISH, "ops-li", null, PUBLISHED))
                .isInstanceOf(Achievement.LifecycleViolation.class)
                .hasMessageContaining("PUBLISH is not allowed for a listing that is DRAFT");

        assertThat(achievement.status()).isEqualTo(AchievementStatus.DRAFT);
        assertThat(achievement.history()).isEmpty();
        assertThat(achievement.pendingEvents()).isEmpty();
    }

    @Test
    void returningRejectingAndWithdrawingNeedANote() {
        Achievement achievement = draft(IndustryChain.DAIRY, Maturity.LAB);
        achievement.take(LifecycleAction.SUBMIT, "imut-tto", null, SUBMITTED);

        assertThatThrownBy(() -> achievement.take(LifecycleAction.REJECT, "ops-li", " ", PUBLISHED))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("REJECT needs a note");
        assertThatThrownBy(() -> achievement.take(LifecycleAction.WITHDRAW, "imut-tto", null, PUBLISHED))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(achievement.status()).isEqualTo(AchievementStatus.SUBMITTED);
        assertThat(achievement.take(LifecycleAction.REJECT, "ops-li", "与已登记成果重复", PUBLISHED)).isTrue();
        assertThat(achievement.status()).isEqualTo(AchievementStatus.REJECTED);
    }

    @Test
    void finalStatusesAllowNoFurtherStep() {
        for (AchievementStatus last : new AchievementStatus[] {AchievementStatus.REJECTED, AchievementStatus.TRANSACTED,
                AchievementStatus.WITHDRAWN}) {
            assertThat(Arrays.stream(LifecycleAction.values()).filter(action -> action.allowedFrom(last)))
                    .as("steps out of %s", last).isEmpty();
        }
    }

    @Test
    void aNegotiationThatBreaksOffPutsTheListingBackOnOfferWithoutASecondPublication() {
        Achievement achievement = published(IndustryChain.HYDROGEN, Maturity.PILOT);
        achievement.take(LifecycleAction.START_NEGOTIATION, "imut-tto", null, PUBLISHED.plusSeconds(60));
        achievement.take(LifecycleAction.END_NEGOTIATION, "imut-tto", null, PUBLISHED.plusSeconds(120));

        assertThat(achievement.status()).isEqualTo(AchievementStatus.PUBLISHED);
        assertThat(achievement.publishedAt()).isEqualTo(PUBLISHED);
        assertThat(achievement.pendingEvents()).filteredOn(e -> e.type().equals(AchievementPublished.CONTRACT.type()))
                .hasSize(1);
    }

    @Test
    void aRevisionKeepsTheContentBeforeAndEmitsTheChangedFields() {
        Achievement achievement = published(IndustryChain.DAIRY, Maturity.PILOT);
        AchievementDetails revised = new AchievementDetails("玉米皮菌体蛋白生物发酵饲料", "Now also for sheep", null,
                IndustryChain.DAIRY, List.of("菌体蛋白"), Maturity.PILOT, 6, List.of(), List.of(),
                Set.of(TransferMode.LICENCE), Price.fixed(new BigDecimal("1500000.00")), List.of());

        assertThat(achievement.revise(revised, "imut-tto", PUBLISHED.plusSeconds(600))).isTrue();
        assertThat(achievement.revise(revised, "imut-tto", PUBLISHED.plusSeconds(700))).as("same content").isFalse();

        assertThat(achievement.details()).isEqualTo(revised);
        assertThat(achievement.revisions()).singleElement().satisfies(revision -> {
            assertThat(revision.changedFields()).containsExactly("summary", "technologyReadinessLevel");
            assertThat(revision.before().summary()).isEqualTo("Profit of 1048 yuan per tonne of corn husk");
            assertThat(revision.actor()).isEqualTo("imut-tto");
        });
        var last = EventJson.read(achievement.pendingEvents().getLast().payload(), AchievementChanged.class);
        assertThat(last.action()).isEqualTo("REVISE");
        assertThat(last.fromStatus()).isEqualTo("PUBLISHED").isEqualTo(last.toStatus());
        assertThat(last.changedFields()).containsExactly("summary", "technologyReadinessLevel");
        assertThat(last.technologyReadinessLevel()).isEqualTo(6);
    }

    @Test
    void aListingUnderReviewOrClosedCannotBeRevised() {
        Achievement achievement = draft(IndustryChain.DAIRY, Maturity.PILOT);
        achievement.take(LifecycleAction.SUBMIT, "imut-tto", null, SUBMITTED);

        assertThatThrownBy(() -> achievement.revise(details(IndustryChain.SEEDS, Maturity.PILOT), "imut-tto",
                PUBLISHED)).isInstanceOf(Achievement.RevisionRefused.class).hasMessageContaining("SUBMITTED");
        assertThat(achievement.industryChain()).isEqualTo(IndustryChain.DAIRY);
    }

    /** Every chain and maturity the API accepts must fit the events' schemas, or publishing would fail. */
    @ParameterizedTest
    @EnumSource(IndustryChain.class)
    void everyIndustryChainFitsTheEventContract(IndustryChain chain) {
        assertThat(published(chain, Maturity.LAB).status()).isEqualTo(AchievementStatus.PUBLISHED);
    }

    @ParameterizedTest
    @EnumSource(Maturity.class)
    void everyMaturityFitsTheEventContract(Maturity maturity) {
        assertThat(published(IndustryChain.DAIRY, maturity).status()).isEqualTo(AchievementStatus.PUBLISHED);
    }
}
