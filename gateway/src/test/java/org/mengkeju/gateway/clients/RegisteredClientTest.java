package org.mengkeju.gateway.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mengkeju.gateway.apikey.AuthenticatedClient;
import org.mengkeju.gateway.apikey.ClientRole;
import org.mengkeju.gateway.problem.InvalidRequestProblem.FieldError;
import org.mengkeju.platform.web.ApiProblem;

/** The rules of a registered client and its keys, without a database. */
class RegisteredClientTest {

    private static final Instant NOW = Instant.parse("2026-11-30T02:00:00Z");

    private final NewApiKey first = NewApiKey.generate(NOW, null);
    private final RegisteredClient ordos = RegisteredClient.register("ordos-sub-center", ClientRole.SUB_CENTER,
            "ordos-sub-center", "150600", first.issued(), NOW, "kjt-client-admin");

    @Test
    void aNewKeyIsRandomPrefixedAndOnlyItsHashIsKept() {
        NewApiKey other = NewApiKey.generate(NOW, null);

        assertThat(first.key()).startsWith("mkj_").hasSize(4 + 43).isNotEqualTo(other.key());
        assertThat(first.issued().sha256()).hasSize(64).doesNotContain(first.key());
        assertThat(first.toString()).doesNotContain(first.key());
    }

    @Test
    void rotationKeepsTheOldKeyForTheOverlapOnly() {
        NewApiKey second = NewApiKey.generate(NOW.plusSeconds(60), null);
        ordos.rotate(second.issued(), Duration.ofHours(24), NOW.plusSeconds(60));

        Instant duringOverlap = NOW.plus(Duration.ofHours(23));
        Instant afterOverlap = NOW.plus(Duration.ofHours(25));
        assertThat(ordos.authenticate(first.issued().sha256(), duringOverlap)).contains(
                new AuthenticatedClient("ordos-sub-center", ClientRole.SUB_CENTER, "ordos-sub-center", "150600"));
        assertThat(ordos.authenticate(second.issued().sha256(), duringOverlap)).isPresent();
        assertThat(ordos.authenticate(first.issued().sha256(), afterOverlap)).isEmpty();
        assertThat(ordos.authenticate(second.issued().sha256(), afterOverlap)).isPresent();
    }

    @Test
    void anOverlapNeverExtendsAKeyThatEndsSooner() {
        NewApiKey short_ = NewApiKey.generate(NOW, NOW.plusSeconds(600));
        RegisteredClient bank = RegisteredClient.register("boimc-lending", ClientRole.FINANCE_INSTITUTION,
                "bank-of-inner-mongolia", null, short_.issued(), NOW, "kjt-client-admin");

        bank.rotate(NewApiKey.generate(NOW, null).issued(), Duration.ofDays(7), NOW);

        assertThat(bank.keys().getFirst().expiresAt()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void keysThatEndedAreDroppedAtTheNextRotation() {
        ordos.rotate(NewApiKey.generate(NOW, null).issued(), Duration.ZERO, NOW);
        ordos.rotate(NewApiKey.generate(NOW.plusSeconds(1), null).issued(), Duration.ofHours(1), NOW.plusSeconds(1));

        assertThat(ordos.keys()).hasSize(2).noneMatch(key -> key.keyId().equals(first.issued().keyId()));
    }

    @Test
    void revocationEndsEveryKeyAndIsFinal() {
        assertThat(ordos.revoke(NOW, "kjt-client-admin")).isTrue();
        assertThat(ordos.revoke(NOW.plusSeconds(5), "someone-else")).isFalse();

        assertThat(ordos.status()).isEqualTo(ClientStatus.REVOKED);
        assertThat(ordos.revokedBy()).isEqualTo("kjt-client-admin");
        assertThat(ordos.authenticate(first.issued().sha256(), NOW)).isEmpty();
        assertThatThrownBy(() -> ordos.rotate(NewApiKey.generate(NOW, null).issued(), Duration.ZERO, NOW))
                .isInstanceOf(ApiProblem.class).hasMessageContaining("was revoked");
    }

    @Test
    void theScopeFitsTheRole() {
        assertThat(ClientScope.check("imut-tto", ClientRole.PARTNER, "imut", "150100")).isEmpty();
        assertThat(ClientScope.check("kjt-ops", ClientRole.OPERATOR, null, null)).isEmpty();
        assertThat(ClientScope.check("hohhot-brokers", ClientRole.BROKER, null, null)).isEmpty();
        assertThat(fields(ClientScope.check("imut-tto", ClientRole.PARTNER, null, null))).containsExactly("institutionId");
        assertThat(fields(ClientScope.check("picc", ClientRole.FINANCE_INSTITUTION, null, "150100")))
                .containsExactly("institutionId");
        assertThat(fields(ClientScope.check("ordos", ClientRole.SUB_CENTER, "ordos", null))).containsExactly("regionCode");
        assertThat(fields(ClientScope.check("admin-2", ClientRole.ADMIN, "imut", "150100")))
                .containsExactlyInAnyOrder("institutionId", "regionCode");
        assertThat(fields(ClientScope.check("x", ClientRole.BROKER, null, null))).containsExactly("clientId");
        assertThat(fields(ClientScope.check("ab\r\nX-Role: ADMIN", ClientRole.BROKER, null, null)))
                .containsExactly("clientId");
        assertThat(fields(ClientScope.check("imut-tto", null, "imut", null))).containsExactly("role");
    }

    @Test
    void onlyAnAdministratorManagesClients() {
        assertThat(ClientAdministration.mayManageClients(
                new AuthenticatedClient("kjt-client-admin", ClientRole.ADMIN, null, null))).isTrue();
        assertThat(ClientAdministration.mayManageClients(
                new AuthenticatedClient("kjt-ops", ClientRole.OPERATOR, null, null))).isFalse();
        assertThat(ClientAdministration.mayManageClients(null)).isFalse();
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }
}
