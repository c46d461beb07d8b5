package org.mengkeju.platform.test;

import java.time.Clock;
import java.time.Duration;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;

/** Identity headers signed the way the gateway signs them, for calling a service directly in a test. */
public final class TestIdentities {

    public static final String SECRET = "integration-test-identity-secret-0123456789";
    private static final IdentityToken TOKENS = new IdentityToken(SECRET, Duration.ofMinutes(5), Clock.systemUTC());

    private TestIdentities() {
    }

    /** A university tech-transfer office acting for its institution, e.g. {@code imut}. */
    public static String partner(String institutionId) {
        return TOKENS.issue(new CallerIdentity(institutionId + "-tto", Role.PARTNER, institutionId, "150100"));
    }

    public static String operator() {
        return TOKENS.issue(new CallerIdentity("ops-console", Role.OPERATOR, null, null));
    }

    public static String token(CallerIdentity identity) {
        return TOKENS.issue(identity);
    }
}
