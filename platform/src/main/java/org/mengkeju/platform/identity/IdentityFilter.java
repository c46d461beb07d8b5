package org.mengkeju.platform.identity;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.mengkeju.platform.web.ProblemResponses;
import org.springframework.http.server.RequestPath;
import org.springframework.util.StringUtils;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Verifies the gateway's identity header and refuses, as a 401 problem, every request whose path as Spring MVC
 * resolves it (decoded, without {@code ;} parameters, doubled slashes merged) lies under {@code /api}: so
 * {@code /%61pi/...} or {@code /api;x=1/...} cannot side-step the check the raw {@code /api/} prefix would make.
 * {@link IdentityInterceptor} checks the matched controller as well, in case a mapping is reached by a path this
 * filter did not recognise.
 *
 * <p>A verified identity is the request's principal too, with its role as the servlet role, which is what lets
 * {@code /actuator/health} show details to an operator only ({@code show-details: when-authorized}).
 */
public class IdentityFilter extends OncePerRequestFilter {

    static final String ATTRIBUTE = CallerIdentity.class.getName();
    /** Why the identity on the request was refused, for {@link IdentityInterceptor} and the argument resolver. */
    static final String REFUSAL_ATTRIBUTE = CallerIdentity.class.getName() + ".refusal";
    static final String NO_IDENTITY = "no verified identity on the request";

    private static final PathPattern API = PathPatternParser.defaultInstance.parse("/api/**");

    private final IdentityVerifier verifier;

    public IdentityFilter(IdentityVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String token = request.getHeader(IdentityToken.HEADER);
        CallerIdentity identity = null;
        String refusal = NO_IDENTITY;
        if (token != null) {
            try {
                identity = verifier.verify(token);
            } catch (InvalidIdentityException e) {
                refusal = e.reason();
            }
        }
        if (identity == null) {
            if (isApiPath(request)) {
                refuse(request, response, new InvalidIdentityException(refusal));
                return;
            }
            request.setAttribute(REFUSAL_ATTRIBUTE, refusal);
            chain.doFilter(request, response);
            return;
        }
        request.setAttribute(ATTRIBUTE, identity);
        chain.doFilter(new VerifiedRequest(request, identity), response);
    }

    /** Whether Spring MVC would see the path under {@code /api}, whichever way the client spelled it. */
    static boolean isApiPath(HttpServletRequest request) {
        try {
            // decoded, ';' content removed, '//' merged, '..' resolved: the lookup path of Spring MVC's path helper
            if (underApi(StringUtils.cleanPath(UrlPathHelper.defaultInstance.getLookupPathForRequest(request)))) {
                return true;
            }
            // the servlet container's own decoded and normalised path
            if (underApi(request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo()))) {
                return true;
            }
            // segment by segment, decoded and without matrix parameters: what PathPattern mappings match
            return API.matches(RequestPath.parse(request.getRequestURI(), request.getContextPath())
                    .pathWithinApplication());
        } catch (RuntimeException unreadablePath) {
            // A path that cannot be decoded cannot be proven to lie outside the API.
            return true;
        }
    }

    private static boolean underApi(String path) {
        return path.equals("/api") || path.startsWith("/api/");
    }

    /** Writes the 401 problem with the platform's one writer for refusals made before Spring MVC. */
    private static void refuse(HttpServletRequest request, HttpServletResponse response,
            InvalidIdentityException refusal) throws IOException {
        var problem = refusal.toProblemDetail();
        ProblemResponses.write(request, response, refusal.status(), "unauthenticated", problem.getTitle(),
                problem.getDetail());
    }

    /** The verified caller as the servlet principal, its role as the servlet role. */
    private static final class VerifiedRequest extends HttpServletRequestWrapper {

        private final CallerIdentity identity;

        VerifiedRequest(HttpServletRequest request, CallerIdentity identity) {
            super(request);
            this.identity = identity;
        }

        @Override
        public Principal getUserPrincipal() {
            return identity::clientId;
        }

        @Override
        public String getRemoteUser() {
            return identity.clientId();
        }

        @Override
        public boolean isUserInRole(String role) {
            return identity.role().name().equals(role);
        }
    }
}
