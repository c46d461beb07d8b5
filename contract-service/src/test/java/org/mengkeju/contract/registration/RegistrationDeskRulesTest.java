package org.mengkeju.contract.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mengkeju.contract.catalog.CatalogProperties;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.web.ApiProblem;

/** Who may file, see and decide on a contract: the desk's role rules on their own. */
class RegistrationDeskRulesTest {

    static final RegistrationPolicy POLICY = new RegistrationPolicy(List.of(ContractTest.RULES_2026), List.of(
            new RegistrationPolicy.Point("tcr-150100-01", "150100", "01"),
            new RegistrationPolicy.Point("tcr-150100-02", "150100", "02"),
            new RegistrationPolicy.Point("tcr-150600-01", "150600", "01")), List.of(), List.of());
    // The rules read the policy only; the store and the catalog are not involved.
    static final RegistrationDesk DESK = new RegistrationDesk(null, null, null, null, null, POLICY, null,
            new CatalogProperties("http://localhost:8080", null, Duration.ofMillis(500), Duration.ofSeconds(2), 50, 10,
                    5, Duration.ofSeconds(30), Duration.ofSeconds(30)), null, Clock.systemUTC());

    static final CallerIdentity IMUT = new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100");
    static final CallerIdentity TTO_BROKER = new CallerIdentity("nmg-tto-broker", Role.BROKER, "nmg-tto", "150100");
    static final CallerIdentity STRANGER = new CallerIdentity("imu-tto", Role.PARTNER, "imu", "150100");
    static final CallerIdentity HOHHOT_DESK = new CallerIdentity("d1", Role.OPERATOR, "tcr-150100-01", "150100");
    static final CallerIdentity HOHHOT_DESK_2 = new CallerIdentity("d2", Role.OPERATOR, "tcr-150100-02", "150100");
    static final CallerIdentity ORDOS_DESK = new CallerIdentity("d3", Role.OPERATOR, "tcr-150600-01", "150600");
    static final CallerIdentity PLATFORM = new CallerIdentity("ops-console", Role.OPERATOR, null, null);
    static final CallerIdentity BANK = new CallerIdentity("nmgbank", Role.FINANCE_INSTITUTION, "nmgbank", "150100");

    static int status(Runnable rule) {
        try {
            rule.run();
            return 200;
        } catch (ApiProblem problem) {
            return problem.status().value();
        }
    }

    @Test
    void theSellerSideFilesOrADeskOfTheSellersRegionKeysItIn() {
        ContractTerms terms = ContractTest.cornHuskLicence();

        assertThatCode(() -> DESK.mayFile(IMUT, terms)).doesNotThrowAnyException();
        assertThatCode(() -> DESK.mayFile(HOHHOT_DESK_2, terms)).doesNotThrowAnyException();
        assertThat(status(() -> DESK.mayFile(TTO_BROKER, terms))).isEqualTo(403);
        assertThat(status(() -> DESK.mayFile(STRANGER, terms))).isEqualTo(403);
        assertThat(status(() -> DESK.mayFile(ORDOS_DESK, terms))).isEqualTo(403);
        assertThat(status(() -> DESK.mayFile(PLATFORM, terms))).isEqualTo(403);
        assertThat(status(() -> DESK.mayFile(BANK, terms))).isEqualTo(403);
    }

    @Test
    void partiesTheRegionsDesksAndThePlatformSeeAContractNobodyElse() {
        Contract contract = ContractTest.submitted(ContractTest.cornHuskLicence());

        assertThat(DESK.maySee(IMUT, contract)).isTrue();
        assertThat(DESK.maySee(TTO_BROKER, contract)).isTrue();
        assertThat(DESK.maySee(HOHHOT_DESK_2, contract)).isTrue();
        assertThat(DESK.maySee(PLATFORM, contract)).isTrue();
        assertThat(DESK.maySee(STRANGER, contract)).isFalse();
        assertThat(DESK.maySee(ORDOS_DESK, contract)).isFalse();
        assertThat(DESK.maySee(BANK, contract)).isFalse();
    }

    @Test
    void onlyADeskOfTheRegionDecidesAndOnceOneAcceptedItOnlyThatOne() {
        Contract contract = ContractTest.submitted(ContractTest.cornHuskLicence());

        assertThat(status(() -> DESK.mayReview(HOHHOT_DESK_2, contract))).isEqualTo(200);
        assertThat(status(() -> DESK.mayReview(IMUT, contract))).isEqualTo(403);
        assertThat(status(() -> DESK.mayReview(PLATFORM, contract))).isEqualTo(403);
        assertThat(status(() -> DESK.mayReview(ORDOS_DESK, contract))).isEqualTo(403);

        contract.acceptForReview("tcr-150100-01", "d1", ContractTest.NOW, ContractTest.RULES_2026,
                ContractTest.CALENDAR);
        assertThat(status(() -> DESK.mayReview(HOHHOT_DESK, contract))).isEqualTo(200);
        assertThatThrownBy(() -> DESK.mayReview(HOHHOT_DESK_2, contract)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining("tcr-150100-01");
    }
}
