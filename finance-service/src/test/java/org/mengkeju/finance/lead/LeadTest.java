package org.mengkeju.finance.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.mengkeju.events.finance.LeadStatusChanged;
import org.mengkeju.finance.product.FinancingProduct;
import org.mengkeju.finance.product.TestProducts;
import org.mengkeju.finance.profile.EnterpriseProfile;
import org.mengkeju.finance.profile.TestProfiles;
import org.mengkeju.platform.outbox.PendingEvent;

class LeadTest {

    static final Instant NOW = Instant.parse("2026-11-20T06:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 11, 20);

    final FinancingProduct product = TestProducts.ipPledgeLoan(NOW);
    final EnterpriseProfile profile = TestProfiles.highTech("btre-sulfide", NOW);

    Lead qualified() {
        var facts = profile.facts(NOW);
        return Lead.qualified(product, profile, product.qualify(facts).orElseThrow(), facts, NOW);
    }

    @Test
    void aQualifiedLeadKeepsTheProductVersionAndItsReasonsAndRecordsTheEvent() {
        Lead lead = qualified();

        assertThat(lead.status()).isEqualTo(LeadStatus.NEW);
        assertThat(lead.productVersion()).isEqualTo(1);
        assertThat(lead.reasons()).singleElement().satisfies(r -> assertThat(r.field())
                .isEqualTo("HIGH_TECH_ENTERPRISE"));
        assertThat(lead.pendingEvents()).extracting(PendingEvent::type)
                .containsExactly(LeadStatusChanged.CONTRACT.type());
    }

    @Test
    void aDisbursementNeedsAnApprovalAndStaysWithinItAndTheProductMaximum() {
        Lead lead = qualified();

        assertThatThrownBy(() -> lead.report(Outcome.DISBURSED, new BigDecimal("1000000"), TODAY, null, "boimc",
                NOW, TODAY)).isInstanceOf(OutcomeRefused.class).hasMessageContaining("only after it was approved");
        assertThatThrownBy(() -> lead.report(Outcome.APPROVED, new BigDecimal("10000000.01"), TODAY, null, "boimc",
                NOW, TODAY)).isInstanceOf(InvalidOutcome.class).hasMessageContaining("maximum of 10000000");
        assertThatThrownBy(() -> lead.report(Outcome.APPROVED, new BigDecimal("3000000"), TODAY.plusDays(1), null,
                "boimc", NOW, TODAY)).isInstanceOf(InvalidOutcome.class).hasMessageContaining("future");

        lead.report(Outcome.APPROVED, new BigDecimal("10000000"), TODAY.minusDays(1), null, "boimc", NOW, TODAY);
        assertThatThrownBy(() -> lead.report(Outcome.DISBURSED, new BigDecimal("10000000"), TODAY.minusDays(2), null,
                "boimc", NOW, TODAY)).isInstanceOf(InvalidOutcome.class).hasMessageContaining("before the approval");
        lead.report(Outcome.DISBURSED, new BigDecimal("10000000"), TODAY, null, "boimc", NOW, TODAY);

        assertThat(lead.status()).isEqualTo(LeadStatus.DISBURSED);
        assertThat(lead.disbursedAmountYuan()).isEqualByComparingTo("10000000");
        assertThat(lead.outcomes()).extracting(OutcomeReport::outcome).containsExactly(Outcome.APPROVED,
                Outcome.DISBURSED);
    }

    @Test
    void aWithdrawnLeadForgetsTheEnterpriseKeepsItsAmountsAndTakesNoOutcome() {
        Lead lead = qualified();
        lead.report(Outcome.APPROVED, new BigDecimal("2000000"), TODAY, null, "boimc", NOW, TODAY);

        assertThat(lead.withdraw("btre-tto", NOW)).isTrue();
        assertThat(lead.withdraw("btre-tto", NOW)).isFalse();

        assertThat(lead.enterpriseName()).isNull();
        assertThat(lead.enterpriseCreditCode()).isNull();
        assertThat(lead.reasons()).isEmpty();
        assertThat(lead.facts()).isNull();
        assertThat(lead.approvedAmountYuan()).isEqualByComparingTo("2000000");
        assertThatThrownBy(() -> lead.report(Outcome.CONTACTED, null, null, null, "boimc", NOW, TODAY))
                .isInstanceOf(OutcomeRefused.class).hasMessageContaining("consent");
        assertThat(lead.requalify(product, profile, lead.reasons(), profile.facts(NOW), NOW)).isTrue();
        assertThat(lead.status()).isEqualTo(LeadStatus.NEW);
        assertThat(lead.approvedAmountYuan()).isNull();
    }

    @Test
    void aRejectionNeedsItsReasonAndOnlyARejectionTakesOne() {
        Lead lead = qualified();

        assertThatThrownBy(() -> lead.report(Outcome.REJECTED, null, null, " ", "boimc", NOW, TODAY))
                .isInstanceOf(InvalidOutcome.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> lead.report(Outcome.CONTACTED, null, null, "已电话联系", "boimc", NOW, TODAY))
                .isInstanceOf(InvalidOutcome.class).hasMessageContaining("only a rejection");
        lead.report(Outcome.REJECTED, null, null, "近两年经营性现金流为负", "boimc", NOW, TODAY);

        assertThat(lead.rejectionReason()).isEqualTo("近两年经营性现金流为负");
    }
}
