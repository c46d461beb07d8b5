package org.mengkeju.platform.web;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id every API request carries, from the gateway to the logs, the response and the events. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{8,100}");

    private RequestIds() {
    }

    /** The caller's id when it is a sane token, otherwise a new one, so logs cannot be polluted through it. */
    public static String acceptOrCreate(String offered) {
        return offered != null && ACCEPTABLE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    }
}
