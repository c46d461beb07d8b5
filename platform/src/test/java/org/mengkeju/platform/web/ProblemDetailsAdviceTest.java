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
}
