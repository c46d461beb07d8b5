package org.mengkeju.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IdentityTokenTest {

    static final Instant NOW = Instant.parse("2026-11-22T03:00:00Z");
    static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    static final KeyPair GATEWAY = IdentityKeys.generate();
    static final CallerIdentity ORDOS = new CallerIdentity("ordos-subcenter", Role.SUB_CENTER, null, "150600");

    IdentitySigner gateway = new IdentitySigner("2026-11", GATEWAY.getPrivate(), Duration.ofMinutes(2), CLOCK);
    IdentityVerifier catalog = verifier(Map.of("2026-11", GATEWAY), "catalog-service", CLOCK);

    static IdentityVerifier verifier(Map<String, KeyPair> trusted, String audience, Clock clock) {
        var keys = trusted.entrySet().stream()
                .map(e -> e.getKey() + ":" + IdentityKeys.encode(e.getValue().getPublic())).toList();
        return IdentityVerifier.of(new IdentityProperties(keys, null, audience, Duration.ofMinutes(2),
                Duration.ofSeconds(30)), "ignored-application-name", clock);
    }

    @Test
    void aTokenIssuedByTheGatewayVerifiesToTheSameIdentity() {
        assertThat(catalog.verify(gateway.issue(ORDOS, "catalog-service"))).isEqualTo(ORDOS);
    }

    @Test
    void theTokenCarriesIssuedAtExpiryAudienceAndKeyId() {
        String[] parts = gateway.issue(ORDOS, "catalog-service").split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8);

        assertThat(parts[0]).isEqualTo("v2");
        assertThat(parts[1]).isEqualTo("2026-11");
        assertThat(claims).contains("\"aud\":\"catalog-service\"")
                .contains("\"iat\":" + NOW.getEpochSecond())
                .contains("\"exp\":" + NOW.plusSeconds(120).getEpochSecond());
    }

    @Test
    void aTamperedRoleIsRefused() {
        String[] parts = gateway.issue(new CallerIdentity("imut-tto", Role.PARTNER, "imut", "150100"),
                "catalog-service").split("\\.");
        String forgedClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                new String(Base64.getUrlDecoder().decode(parts[2]), StandardCharsets.UTF_8)
                        .replace("PARTNER", "OPERATOR").getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> catalog.verify(parts[0] + "." + parts[1] + "." + forgedClaims + "." + parts[3]))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("signature does not verify");
    }

    @Test
    void aTokenForAnotherServiceIsRefused() {
        String forPoints = gateway.issue(ORDOS, "points-service");

        assertThatThrownBy(() -> catalog.verify(forPoints))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("issued for another service");
    }

    @Test
    void aTokenSignedWithAnotherKeyUnderTheTrustedKeyIdIsRefused() {
        var impostor = new IdentitySigner("2026-11", IdentityKeys.generate().getPrivate(), Duration.ofMinutes(2), CLOCK);

        assertThatThrownBy(() -> catalog.verify(impostor.issue(ORDOS, "catalog-service")))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("signature does not verify");
    }

    @Test
    void aTokenSignedByAnUnknownKeyIdIsRefused() {
        var unknown = new IdentitySigner("2027-01", GATEWAY.getPrivate(), Duration.ofMinutes(2), CLOCK);

        assertThatThrownBy(() -> catalog.verify(unknown.issue(ORDOS, "catalog-service")))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("unknown key id");
    }

    @Test
    void anExpiredTokenIsRefused() {
        String token = gateway.issue(ORDOS, "catalog-service");
        var later = verifier(Map.of("2026-11", GATEWAY), "catalog-service",
                Clock.fixed(NOW.plus(Duration.ofMinutes(3)), ZoneOffset.UTC));

        assertThatThrownBy(() -> later.verify(token))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("expired");
    }

    @Test
    void aTokenIssuedInTheFutureOrWithALongLifeIsRefused() {
        var ahead = new IdentitySigner("2026-11", GATEWAY.getPrivate(), Duration.ofMinutes(2),
                Clock.fixed(NOW.plus(Duration.ofMinutes(5)), ZoneOffset.UTC));
        var longLived = new IdentitySigner("2026-11", GATEWAY.getPrivate(), Duration.ofDays(30), CLOCK);

        assertThatThrownBy(() -> catalog.verify(ahead.issue(ORDOS, "catalog-service")))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("in the future");
        assertThatThrownBy(() -> catalog.verify(longLived.issue(ORDOS, "catalog-service")))
                .isInstanceOf(InvalidIdentityException.class).hasMessageContaining("lives longer");
    }

    @Test
    void whileRotatingBothTrustedKeysAreAccepted() {
        KeyPair next = IdentityKeys.generate();
        var rotating = verifier(Map.of("2026-11", GATEWAY, "2026-12", next), "catalog-service", CLOCK);
        var nextSigner = new IdentitySigner("2026-12", next.getPrivate(), Duration.ofMinutes(2), CLOCK);

        assertThat(rotating.verify(gateway.issue(ORDOS, "catalog-service"))).isEqualTo(ORDOS);
        assertThat(rotating.verify(nextSigner.issue(ORDOS, "catalog-service"))).isEqualTo(ORDOS);
        assertThat(rotating.trustedKeyIds()).containsExactlyInAnyOrder("2026-11", "2026-12");
    }

    @Test
    void garbageIsRefusedWithAReasonNeverAnotherException() {
        for (String garbage : List.of("", "v1.abc.def", "v2.2026-11.%%%.sig", "v2.2026-11.e30.AAAA", "v2....",
                "v2.2026-11." + Base64.getUrlEncoder().encodeToString("{".getBytes()) + ".AAAA")) {
            assertThatThrownBy(() -> catalog.verify(garbage)).as(garbage).isInstanceOf(InvalidIdentityException.class);
        }
    }

    @Test
    void theRefusalIsA401Problem() {
        var refusal = new InvalidIdentityException("identity token expired");

        assertThat(refusal.status().value()).isEqualTo(401);
        assertThat(refusal.toProblemDetail().getType()).hasToString("https://mengkeju.org/problems/unauthenticated");
        assertThat(refusal.getMessage()).startsWith("identity token expired; call the API through the gateway");
    }

    @Test
    void theServiceNameIsTheDefaultAudience() {
        var properties = new IdentityProperties(List.of("2026-11:" + IdentityKeys.encode(GATEWAY.getPublic())), null,
                null, Duration.ofMinutes(2), Duration.ofSeconds(30));

        assertThat(IdentityVerifier.of(properties, "points-service", CLOCK).audience()).isEqualTo("points-service");
    }

    @Test
    void badKeySettingsStopTheStartNamingTheSetting() {
        assertThatThrownBy(() -> IdentityKeys.trusted(List.of("no-kid-here"), "mengkeju.identity.keys"))
                .hasMessageContaining("mengkeju.identity.keys").hasMessageContaining("<kid>:");
        assertThatThrownBy(() -> IdentityKeys.trusted(List.of("k1:bm90IGEga2V5"), "mengkeju.identity.keys"))
                .hasMessageContaining("not an Ed25519 public key");
        String key = IdentityKeys.encode(GATEWAY.getPublic());
        assertThatThrownBy(() -> IdentityKeys.trusted(List.of("k1:" + key, "k1:" + key), "mengkeju.identity.keys"))
                .hasMessageContaining("twice");
        assertThatThrownBy(() -> IdentitySigner.of(new IdentityProperties(List.of(), null, null,
                Duration.ofMinutes(2), Duration.ofSeconds(30)), CLOCK))
                .hasMessageContaining("mengkeju.identity.signer.key is not set");
        assertThatThrownBy(() -> IdentityVerifier.of(new IdentityProperties(List.of(), null, null,
                Duration.ofMinutes(2), Duration.ofSeconds(30)), "catalog-service", CLOCK))
                .hasMessageContaining("mengkeju.identity.keys is empty");
    }

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = NOW;

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }

    @Test
    void theGatewayReusesATokenForAQuarterOfItsLifeOnlyAndPerService() {
        var clock = new MovingClock();
        var signer = new IdentitySigner("2026-11", GATEWAY.getPrivate(), Duration.ofMinutes(2), clock);

        String first = signer.issue(ORDOS, "catalog-service");
        clock.now = NOW.plusSeconds(20);
        String reused = signer.issue(ORDOS, "catalog-service");
        String forPoints = signer.issue(ORDOS, "points-service");
        clock.now = NOW.plusSeconds(30);
        String renewed = signer.issue(ORDOS, "catalog-service");

        assertThat(reused).isEqualTo(first);
        assertThat(forPoints).isNotEqualTo(first);
        assertThat(renewed).isNotEqualTo(first);
        assertThat(catalog.verify(renewed)).isEqualTo(ORDOS);
    }

    @Test
    void aTokenVerifiedOnceIsStillRefusedOnceItExpires() {
        var clock = new MovingClock();
        var service = verifier(Map.of("2026-11", GATEWAY), "catalog-service", clock);
        String token = gateway.issue(ORDOS, "catalog-service");

        assertThat(service.verify(token)).isEqualTo(ORDOS);
        clock.now = NOW.plusSeconds(100);
        assertThat(service.verify(token)).isEqualTo(ORDOS);
        clock.now = NOW.plusSeconds(120 + 31);
        assertThatThrownBy(() -> service.verify(token)).hasMessageContaining("expired");
        assertThatThrownBy(() -> service.verify(token)).hasMessageContaining("expired");
        assertThatThrownBy(() -> service.verify("v2.2026-11." + "x".repeat(5000) + ".AAAA"))
                .hasMessageContaining("longer than");
    }
}
