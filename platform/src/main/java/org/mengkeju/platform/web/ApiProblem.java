package org.mengkeju.platform.web;

import java.net.URI;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A refusal the caller can act on, answered as an RFC 9457 problem. Domain code throws the named subclasses;
 * the {@code type} is stable so that partner systems can branch on it.
 */
public class ApiProblem extends RuntimeException {

    public static final String TYPE_BASE = "https://mengkeju.org/problems/";

    private final HttpStatus status;
    private final String slug;
    private final String title;

    public ApiProblem(HttpStatus status, String slug, String title, String detail) {
        super(detail);
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public ProblemDetail toProblemDetail() {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, getMessage());
        problem.setType(URI.create(TYPE_BASE + slug));
        problem.setTitle(title);
        return problem;
    }

    public HttpStatus status() {
        return status;
    }

    /** 404: the thing named in the path does not exist (or is not visible to the caller). */
    public static ApiProblem notFound(String what, String id) {
        return new ApiProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " " + id + " does not exist");
    }

    /** 409: the request is well formed but the current state does not allow it. */
    public static ApiProblem conflict(String slug, String title, String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, slug, title, detail);
    }

    /** 400: the request breaks a rule of the platform that a field annotation cannot express. */
    public static ApiProblem invalid(String slug, String title, String detail) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, slug, title, detail);
    }

    /** 403: the caller's role or scope does not allow this. */
    public static ApiProblem forbidden(String detail) {
        return new ApiProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail);
    }
}
