package org.mengkeju.matching.demand;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;

class DemandAccessTest {

    static final CallerIdentity OWNER = new CallerIdentity("btrp-erp", Role.PARTNER, "btrp", "150200");
    static final CallerIdentity UNIVERSITY = new CallerIdentity("imust-tto", Role.PARTNER, "imust", "150200");
    static final CallerIdentity BAOTOU_BROKER = new CallerIdentity("nmg-broker-0412", Role.BROKER, null, "150200");
    static final CallerIdentity ORDOS_BROKER = new CallerIdentity("nmg-broker-0907", Role.BROKER, null, "150600");
    static final CallerIdentity REGIONAL_AGENCY = new CallerIdentity("nmg-ttc", Role.BROKER, "nmg-ttc", null);
    static final CallerIdentity BAOTOU_SUB_CENTER = new CallerIdentity("baotou-sub", Role.SUB_CENTER, null, "150200");
    static final CallerIdentity BANK = new CallerIdentity("bank-imb", Role.FINANCE_INSTITUTION, "imb", "150100");
    static final CallerIdentity OPERATOR = new CallerIdentity("ops-console", Role.OPERATOR, null, null);

    static Demand baotouDemand() {
        return DemandTest.posted(LocalDate.of(2026, 12, 31));
    }

    @Test
    void operatorsAndTheBrokersOfTheDemandsLeagueCityTriage() {
        Demand demand = baotouDemand();

        assertThat(DemandBoard.mayTriage(OPERATOR, demand)).isTrue();
        assertThat(DemandBoard.mayTriage(BAOTOU_BROKER, demand)).isTrue();
        assertThat(DemandBoard.mayTriage(REGIONAL_AGENCY, demand)).isTrue();
        assertThat(DemandBoard.mayTriage(ORDOS_BROKER, demand)).isFalse();
        assertThat(DemandBoard.mayTriage(OWNER, demand)).isFalse();
        assertThat(DemandBoard.mayTriage(BAOTOU_SUB_CENTER, demand)).isFalse();
    }

    @Test
    void theOwnerMayCloseItsDemandButAnotherInstitutionMayNot() {
        Demand demand = baotouDemand();

        assertThat(DemandBoard.mayChangeStatus(OWNER, demand)).isTrue();
        assertThat(DemandBoard.mayChangeStatus(UNIVERSITY, demand)).isFalse();
        assertThat(DemandBoard.mayChangeStatus(BANK, demand)).isFalse();
    }

    @Test
    void anOpenDemandIsPublicButItsContactIsNot() {
        Demand demand = baotouDemand();

        assertThat(DemandBoard.maySee(UNIVERSITY, demand)).isTrue();
        assertThat(DemandBoard.maySee(BANK, demand)).isTrue();
        assertThat(DemandBoard.maySeeContact(UNIVERSITY, demand)).isFalse();
        assertThat(DemandBoard.maySeeContact(ORDOS_BROKER, demand)).isFalse();
        assertThat(DemandBoard.maySeeContact(BAOTOU_SUB_CENTER, demand)).isTrue();
        assertThat(DemandBoard.maySeeContact(OWNER, demand)).isTrue();
    }

    @Test
    void aClosedDemandIsSeenOnlyByThoseWhoWorkOnIt() {
        Demand demand = baotouDemand();
        demand.moveTo(DemandStatus.CLOSED, "btrp-erp", null, DemandTest.POSTED);

        assertThat(DemandBoard.maySee(UNIVERSITY, demand)).isFalse();
        assertThat(DemandBoard.maySee(ORDOS_BROKER, demand)).isFalse();
        assertThat(DemandBoard.maySee(OWNER, demand)).isTrue();
        assertThat(DemandBoard.maySee(BAOTOU_SUB_CENTER, demand)).isTrue();
    }
}
