package org.mengkeju.platform.identity;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Lets a controller method take the verified {@link CallerIdentity} as a parameter. Without one it throws an
 * {@link InvalidIdentityException}, which is a 401 problem, never a 500.
 */
public class CallerIdentityArgumentResolver implements HandlerMethodArgumentResolver {

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CallerIdentity.class;
    }

    @Override
    public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mavContainer,
            NativeWebRequest request, WebDataBinderFactory binderFactory) {
        HttpServletRequest servletRequest = request.getNativeRequest(HttpServletRequest.class);
        Object identity = servletRequest == null ? null : servletRequest.getAttribute(IdentityFilter.ATTRIBUTE);
        if (identity instanceof CallerIdentity caller) {
            return caller;
        }
        throw refusal(servletRequest);
    }

    /** The refusal for a request without a verified identity, saying why the filter refused its token if it had one. */
    static InvalidIdentityException refusal(HttpServletRequest request) {
        Object reason = request == null ? null : request.getAttribute(IdentityFilter.REFUSAL_ATTRIBUTE);
        return new InvalidIdentityException(reason instanceof String text ? text : IdentityFilter.NO_IDENTITY);
    }
}
