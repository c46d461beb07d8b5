package org.mengkeju.catalog.trading;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;

/** Who lists a lot, who sees its bidders' institutions, who objects: the rules of the trading desk. */
class TradingAccessTest {

    static final CallerIdentity IMUT_OFFICE = new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100");
    static final CallerIdentity BUYER = new CallerIdentity("muge-tto", Role.PARTNER, "chifeng-muge-feed", "150400");
    static final CallerIdentity HOHHOT_CENTER = new CallerIdentity("hohhot-sc", Role.SUB_CENTER, null, "150100");
    static final CallerIdentity ORDOS_CENTER = new CallerIdentity("ordos-sc", Role.SUB_CENTER, null, "150600");
    static final CallerIdentity OPERATOR = new CallerIdentity("ops-console", Role.OPERATOR, null, null);
    static final CallerIdentity BANK = new CallerIdentity("boimc-leads", Role.FINANCE_INSTITUTION, "boimc", "150100");
    static final CallerIdentity BROKER = new CallerIdentity("zhang-broker", Role.BROKER, null, "150100");

    @Test
    void theOwnersOfficeTheSubCenterOfItsLeagueCityAndOperatorsListAndSeeBidders() {
        assertThat(TradingDesk.mayList(IMUT_OFFICE, "imut", "150100")).isTrue();
        assertThat(TradingDesk.mayList(HOHHOT_CENTER, "imut", "150100")).isTrue();
        assertThat(TradingDesk.mayList(OPERATOR, "imut", "150100")).isTrue();

        assertThat(TradingDesk.mayList(ORDOS_CENTER, "imut", "150100")).isFalse();
        assertThat(TradingDesk.mayList(BUYER, "imut", "150100")).isFalse();
        assertThat(TradingDesk.mayList(BANK, "imut", "150100")).isFalse();
        assertThat(TradingDesk.manages(BUYER, "imut", "150100")).as("a bidder sees pseudonyms only").isFalse();
        assertThat(TradingDesk.manages(HOHHOT_CENTER, "imut", null)).isFalse();
    }

    @Test
    void partnersFinanceInstitutionsAndBrokersObjectOperatorsDecide() {
        assertThat(TradingDesk.mayObject(BUYER)).isTrue();
        assertThat(TradingDesk.mayObject(BANK)).isTrue();
        assertThat(TradingDesk.mayObject(BROKER)).isTrue();
        assertThat(TradingDesk.mayObject(OPERATOR)).isFalse();
        assertThat(TradingDesk.mayObject(HOHHOT_CENTER)).isFalse();
    }
}
