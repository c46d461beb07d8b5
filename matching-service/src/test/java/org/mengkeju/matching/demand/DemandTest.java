package org.mengkeju.matching.demand;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.matching.DemandPosted;
import org.mengkeju.events.matching.DemandStatusChanged;
import org.mengkeju.matching.market.BudgetRange;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.matching.market.Maturity;
import org.mengkeju.matching.market.RegionCode;
import org.mengkeju.matching.market.TransferMode;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;

class DemandTest {

    /** 10:00 in Baotou on 18 June 2026. */
    static final Instant POSTED = Instant.parse("2026-06-18T02:00:00Z");
    static final CallerIdentity POLISH_ERP = new CallerIdentity("btrp-erp", Role.PARTNER, "btrp", "150200");

    static DemandDetails ceriumRecovery(LocalDate deadline) {
        return new DemandDetails("稀土抛光粉废料中铈的回收提纯", "每年约800吨抛光粉废料，回收氧化铈，纯度99.9%以上。",
                IndustryChain.RARE_EARTHS, "稀土冶炼分离", new RegionCode("150200"),
                new BudgetRange(new BigDecimal("500000.00"), new BigDecimal("2000000.00")),
                Set.of(TransferMode.LICENCE, TransferMode.DEVELOPMENT), Maturity.PILOT, deadline,
                new DemandDetails.Contact("王工", "0472-5123456"));
    }

    static Demand posted(LocalDate deadline) {
        return Demand.post(new DemandId("dem-4b1e0c9a7d2f4e81"), ceriumRecovery(deadline), "btrp", POLISH_ERP,
                "btrp-0001", "fingerprint", POSTED);
    }

    @Test
    void postingOpensTheDemandAndRecordsItWithItsBudgetExactToTheFen() {
        Demand demand = posted(LocalDate.of(2026, 12, 31));

        assertThat(demand.status()).isEqualTo(DemandStatus.OPEN);
        assertThat(demand.pendingEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(DemandPosted.CONTRACT.type());
            assertThat(event.key()).isEqualTo("dem-4b1e0c9a7d2f4e81");
            DemandPosted posted = EventJson.read(event.payload(), DemandPosted.class);
            assertThat(posted.budgetMaxYuan()).isEqualByComparingTo("2000000.00");
            assertThat(posted.deadline()).isEqualTo(LocalDate.of(2026, 12, 31));
            assertThat(posted.transferModes()).containsExactlyInAnyOrder("LICENCE", "DEVELOPMENT");
            assertThat(posted.postedBy()).isEqualTo("btrp-erp");
            assertThat(posted.version()).isZero();
        });
    }

    @Test
    void aDeadlineOfTodayIsAcceptedButYesterdayIsNot() {
        // 01:30 UTC on 18 June is 09:30 on 18 June in Asia/Shanghai; UTC's date would still say so, but at 17:00 UTC
        // on 17 June the local day is already the 18th.
        Instant earlyLocalMorning = Instant.parse("2026-06-17T17:00:00Z");
        DemandDetails today = ceriumRecovery(LocalDate.of(2026, 6, 18));
        DemandDetails yesterday = ceriumRecovery(LocalDate.of(2026, 6, 17));

        assertThat(Demand.post(DemandId.next(), today, "btrp", POLISH_ERP, "k1", "f", earlyLocalMorning).status())
                .isEqualTo(DemandStatus.OPEN);
        assertThatThrownBy(() -> Demand.post(DemandId.next(), yesterday, "btrp", POLISH_ERP, "k2", "f",
                earlyLocalMorning)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2026-06-17");
    }

    @Test
    void aDemandExpiresAtTheFirstInstantAfterItsDeadlinesLocalDay() {
        Demand demand = posted(LocalDate.of(2026, 12, 31));
        Instant lastMomentOfTheDay = Instant.parse("2026-12-31T15:59:59.999Z");
        Instant localMidnight = Instant.parse("2026-12-31T16:00:00Z");

        assertThat(demand.expiresAt()).isEqualTo(localMidnight);
        assertThat(demand.expireIfDue(lastMomentOfTheDay)).isFalse();
        assertThat(demand.expireIfDue(localMidnight)).isTrue();

        assertThat(demand.status()).isEqualTo(DemandStatus.EXPIRED);
        assertThat(demand.expiredAt()).isEqualTo(localMidnight);
        DemandStatusChanged expired = lastStep(demand);
        assertThat(expired.action()).isEqualTo("EXPIRE");
        assertThat(expired.fromStatus()).isEqualTo("OPEN");
        assertThat(expired.toStatus()).isEqualTo("EXPIRED");
        assertThat(expired.actor()).isEqualTo("matching-service");
    }

    @Test
    void expiringTwiceRecordsOneEvent() {
        Demand demand = posted(LocalDate.of(2026, 12, 31));
        Instant later = Instant.parse("2027-01-02T00:00:00Z");

        assertThat(demand.expireIfDue(later)).isTrue();
        assertThat(demand.expireIfDue(later.plusSeconds(60))).isFalse();

        assertThat(demand.pendingEvents()).hasSize(2);
    }

    @Test
    void aDemandTrackedForTheLongTermOrAlreadyMatchedDoesNotExpire() {
        Instant afterDeadline = Instant.parse("2027-01-02T00:00:00Z");
        Demand tracked = posted(LocalDate.of(2026, 12, 31));
        tracked.triage(Triage.LONG_TERM_TRACKING, null, "nmg-broker-0412", "暂无成熟方案，长期跟踪", POSTED);
        Demand matched = posted(LocalDate.of(2026, 12, 31));
        matched.moveTo(DemandStatus.MATCHED, "btrp-erp", null, POSTED);

        assertThat(tracked.expireIfDue(afterDeadline)).isFalse();
        assertThat(matched.expireIfDue(afterDeadline)).isFalse();
        assertThat(tracked.status()).isEqualTo(DemandStatus.OPEN);
    }

    @Test
    void refiningSharpensTheStatementAndRecordsTheDemandAsRefined() {
        Demand demand = posted(LocalDate.of(2026, 12, 31));
        Refinement sharper = new Refinement("稀土抛光粉废料中铈的湿法回收提纯", null, null, null,
                Set.of(TransferMode.LICENCE), null);

        assertThat(demand.triage(Triage.REFINED, sharper, "nmg-broker-0412", "含铈约35%", POSTED)).isTrue();

        assertThat(demand.title()).isEqualTo("稀土抛光粉废料中铈的湿法回收提纯");
        assertThat(demand.transferModes()).containsExactly(TransferMode.LICENCE);
        assertThat(demand.field()).isEqualTo("稀土冶炼分离");
        DemandStatusChanged step = lastStep(demand);
        assertThat(step.action()).isEqualTo("REFINE");
        assertThat(step.triage()).isEqualTo("REFINED");
        assertThat(step.title()).isEqualTo("稀土抛光粉废料中铈的湿法回收提纯");
        assertThat(step.note()).isEqualTo("含铈约35%");
    }

    @Test
    void theSameVerdictAgainWithNothingNewIsNoStep() {
        Demand demand = posted(LocalDate.of(2026, 12, 31));
        demand.triage(Triage.SENT_BACK, null, "nmg-broker-0412", "问题描述不清，请企业重新诊断", POSTED);

        assertThat(demand.triage(Triage.SENT_BACK, null, "nmg-broker-0412", "again", POSTED)).isFalse();
        assertThat(demand.pendingEvents()).hasSize(2);
        assertThat(demand.isSeekingSolutions()).isFalse();
    }

    @Test
    void openThenMatchedThenClosedRecordsEachStep() {
        Demand demand = posted(LocalDate.of(2026, 12, 31));

        assertThat(demand.moveTo(DemandStatus.MATCHED, "nmg-broker-0412", "与内蒙古科技大学对接", POSTED)).isTrue();
        assertThat(demand.moveTo(DemandStatus.MATCHED, "nmg-broker-0412", null, POSTED)).isFalse();
        assertThat(demand.moveTo(DemandStatus.CLOSED, "btrp-erp", "许可合同已签订", POSTED.plusSeconds(3600))).isTrue();

        assertThat(demand.status()).isEqualTo(DemandStatus.CLOSED);
        assertThat(demand.pendingEvents()).extracting(e -> e.type()).containsExactly(DemandPosted.CONTRACT.type(),
                DemandStatusChanged.CONTRACT.type(), DemandStatusChanged.CONTRACT.type());
        assertThat(lastStep(demand).action()).isEqualTo("CLOSE");
        assertThat(lastStep(demand).fromStatus()).isEqualTo("MATCHED");
    }

    @Test
    void aClosedDemandIsNeitherMatchedNorTriagedAgain() {
        Demand demand = posted(LocalDate.of(2026, 12, 31));
        demand.moveTo(DemandStatus.CLOSED, "btrp-erp", "需求取消", POSTED);

        assertThatThrownBy(() -> demand.moveTo(DemandStatus.MATCHED, "btrp-erp", null, POSTED))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> demand.triage(Triage.REFINED, null, "nmg-broker-0412", null, POSTED))
                .isInstanceOf(IllegalStateException.class);
    }

    @ParameterizedTest
    @EnumSource(IndustryChain.class)
    void everyChainFitsTheEventSchemas(IndustryChain chain) {
        DemandDetails details = ceriumRecovery(LocalDate.of(2026, 12, 31));
        DemandDetails inChain = new DemandDetails(details.title(), details.problem(), chain, details.field(),
                details.region(), BudgetRange.open(), Set.of(TransferMode.values()), null, details.deadline(),
                details.contact());

        Demand demand = Demand.post(DemandId.next(), inChain, "btrp", POLISH_ERP, "k", "f", POSTED);
        demand.moveTo(DemandStatus.CLOSED, "btrp-erp", null, POSTED);

        assertThat(demand.pendingEvents()).hasSize(2);
    }

    private static DemandStatusChanged lastStep(Demand demand) {
        return EventJson.read(demand.pendingEvents().getLast().payload(), DemandStatusChanged.class);
    }
}
