package org.mengkeju.platform.test;

import java.time.Clock;
import java.time.Duration;
import java.util.Properties;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityKeys;
import org.mengkeju.platform.identity.IdentitySigner;
import org.mengkeju.platform.identity.Role;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.core.io.ClassPathResource;

/**
 * Identity headers signed the way the gateway signs them, for calling a service directly in a test. They are
 * signed with a key pair kept for tests only and, unless a test names another, for the service under test: the
 * {@code spring.application.name} of the {@code application.yml} on the test's class path.
 */
public final class TestIdentities {

    public static final String KEY_ID = "test-2026";
    /** X.509, base64: what {@link ServiceIntegrationTest} gives the service under {@code mengkeju.identity.keys}. */
    public static final String PUBLIC_KEY = "MCowBQYDK2VwAyEAWQ7v2V68WHXwpJO+0pagja6SPNVeuO+22lt0QeCg5Pk=";
    /** The {@code mengkeju.identity.keys} entry a service under test trusts. */
    public static final String TRUSTED_KEYS = KEY_ID + ":" + PUBLIC_KEY;
    /** PKCS#8, base64. For tests only: it signs nothing outside them. */
    static final String PRIVATE_KEY = "MC4CAQAwBQYDK2VwBCIEID7ZDWzKw/L9g9/29ozT9MlV0o7zN6cw4EQFOtmAqCgY";

    private static final IdentitySigner SIGNER = new IdentitySigner(KEY_ID,
            IdentityKeys.privateKey(PRIVATE_KEY, "test private key"), Duration.ofMinutes(2), Clock.systemUTC());
    private static volatile String serviceUnderTest;

    private TestIdentities() {
    }

    /** A university tech-transfer office acting for its institution, e.g. {@code imut}. */
    public static String partner(String institutionId) {
        return token(new CallerIdentity(institutionId + "-tto", Role.PARTNER, institutionId, "150100"));
    }

    public static String operator() {
        return token(new CallerIdentity("ops-console", Role.OPERATOR, null, null));
    }

    public static String token(CallerIdentity identity) {
        return token(identity, serviceUnderTest());
    }

    /** A token for the named service, e.g. one for {@code points-service} that catalog-service must refuse. */
    public static String token(CallerIdentity identity, String audience) {
        return SIGNER.issue(identity, audience);
    }

    /** The {@code spring.application.name} in the {@code application.yml} on the class path. */
    public static String serviceUnderTest() {
        String name = serviceUnderTest;
        if (name == null) {
            var yaml = new YamlPropertiesFactoryBean();
            yaml.setResources(new ClassPathResource("application.yml"));
            Properties properties = yaml.getObject();
            name = properties == null ? null : properties.getProperty("spring.application.name");
            if (name == null) {
                throw new IllegalStateException("no spring.application.name in application.yml on the class path; "
                        + "name the service with TestIdentities.token(identity, audience)");
            }
            serviceUnderTest = name;
        }
        return name;
    }
}
