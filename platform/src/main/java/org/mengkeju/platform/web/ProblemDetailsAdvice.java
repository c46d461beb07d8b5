package org.mengkeju.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * Every error a service answers is an RFC 9457 problem with a stable {@code type}, a {@code detail} that names
 * what is wrong, the field errors where there are any, and the request id. Bad input is a 400 that says which
 * field; only a fault of ours is a 500.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    @ExceptionHandler(ApiProblem.class)
    ResponseEntity<Object> apiProblem(ApiProblem problem, HttpServletRequest request) {
        return respond(problem.toProblemDetail(), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-parameter", "Invalid parameter",
                "parameter '" + e.getName() + "' has an invalid value '" + e.getValue() + "'");
        return respond(problem, request);
    }

    /** Two writers raced on one aggregate; nothing of the loser was written, so the caller can simply retry. */
    @ExceptionHandler(org.springframework.dao.OptimisticLockingFailureException.class)
    ResponseEntity<Object> concurrentModification(Exception e, HttpServletRequest request) {
        ProblemDetail problem = problem(HttpStatus.CONFLICT, "concurrent-modification", "Concurrent modification",
                "the resource was changed by another request at the same time; read it again and retry");
        return respond(problem, request);
    }

    /** The store is unreachable: nothing was written, and the same request can be sent again shortly. */
    @ExceptionHandler(org.springframework.dao.DataAccessResourceFailureException.class)
    ResponseEntity<Object> storeUnavailable(Exception e, HttpServletRequest request) {
        log.warn("store unavailable on {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        ProblemDetail problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "service-unavailable", "Service unavailable",
                "the service cannot reach its database right now; nothing was changed, retry in a few seconds");
        ResponseEntity<Object> response = respond(problem, request);
        return ResponseEntity.status(response.getStatusCode()).headers(response.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, "5").body(response.getBody());
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) {
        log.error("unexpected failure on {} {}", request.getMethod(), request.getRequestURI(), e);
        ProblemDetail problem = problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "the request failed on our side; quote the request id to the platform operators");
        return respond(problem, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "malformed-body", "Malformed request body",
                describeUnreadable(e));
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> Map.of("field", f.getField(), "message", String.valueOf(f.getDefaultMessage())))
                .toList();
        return invalidRequest(e, errors, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = e.getParameterValidationResults().stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> Map.of(
                        "field", String.valueOf(r.getMethodParameter().getParameterName()),
                        "message", String.valueOf(err.getDefaultMessage()))))
                .toList();
        return invalidRequest(e, errors, headers, request);
    }

    /** A 400 listing every broken field rule, so a partner fixes them all in one round. */
    private ResponseEntity<Object> invalidRequest(Exception e, List<Map<String, String>> errors, HttpHeaders headers,
            WebRequest request) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                errors.stream().map(f -> f.get("field") + " " + f.get("message")).sorted()
                        .reduce((a, b) -> a + "; " + b).orElse("the request is invalid"));
        problem.setProperty("errors", errors);
        return handleExceptionInternal(e, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p ? p
                : problem(HttpStatus.valueOf(status.value()), "http-" + status.value(),
                        HttpStatus.valueOf(status.value()).getReasonPhrase(), e.getMessage());
        if (problem.getType() == null || "about:blank".equals(problem.getType().toString())) {
            problem.setType(URI.create(ApiProblem.TYPE_BASE + "http-" + status.value()));
        }
        withRequestId(problem, request.getAttribute(RequestIdFilter.ATTRIBUTE, WebRequest.SCOPE_REQUEST));
        return super.handleExceptionInternal(e, problem, headers, status, request);
    }

    private ResponseEntity<Object> respond(ProblemDetail problem, HttpServletRequest request) {
        withRequestId(problem, request.getAttribute(RequestIdFilter.ATTRIBUTE));
        problem.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    private static void withRequestId(ProblemDetail problem, Object requestId) {
        if (requestId != null) {
            problem.setProperty("requestId", requestId);
        }
    }

    static ProblemDetail problem(HttpStatus status, String slug, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(ApiProblem.TYPE_BASE + slug));
        problem.setTitle(title);
        return problem;
    }

    /** Names the field and the expectation instead of echoing a parser stack trace. */
    static String describeUnreadable(HttpMessageNotReadableException e) {
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + path(unknown) + "'";
        }
        if (cause instanceof InvalidFormatException invalid) {
            String expected = invalid.getTargetType() != null && invalid.getTargetType().isEnum()
                    ? "one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants())
                    : "a value of type " + simpleName(invalid.getTargetType());
            return "field '" + path(invalid) + "' has the invalid value '" + invalid.getValue() + "'; expected "
                    + expected;
        }
        if (cause instanceof MismatchedInputException mismatched) {
            String where = path(mismatched);
            return where.isEmpty()
                    ? "the body must be a JSON object of the documented shape"
                    : "field '" + where + "' must be " + article(simpleName(mismatched.getTargetType()));
        }
        if (cause instanceof DatabindException databind) {
            String where = path(databind);
            return where.isEmpty() ? "the body does not fit the documented shape"
                    : "field '" + where + "' is invalid: " + databind.getOriginalMessage();
        }
        if (cause instanceof StreamReadException parse) {
            var location = parse.getLocation();
            return "malformed JSON" + (location == null ? ""
                    : " at line " + location.getLineNr() + ", column " + location.getColumnNr());
        }
        if (cause instanceof JacksonException) {
            return "malformed JSON";
        }
        return "the request body is missing or unreadable";
    }

    private static String path(DatabindException e) {
        StringBuilder path = new StringBuilder();
        for (var reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String simpleName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == String.class) {
            return "string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == java.time.Instant.class || type == java.time.LocalDate.class) {
            return "date-time string";
        }
        return "object";
    }

    private static String article(String noun) {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }
}
