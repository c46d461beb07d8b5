package org.mengkeju.platform.identity;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The identity the gateway passes to a service: {@code v2.<kid>.<base64url JSON claims>.<base64url Ed25519
 * signature>}, the signature over everything before the last dot. The claims are the caller ({@code sub},
 * {@code role}, {@code inst}, {@code region}), the service it is for ({@code aud}), and when it was issued and
 * expires ({@code iat}, {@code exp}, epoch seconds). {@link IdentitySigner} writes it (gateway only),
 * {@link IdentityVerifier} reads it.
 */
public final class IdentityToken {

    /** The request header that carries the token from the gateway to a service. */
    public static final String HEADER = "X-Mengkeju-Identity";
    static final String VERSION = "v2";

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private IdentityToken() {
    }

    static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    static byte[] decode(String part, String what) {
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new InvalidIdentityException("identity " + what + " is not base64url");
        }
    }

    static byte[] signed(String kid, String claims) {
        return (VERSION + "." + kid + "." + claims).getBytes(StandardCharsets.US_ASCII);
    }
}
