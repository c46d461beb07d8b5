package org.mengkeju.platform.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.platform.web.RequestIdFilter;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses every {@code /api} request that does not carry an identity signed by the gateway, and exposes the
 * verified {@link CallerIdentity} to controllers. Health, metrics and API docs stay open for operators.
 */
public class IdentityFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = CallerIdentity.class.getName();

    private final IdentityToken tokens;

    public IdentityFilter(IdentityToken tokens) {
        this.tokens = tokens;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        CallerIdentity identity;
        try {
            identity = tokens.verify(request.getHeader(IdentityToken.HEADER));
        } catch (InvalidIdentityException e) {
            refuse(request, response, e.getMessage());
            return;
        }
        request.setAttribute(ATTRIBUTE, identity);
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, String reason)
            throws IOException {
        Object requestId = request.getAttribute(RequestIdFilter.ATTRIBUTE);
        response.setStatus(401);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        // Hand-written: this runs before Spring MVC, and the reason is one of our own fixed sentences.
        response.getWriter().write("{\"type\":\"" + ApiProblem.TYPE_BASE + "unauthenticated\","
                + "\"title\":\"Unauthenticated\",\"status\":401,"
                + "\"detail\":\"" + reason + "; call the API through the gateway with an API key\","
                + "\"instance\":\"" + request.getRequestURI().replace("\"", "") + "\""
                + (requestId == null ? "" : ",\"requestId\":\"" + requestId + "\"") + "}");
    }
}
