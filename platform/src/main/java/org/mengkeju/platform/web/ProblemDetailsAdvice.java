package org.mengkeju.platform.web;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.validation.method.MethodValidationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamConstraintsException;
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
                "parameter '" + e.getName() + "' has an invalid value '" + quoted(e.getValue()) + "'");
        return respond(problem, request);
    }

    /**
     * A rule on a header, path or query parameter (a controller marked {@code @Validated} reports these through
     * method validation): a 400 naming the parameter, like a broken field rule in a body.
     */
    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e, HttpServletRequest request) {
        List<Map<String, String>> errors = e.getConstraintViolations().stream()
                .map(v -> Map.of("field", violationName(v), "message", String.valueOf(v.getMessage())))
                .sorted(java.util.Comparator.comparing((Map<String, String> m) -> m.get("field"))
                        .thenComparing(m -> m.get("message")))
                .toList();
        return respond(invalidRequestProblem(errors), request);
    }

    /** Spring's own method validation, when a controller is validated without a proxy. */
    @Override
    protected ResponseEntity<Object> handleMethodValidationException(MethodValidationException e,
            HttpHeaders headers, HttpStatus status, WebRequest request) {
        return invalidRequest(e, parameterErrors(e.getParameterValidationResults()), headers, request);
    }

    /** The body was larger than the service accepts (see {@link RequestBodyLimitFilter}). */
    @ExceptionHandler(RequestBodyLimitFilter.BodyTooLargeException.class)
    ResponseEntity<Object> bodyTooLarge(RequestBodyLimitFilter.BodyTooLargeException e, HttpServletRequest request) {
        return respond(problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
                e.getMessage()), request);
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
        if (RequestBodyLimitFilter.BodyTooLargeException.in(e)) {
            ProblemDetail tooLarge = problem(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "Request body too large", rootMessage(e));
            headers.setConnection("close");
            return handleExceptionInternal(e, tooLarge, headers, HttpStatus.CONTENT_TOO_LARGE, request);
        }
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
        return invalidRequest(e, parameterErrors(e.getParameterValidationResults()), headers, request);
    }

    /** One entry per broken rule, named as the caller knows the parameter (header, query or path name). */
    private static List<Map<String, String>> parameterErrors(
            List<org.springframework.validation.method.ParameterValidationResult> results) {
        return results.stream()
                .flatMap(r -> r.getResolvableErrors().stream().map(err -> Map.of(
                        "field", parameterName(r.getMethodParameter()),
                        "message", String.valueOf(err.getDefaultMessage()))))
                .toList();
    }

    /** An unknown path is a plain 404: nothing about static resources or the framework that looked for one. */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, noSuchPath(), headers, HttpStatus.NOT_FOUND, request);
    }

    @Override
    protected ResponseEntity<Object> handleNoHandlerFoundException(NoHandlerFoundException e, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return handleExceptionInternal(e, noSuchPath(), headers, HttpStatus.NOT_FOUND, request);
    }

    private static ProblemDetail noSuchPath() {
        return problem(HttpStatus.NOT_FOUND, "not-found", "Not found", "there is no resource at this path");
    }

    /** A 400 listing every broken field rule, so a partner fixes them all in one round. */
    private ResponseEntity<Object> invalidRequest(Exception e, List<Map<String, String>> errors, HttpHeaders headers,
            WebRequest request) {
        return handleExceptionInternal(e, invalidRequestProblem(errors), headers, HttpStatus.BAD_REQUEST, request);
    }

    private static ProblemDetail invalidRequestProblem(List<Map<String, String>> errors) {
        ProblemDetail problem = problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                errors.stream().map(f -> f.get("field") + " " + f.get("message")).sorted()
                        .reduce((a, b) -> a + "; " + b).orElse("the request is invalid"));
        problem.setProperty("errors", errors);
        return problem;
    }

    /** The name the caller knows: the header or parameter name, not the Java parameter's. */
    private static String parameterName(org.springframework.core.MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !(header.name() + header.value()).isEmpty()) {
            return header.name().isEmpty() ? header.value() : header.name();
        }
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        if (param != null && !(param.name() + param.value()).isEmpty()) {
            return param.name().isEmpty() ? param.value() : param.name();
        }
        PathVariable path = parameter.getParameterAnnotation(PathVariable.class);
        if (path != null && !(path.name() + path.value()).isEmpty()) {
            return path.name().isEmpty() ? path.value() : path.name();
        }
        return String.valueOf(parameter.getParameterName());
    }

    /** From a violation's path (method, parameter[, property]): the header or parameter name the method declares. */
    private static String violationName(ConstraintViolation<?> violation) {
        java.lang.reflect.Method method = null;
        StringBuilder name = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD -> method = org.springframework.util.ReflectionUtils.findMethod(
                        violation.getRootBeanClass(), node.getName(),
                        node.as(Path.MethodNode.class).getParameterTypes().toArray(Class<?>[]::new));
                case PARAMETER -> {
                    int index = node.as(Path.ParameterNode.class).getParameterIndex();
                    name.append(method == null ? node.getName()
                            : parameterName(new org.springframework.core.MethodParameter(method, index)));
                }
                default -> {
                    if (node.getName() != null && !name.isEmpty()) {
                        name.append('.').append(node.getName());
                    }
                }
            }
        }
        return name.isEmpty() ? violation.getPropertyPath().toString() : name.toString();
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
        try {
            problem.setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException unusable) {
            // A path that is not a valid URI is left out rather than echoed.
        }
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
        if (cause instanceof StrictJson.InvalidTextException text) {
            return "field '" + path(text) + "' " + text.getOriginalMessage();
        }
        if (cause instanceof StreamConstraintsException limit) {
            return "the body exceeds a limit of this service: " + limit.getOriginalMessage();
        }
        if (cause instanceof InvalidFormatException invalid) {
            String expected = invalid.getTargetType() != null && invalid.getTargetType().isEnum()
                    ? "one of " + java.util.Arrays.toString(invalid.getTargetType().getEnumConstants())
                    : article(simpleName(invalid.getTargetType()));
            return "field '" + path(invalid) + "' has the invalid value '" + quoted(invalid.getValue())
                    + "'; expected " + expected;
        }
        if (cause instanceof MismatchedInputException mismatched) {
            String where = path(mismatched);
            Class<?> target = mismatched.getTargetType();
            String expected = target != null && target.isEnum()
                    ? "one of " + java.util.Arrays.toString(target.getEnumConstants())
                    : article(simpleName(target));
            if (where.isEmpty()) {
                return "the body must be a JSON object of the documented shape";
            }
            String found = found(mismatched.getCurrentToken());
            if (mismatched instanceof tools.jackson.databind.exc.InvalidNullException || "null".equals(found)) {
                return "field '" + where + "' must not be null";
            }
            return "field '" + where + "' must be " + expected + (found == null ? "" : ", not " + found);
        }
        if (cause instanceof DatabindException databind) {
            String where = path(databind);
            return where.isEmpty() ? "the body does not fit the documented shape"
                    : "field '" + where + "' is invalid: " + databind.getOriginalMessage();
        }
        if (cause instanceof tools.jackson.core.exc.InputCoercionException range && !path(range).isEmpty()) {
            return "field '" + path(range) + "' is out of range: the number does not fit " + article(
                    simpleName(range.getTargetType()));
        }
        if (cause instanceof StreamReadException parse) {
            var location = parse.getLocation();
            String what = parse.getOriginalMessage() != null && parse.getOriginalMessage().startsWith("Duplicate")
                    ? "duplicate field " + duplicateName(parse.getOriginalMessage()) + " in JSON"
                    : "malformed JSON";
            return what + (location == null ? ""
                    : " at line " + location.getLineNr() + ", column " + location.getColumnNr());
        }
        if (cause instanceof JacksonException) {
            return "malformed JSON";
        }
        return "the request body is missing or unreadable";
    }

    /** Jackson says "Duplicate Object property \"title\""; the caller needs the name only. */
    private static String duplicateName(String message) {
        int open = message.indexOf('"');
        int close = message.lastIndexOf('"');
        return open >= 0 && close > open ? "'" + quoted(message.substring(open + 1, close)) + "'" : "";
    }

    private static String found(tools.jackson.core.JsonToken token) {
        if (token == null) {
            return null;
        }
        return switch (token) {
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            default -> null;
        };
    }

    /** A value echoed in a problem: short, and with control characters shown as escapes. */
    static String quoted(Object value) {
        String text = String.valueOf(value);
        if (text.length() > 80) {
            text = text.substring(0, 80) + "…";
        }
        StringBuilder out = new StringBuilder();
        text.chars().forEach(c -> {
            if (Character.getType(c) == Character.CONTROL || Character.isSurrogate((char) c)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.append((char) c);
            }
        });
        return out.toString();
    }

    private static String rootMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestBodyLimitFilter.BodyTooLargeException) {
                return t.getMessage();
            }
        }
        return e.getMessage();
    }

    private static String path(JacksonException e) {
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
