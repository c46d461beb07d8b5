package org.mengkeju.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class IdentityFilterTest {

    static final KeyPair GATEWAY = IdentityKeys.generate();
    final IdentitySigner signer = new IdentitySigner("k1", GATEWAY.getPrivate(), Duration.ofMinutes(2), Clock.systemUTC());
    final IdentityFilter filter = new IdentityFilter(IdentityVerifier.of(new IdentityProperties(
            List.of("k1:" + IdentityKeys.encode(GATEWAY.getPublic())), null, "catalog-service", Duration.ofMinutes(2),
            Duration.ofSeconds(30)), null, Clock.systemUTC()));

    static MockHttpServletRequest request(String rawUri) {
        var request = new MockHttpServletRequest("GET", rawUri);
        request.setRequestURI(rawUri);
        return request;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/catalog/achievements/a1", "/%61pi/v1/catalog/achievements/a1",
            "/api;x=1/v1/catalog/achievements/a1", "//api/v1/catalog/achievements/a1", "/%2561pi/../api/v1",
            "/api", "/api;x=1", "/%ZZ/api"})
    void everySpellingOfAnApiPathWithoutIdentityIsA401Problem(String rawUri) throws Exception {
        var response = new MockHttpServletResponse();
        var chain = new MockFilterChain();

        filter.doFilter(request(rawUri), response, chain);

        assertThat(response.getStatus()).as(rawUri).isEqualTo(401);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        assertThat(response.getContentAsString()).contains("\"type\":\"https://mengkeju.org/problems/unauthenticated\"");
        assertThat(chain.getRequest()).as("the request went no further").isNull();
    }

    @Test
    void pathsOutsideTheApiPassWithoutIdentityAndWithoutAPrincipal() throws Exception {
        for (String path : List.of("/actuator/health", "/v3/api-docs", "/apis", "/actuator/health/liveness")) {
            var chain = new MockFilterChain();
            filter.doFilter(request(path), new MockHttpServletResponse(), chain);

            assertThat(chain.getRequest()).as(path).isNotNull();
            assertThat(((HttpServletRequest) chain.getRequest()).getUserPrincipal()).isNull();
        }
    }

    @Test
    void aVerifiedIdentityIsTheRequestsPrincipalWithItsRole() throws Exception {
        var request = request("/%61pi/v1/catalog/achievements");
        request.addHeader(IdentityToken.HEADER,
                signer.issue(new CallerIdentity("ops", Role.OPERATOR, null, null), "catalog-service"));
        var chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        var passed = (HttpServletRequest) chain.getRequest();
        assertThat(passed.getUserPrincipal().getName()).isEqualTo("ops");
        assertThat(passed.isUserInRole("OPERATOR")).isTrue();
        assertThat(passed.isUserInRole("PARTNER")).isFalse();
        assertThat(passed.getAttribute(IdentityFilter.ATTRIBUTE)).isEqualTo(new CallerIdentity("ops", Role.OPERATOR, null, null));
    }

    @Test
    void theRefusalSaysWhyTheTokenWasNotTrusted() throws Exception {
        var request = request("/api/v1/catalog/achievements");
        request.addHeader(IdentityToken.HEADER,
                signer.issue(new CallerIdentity("ops", Role.OPERATOR, null, null), "points-service"));
        var response = new MockHttpServletResponse();

        filter.doFilter(request, response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("issued for another service");
    }
}
