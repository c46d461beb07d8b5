package org.mengkeju.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevCredentialsTest {

    @TempDir
    Path data;

    @Test
    void isCreatedOnceWithOneRandomKeyPerRoleAndReusedAfterwards() throws Exception {
        Path file = data.resolve(DevCredentials.FILE_NAME);

        DevCredentials first = DevCredentials.loadOrCreate(file);

        assertThat(file).exists();
        assertThat(first.clients()).extracting(DevCredentials.ApiClient::role).containsAll(
                List.of("PARTNER", "SUB_CENTER", "FINANCE_INSTITUTION", "BROKER", "OPERATOR"));
        assertThat(first.client("dev-partner")).hasValueSatisfying(partner -> {
            assertThat(partner.institutionId()).isEqualTo("imut");
            assertThat(partner.regionCode()).isEqualTo("150100");
        });
        assertThat(first.client("dev-subcenter-ordos").orElseThrow().regionCode()).isEqualTo("150600");
        assertThat(first.client("dev-bank").orElseThrow().institutionId()).isEqualTo("bank-of-inner-mongolia");
        assertThat(first.client("dev-operator").orElseThrow().role()).isEqualTo("OPERATOR");
        // The administrator of the gateway's clients acts for no institution and no region.
        assertThat(first.client("dev-admin")).hasValue(
                new DevCredentials.ApiClient("dev-admin", "ADMIN", null, null, first.apiKey("dev-admin")));
        Set<String> keys = first.clients().stream().map(DevCredentials.ApiClient::key).collect(Collectors.toSet());
        assertThat(keys).hasSize(first.clients().size()).allSatisfy(key ->
                assertThat(Base64.getUrlDecoder().decode(key)).hasSize(32));
        DevCredentials.IdentityKey identityKey = first.identityKey();
        assertThat(identityKey.kid()).startsWith("dev-");
        assertThat(identityKey.trustedKeyEntry()).isEqualTo(identityKey.kid() + ":" + identityKey.publicKey());
        assertThat(identityKey.privateKey()).isNotIn(keys).isNotEqualTo(identityKey.publicKey());
        // The pair belongs together: what the private key signs, the public key verifies.
        KeyFactory ed25519 = KeyFactory.getInstance("Ed25519");
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(ed25519.generatePrivate(new PKCS8EncodedKeySpec(
                Base64.getDecoder().decode(identityKey.privateKey()))));
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("Ed25519");
        verifier.initVerify(ed25519.generatePublic(new X509EncodedKeySpec(
                Base64.getDecoder().decode(identityKey.publicKey()))));
        verifier.update(new byte[] {1, 2, 3});
        assertThat(verifier.verify(signature)).isTrue();

        byte[] written = Files.readAllBytes(file);
        Files.setLastModifiedTime(file, FileTime.fromMillis(1_000_000_000_000L));

        DevCredentials second = DevCredentials.loadOrCreate(file);

        assertThat(second.identityKey()).isEqualTo(first.identityKey());
        assertThat(second.clients()).isEqualTo(first.clients());
        assertThat(Files.readAllBytes(file)).isEqualTo(written);
        assertThat(Files.getLastModifiedTime(file).toMillis()).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void keepsExistingKeysAndAddsWhatIsMissing() throws Exception {
        Path file = data.resolve(DevCredentials.FILE_NAME);
        Files.writeString(file, """
                identity.secret=the-shared-secret-of-an-earlier-version
                clients.dev-partner.key=existing-partner-key
                clients.dev-partner.role=PARTNER
                clients.my-portal.key=my-own-key
                clients.my-portal.role=PARTNER
                clients.my-portal.institution-id=hohhot-city-portal
                """);

        DevCredentials credentials = DevCredentials.loadOrCreate(file);

        assertThat(credentials.identityKey().publicKey()).isNotBlank();
        assertThat(Files.readString(file)).doesNotContain("identity.secret")
                .contains("identity.kid=" + credentials.identityKey().kid());
        assertThat(DevCredentials.loadOrCreate(file).identityKey()).isEqualTo(credentials.identityKey());
        assertThat(credentials.apiKey("dev-partner")).isEqualTo("existing-partner-key");
        assertThat(credentials.client("dev-partner").orElseThrow().institutionId()).isEqualTo("imut");
        assertThat(credentials.apiKey("my-portal")).isEqualTo("my-own-key");
        assertThat(credentials.client("my-portal").orElseThrow().institutionId()).isEqualTo("hohhot-city-portal");
        assertThat(credentials.apiKey("dev-bank")).isNotBlank();
        // A file written before the administrator existed gains it, and keeps it from then on.
        assertThat(credentials.client("dev-admin").orElseThrow().role()).isEqualTo("ADMIN");
        assertThat(DevCredentials.loadOrCreate(file).apiKey("dev-admin")).isEqualTo(credentials.apiKey("dev-admin"));
        assertThat(DevCredentials.loadOrCreate(file).apiKey("dev-bank")).isEqualTo(credentials.apiKey("dev-bank"));
        assertThatThrownBy(() -> credentials.apiKey("nobody")).hasMessageContaining("dev-partner");
    }

    @Test
    void theGatewayGetsTheLowerCaseHexSha256OfTheKey() {
        DevCredentials.ApiClient client = new DevCredentials.ApiClient("c", "PARTNER", null, null, "abc");

        assertThat(client.keySha256())
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
