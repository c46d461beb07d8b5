package org.mengkeju.gateway.apikey;

import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityKeys;
import org.mengkeju.platform.identity.IdentityProperties;
import org.mengkeju.platform.identity.Role;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeysTest {

    private static final ApiClient IMUT = client("imut-tto", ClientRole.PARTNER, "imut", "150100", "imut-key-1");
    private static final ApiClient ORDOS = client("ordos-sub-center", ClientRole.SUB_CENTER, null, "150600", "ordos-key-2");

    private final ApiKeys keys = new ApiKeys(List.of(IMUT, ORDOS));

    @Test
    void findsTheClientAKeyBelongsTo() {
        assertThat(keys.authenticate("ordos-key-2")).contains(ORDOS);
        assertThat(keys.authenticate("imut-key-1").flatMap(client -> client.authenticated().identity()))
                .contains(new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100"));
    }

    @Test
    void anAdministratorHasNoIdentityForTheServices() {
        ApiClient admin = client("kjt-client-admin", ClientRole.ADMIN, null, null, "admin-key");

        assertThat(new ApiKeys(List.of(admin)).authenticate("admin-key").map(ApiClient::authenticated))
                .hasValueSatisfying(client -> assertThat(client.identity()).isEmpty());
        assertThat(keys.hasClient("imut-tto")).isTrue();
        assertThat(keys.hasClient("kjt-client-admin")).isFalse();
    }

    @Test
    void findsNoClientForAnUnknownOrEmptyKey() {
        assertThat(keys.authenticate("imut-key-2")).isEmpty();
        assertThat(keys.authenticate("")).isEmpty();
        assertThat(keys.authenticate(null)).isEmpty();
    }

    @Test
    void acceptsTheDigestInEitherCase() {
        ApiClient upper = new ApiClient("bank", ClientRole.FINANCE_INSTITUTION, "imbank", null,
                hex("bank-key").toUpperCase());

        assertThat(new ApiKeys(List.of(upper)).authenticate("bank-key")).contains(upper);
    }

    @Test
    void refusesAClientWhoseKeyIsNotADigest() {
        assertThatThrownBy(() -> new ApiClient("imut-tto", ClientRole.PARTNER, null, null, "imut-key-1"))
                .hasMessageContaining("imut-tto").hasMessageContaining("key-sha256");
    }

    @Test
    void refusesARegionThatIsNotADivisionCode() {
        assertThatThrownBy(() -> client("baotou", ClientRole.SUB_CENTER, null, "Baotou", "k"))
                .hasMessageContaining("region-code 'Baotou'");
    }

    @Test
    void refusesTwoClientsWithOneKey() {
        ApiClient copy = client("imut-tto-copy", ClientRole.BROKER, null, null, "imut-key-1");

        assertThatThrownBy(() -> new ApiClientsProperties(List.of(IMUT, copy)))
                .hasMessageContaining("imut-tto-copy").hasMessageContaining("same key-sha256");
    }

    @Test
    void refusesToStartWithoutTheSigningKey() {
        var configuration = new IdentityConfiguration();

        assertThatThrownBy(() -> configuration.identitySigner(new IdentityProperties(List.of(), null, null,
                Duration.ofMinutes(2), Duration.ofSeconds(30))))
                .hasMessageContaining("mengkeju.identity.signer.key is not set");
        assertThatThrownBy(() -> configuration.identitySigner(new IdentityProperties(List.of(),
                new IdentityProperties.Signer("k1", "bm90IGEga2V5"), null, Duration.ofMinutes(2), Duration.ofSeconds(30))))
                .hasMessageContaining("mengkeju.identity.signer.key is not an Ed25519 private key");
        assertThatThrownBy(() -> configuration.identitySigner(new IdentityProperties(List.of(),
                new IdentityProperties.Signer("no spaces", IdentityKeys.encode(IdentityKeys.generate().getPrivate())),
                null, Duration.ofMinutes(2), Duration.ofSeconds(30))))
                .hasMessageContaining("mengkeju.identity.signer.kid");
    }

    private static ApiClient client(String id, ClientRole role, String institution, String region, String key) {
        return new ApiClient(id, role, institution, region, hex(key));
    }

    private static String hex(String key) {
        return HexFormat.of().formatHex(ApiKeys.sha256(key));
    }
}
