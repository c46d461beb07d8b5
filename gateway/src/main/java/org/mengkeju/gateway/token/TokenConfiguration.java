package org.mengkeju.gateway.token;

import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Clock;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The token signer: the configured RSA key, or one made at start-up for a single gateway. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    private static final Logger log = LoggerFactory.getLogger(TokenConfiguration.class);

    @Bean
    AccessTokens accessTokens(TokenProperties properties, Clock clock) {
        TokenProperties.Signer signer = properties.signer();
        if (signer == null || signer.key() == null || signer.key().isBlank()) {
            log.warn("mengkeju.gateway.tokens.signer is not set: access tokens are signed with a key made now, so "
                    + "they work on this gateway only and until it restarts");
            KeyPair pair = generate();
            return new AccessTokens((RSAPublicKey) pair.getPublic(), (RSAPrivateCrtKey) pair.getPrivate(),
                    "ephemeral", properties, clock);
        }
        if (signer.kid() == null || !signer.kid().matches("[A-Za-z0-9_-]{1,64}")) {
            throw new IllegalArgumentException("mengkeju.gateway.tokens.signer.kid must be 1-64 letters, digits, "
                    + "'-' or '_'");
        }
        RSAPrivateCrtKey privateKey = privateKey(signer.key());
        RSAPublicKey publicKey = publicKey(privateKey);
        log.info("signing access tokens with key '{}' as issuer {}", signer.kid(), properties.issuer());
        return new AccessTokens(publicKey, privateKey, signer.kid(), properties, clock);
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    private static RSAPrivateCrtKey privateKey(String base64) {
        try {
            return (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(base64)));
        } catch (IllegalArgumentException | InvalidKeySpecException | ClassCastException e) {
            throw new IllegalArgumentException("mengkeju.gateway.tokens.signer.key is not an RSA private key in "
                    + "PKCS#8, base64", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA unavailable", e);
        }
    }

    /** The public half, from the private key's modulus and public exponent, so only one secret is configured. */
    private static RSAPublicKey publicKey(RSAPrivateCrtKey privateKey) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(
                    new RSAPublicKeySpec(privateKey.getModulus(), privateKey.getPublicExponent()));
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException("cannot derive the public key", e);
        }
    }
}
