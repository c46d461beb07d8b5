package org.mengkeju.platform.identity;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The Ed25519 keys of the identity header, read from configuration in one place for the gateway and the services:
 * the gateway's private key as PKCS#8 base64, the services' trusted public keys as {@code kid:<X.509 base64>}
 * entries. Every error names the setting and what was expected, so a wrong key stops the start, not a request.
 */
public final class IdentityKeys {

    /** The JDK's name of the signature and key algorithm. */
    public static final String ALGORITHM = "Ed25519";
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    private IdentityKeys() {
    }

    /** A fresh key pair, for a development run or a test. */
    public static KeyPair generate() {
        try {
            return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(ALGORITHM + " unavailable in this JDK", e);
        }
    }

    public static String encode(PublicKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    public static String encode(PrivateKey key) {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    /** A key id: letters, digits, '-' and '_', at most 64 characters, e.g. {@code 2026-11}. */
    public static String keyId(String kid, String setting) {
        if (kid == null || !KEY_ID.matcher(kid).matches()) {
            throw new IllegalArgumentException(setting + " has the key id '" + kid
                    + "'; expected 1 to 64 letters, digits, '-' or '_'");
        }
        return kid;
    }

    public static PrivateKey privateKey(String base64, String setting) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(decode(base64, setting)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + " is not an " + ALGORITHM + " private key in PKCS#8", e);
        }
    }

    public static PublicKey publicKey(String base64, String setting) {
        try {
            return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(decode(base64, setting)));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException(setting + " is not an " + ALGORITHM + " public key in X.509", e);
        }
    }

    /** Trusted public keys by key id, from {@code kid:<X.509 base64>} entries; two entries with one kid are refused. */
    public static Map<String, PublicKey> trusted(Collection<String> entries, String setting) {
        Map<String, PublicKey> keys = new LinkedHashMap<>();
        for (String entry : entries == null ? java.util.List.<String>of() : entries) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            int colon = entry.indexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException(setting + " has an entry without a key id; expected "
                        + "'<kid>:<X.509 public key, base64>'");
            }
            String kid = keyId(entry.substring(0, colon).strip(), setting);
            if (keys.put(kid, publicKey(entry.substring(colon + 1).strip(), setting + " (" + kid + ")")) != null) {
                throw new IllegalArgumentException(setting + " names the key id '" + kid + "' twice");
            }
        }
        return Map.copyOf(keys);
    }

    private static byte[] decode(String base64, String setting) {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalArgumentException(setting + " is not set");
        }
        try {
            return Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(setting + " is not base64", e);
        }
    }
}
