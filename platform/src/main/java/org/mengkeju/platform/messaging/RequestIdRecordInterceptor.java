package org.mengkeju.platform.messaging;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.mengkeju.platform.outbox.PendingEvent;
import org.slf4j.MDC;
import org.springframework.kafka.listener.RecordInterceptor;

/**
 * Puts the request id an event carries ({@code ce_requestid}) into the logging context while a listener handles it,
 * so one id follows a deal from the partner's call through every service's log lines.
 */
public class RequestIdRecordInterceptor<K, V> implements RecordInterceptor<K, V> {

    @Override
    public ConsumerRecord<K, V> intercept(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
        String requestId = CloudEventHeaders.get(record.headers(), CloudEventHeaders.REQUEST_ID);
        if (requestId != null) {
            MDC.put(PendingEvent.REQUEST_ID_MDC, requestId);
        } else {
            MDC.remove(PendingEvent.REQUEST_ID_MDC);
        }
        return record;
    }

    @Override
    public void afterRecord(ConsumerRecord<K, V> record, Consumer<K, V> consumer) {
        MDC.remove(PendingEvent.REQUEST_ID_MDC);
    }
}
