package org.mengkeju.platform.messaging;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * CloudEvents 1.0 attributes carried as Kafka headers in binary content mode: the payload stays plain
 * JSON and every attribute is a {@code ce_}-prefixed header.
 */
public final class CloudEventHeaders {

    public static final String SPEC_VERSION_VALUE = "1.0";
    public static final String ID = "ce_id";
    public static final String TYPE = "ce_type";
    public static final String SOURCE = "ce_source";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String SPEC_VERSION = "ce_specversion";
    /** Extension attribute: the request that caused the event, so one id follows a deal across services. */
    public static final String REQUEST_ID = "ce_requestid";
    /**
     * The schema the payload was checked against when it was published ({@code EventSchemas.dataSchema}); absent when
     * the producer did not check it.
     */
    public static final String DATA_SCHEMA = "ce_dataschema";
    public static final String CONTENT_TYPE = "content-type";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** Writes the attributes of one event in binary content mode; null optional attributes are left out. */
    public static void write(Headers headers, String id, String type, String source, java.time.Instant time,
            String subject, String requestId) {
        put(headers, ID, id);
        put(headers, TYPE, type);
        put(headers, SOURCE, source);
        put(headers, SPEC_VERSION, SPEC_VERSION_VALUE);
        put(headers, TIME, time == null ? null : time.toString());
        put(headers, SUBJECT, subject);
        put(headers, REQUEST_ID, requestId);
        put(headers, CONTENT_TYPE, JSON);
    }

    /** Sets a header, replacing an earlier value; a null value sets nothing. */
    public static void put(Headers headers, String name, String value) {
        if (value != null) {
            headers.remove(name);
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The last value of a header as UTF-8 text; null when the header is absent or has no value. */
    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
