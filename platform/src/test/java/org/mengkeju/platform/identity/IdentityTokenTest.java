package org.mengkeju.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class IdentityTokenTest {

    static final String SECRET = "gateway-and-services-share-this-secret-2026";
    static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    IdentityToken tokens = new IdentityToken(SECRET, Duration.ofMinutes(2), Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aTokenIssuedByTheGatewayVerifiesToTheSameIdentity() {
        var ordos = new CallerIdentity("ordos-subcenter", Role.SUB_CENTER, null, "150600");

        assertThat(tokens.verify(tokens.issue(ordos))).isEqualTo(ordos);
    }

    @Test
    void aTamperedRoleIsRefused() {
        String token = tokens.issue(new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100"));
        String[] parts = token.split("\\.");
        String forgedClaims = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(java.util.Base64.getUrlDecoder().decode(parts[1])).replace("PARTNER", "OPERATOR")
                        .getBytes());

        assertThatThrownBy(() -> tokens.verify(parts[0] + "." + forgedClaims + "." + parts[2]))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("signature");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        var other = new IdentityToken("some-other-secret-that-is-long-enough-too", Duration.ofMinutes(2),
                Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> tokens.verify(other.issue(new CallerIdentity("x", Role.OPERATOR, null, null))))
                .isInstanceOf(InvalidIdentityException.class);
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = tokens.issue(new CallerIdentity("bank", Role.FINANCE_INSTITUTION, "bank-of-inner-mongolia", null));
        var later = new IdentityToken(SECRET, Duration.ofMinutes(2),
                Clock.fixed(NOW.plus(Duration.ofMinutes(3)), ZoneOffset.UTC));

        assertThatThrownBy(() -> later.verify(token)).hasMessageContaining("expired");
    }

    @Test
    void missingAndMalformedTokensAreRefusedWithAReason() {
        assertThatThrownBy(() -> tokens.verify(null)).hasMessageContaining("no verified identity");
        assertThatThrownBy(() -> tokens.verify("Bearer abc")).hasMessageContaining("format");
        assertThatThrownBy(() -> tokens.verify("v1.e30.!!!")).hasMessageContaining("base64url");
    }

    @Test
    void aShortSecretIsRefusedAtStartUp() {
        assertThatThrownBy(() -> new IdentityToken("short", Duration.ofMinutes(2), Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
