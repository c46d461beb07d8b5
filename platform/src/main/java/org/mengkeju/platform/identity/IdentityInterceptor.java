package org.mengkeju.platform.identity;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Decides on the matched controller mapping, not on the path the client sent: a handler mapped under
 * {@code /api} runs only with a verified identity. The refusal is thrown, so the problem is written by the same
 * advice as every other error.
 */
public class IdentityInterceptor implements HandlerInterceptor {

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (handler instanceof HandlerMethod && request.getAttribute(IdentityFilter.ATTRIBUTE) == null
                && isApiMapping(request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE))) {
            throw CallerIdentityArgumentResolver.refusal(request);
        }
        return true;
    }

    private static boolean isApiMapping(Object pattern) {
        String mapping = String.valueOf(pattern);
        return mapping.equals("/api") || mapping.startsWith("/api/");
    }
}
