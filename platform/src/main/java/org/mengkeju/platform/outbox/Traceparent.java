package org.mengkeju.platform.outbox;

import java.util.regex.Pattern;

/** The W3C Trace Context {@code traceparent} value ({@code 00-<trace id>-<span id>-<flags>}). */
final class Traceparent {

    /** The record header the value travels in, as W3C Trace Context names it for HTTP. */
    static final String HEADER = "traceparent";

    private static final Pattern TRACE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final Pattern SPAN_ID = Pattern.compile("[0-9a-f]{16}");
    private static final String INVALID_TRACE = "0".repeat(32);
    private static final String INVALID_SPAN = "0".repeat(16);

    private Traceparent() {
    }

    /** The value for a sampled span, or null when there is no valid span (nothing traced on this thread). */
    static String of(String traceId, String spanId) {
        if (traceId == null || spanId == null || !TRACE_ID.matcher(traceId).matches()
                || !SPAN_ID.matcher(spanId).matches() || traceId.equals(INVALID_TRACE) || spanId.equals(INVALID_SPAN)) {
            return null;
        }
        return "00-" + traceId + "-" + spanId + "-01";
    }
}
