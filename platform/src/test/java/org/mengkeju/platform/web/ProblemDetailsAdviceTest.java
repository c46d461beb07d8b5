package org.mengkeju.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.ProblemDetail;
import org.springframework.mock.web.MockHttpServletRequest;

class ProblemDetailsAdviceTest {

    ProblemDetailsAdvice advice = new ProblemDetailsAdvice();

    MockHttpServletRequest request() {
        var request = new MockHttpServletRequest("POST", "/api/v1/catalog/achievements");
        request.setAttribute(RequestIdFilter.ATTRIBUTE, "req-ordos-0007");
        return request;
    }

    @Test
    void anUnreachableStoreIsA503TheCallerMayRetryNotA500() {
        var response = advice.storeUnavailable(new DataAccessResourceFailureException("Timed out after 30000 ms"),
                request());

        assertThat(response.getStatusCode().value()).isEqualTo(503);
        assertThat(response.getHeaders().getFirst("Retry-After")).isEqualTo("5");
        var problem = (ProblemDetail) response.getBody();
        assertThat(problem.getType().toString()).isEqualTo("https://mengkeju.org/problems/service-unavailable");
        assertThat(problem.getDetail()).contains("nothing was changed");
        assertThat(problem.getProperties()).containsEntry("requestId", "req-ordos-0007");
    }

    @Test
    void aLostRaceOnOneAggregateIsA409() {
        var response = advice.concurrentModification(new OptimisticLockingFailureException("version 3 expected"),
                request());

        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(((ProblemDetail) response.getBody()).getType().toString())
                .isEqualTo("https://mengkeju.org/problems/concurrent-modification");
    }

    @Test
    void anUnexpectedFailureIsA500ThatLeaksNoInternals() {
        var response = advice.unexpected(new IllegalStateException("NullPointer in AchievementCatalog line 42"),
                request());

        assertThat(response.getStatusCode().value()).isEqualTo(500);
        assertThat(((ProblemDetail) response.getBody()).getDetail()).doesNotContain("AchievementCatalog")
                .contains("request id");
    }

    @Test
    void anUnknownPathIsAPlain404ThatDoesNotNameTheFramework() throws Exception {
        var response = advice.handleException(new org.springframework.web.servlet.resource.NoResourceFoundException(
                org.springframework.http.HttpMethod.GET, "/api/v1/catalog/nothing", "api/v1/catalog/nothing"),
                new org.springframework.web.context.request.ServletWebRequest(request()));

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        var problem = (ProblemDetail) response.getBody();
        assertThat(problem.getType().toString()).isEqualTo("https://mengkeju.org/problems/not-found");
        assertThat(problem.getDetail()).doesNotContainIgnoringCase("static");
        assertThat(problem.getProperties()).containsEntry("requestId", "req-ordos-0007");
    }

    @Test
    void echoedValuesAreShortAndShowControlCharactersAsEscapes() {
        assertThat(ProblemDetailsAdvice.quoted("a\u0000b\u001b")).isEqualTo("a\\u0000b\\u001b");
        assertThat(ProblemDetailsAdvice.quoted("x".repeat(500))).hasSize(81);
    }

    @Test
    void aProblemWrittenOutsideSpringMvcHasTheSameShape() {
        String body = new String(ProblemResponses.body(org.springframework.http.HttpStatus.CONTENT_TOO_LARGE,
                "body-too-large", "Request body too large", "too large", "req-ordos-0008", "/api/v1/x"),
                java.nio.charset.StandardCharsets.UTF_8);

        assertThat(body).contains("\"type\":\"https://mengkeju.org/problems/body-too-large\"")
                .contains("\"status\":413").contains("\"requestId\":\"req-ordos-0008\"")
                .contains("\"instance\":\"/api/v1/x\"");
    }
}
