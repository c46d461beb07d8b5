package org.mengkeju.platform.web;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem straight onto a servlet response, for the refusals that happen before Spring MVC
 * (filters, the servlet container): the same shape and request id as {@link ProblemDetailsAdvice} answers.
 */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {
    }

    public static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status,
            String slug, String title, String detail) throws IOException {
        Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        if (requestId != null && response.getHeader(RequestIds.HEADER) == null) {
            response.setHeader(RequestIds.HEADER, requestId.toString());
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getOutputStream().write(body(status, slug, title, detail, requestId, request.getRequestURI()));
        response.flushBuffer();
    }

    /** The problem document itself, for writers that have no servlet response at hand. */
    public static byte[] body(HttpStatus status, String slug, String title, String detail, Object requestId,
            String instance) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", URI.create(ApiProblem.TYPE_BASE + slug).toString());
        problem.put("title", title);
        problem.put("status", status.value());
        problem.put("detail", detail);
        if (instance != null && isPlainPath(instance)) {
            problem.put("instance", instance);
        }
        if (requestId != null) {
            problem.put("requestId", requestId.toString());
        }
        return JSON.writeValueAsBytes(problem);
    }

    private static boolean isPlainPath(String path) {
        return path.length() <= 2048 && path.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }
}
