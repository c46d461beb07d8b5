package org.mengkeju.platform.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.platform.outbox.PendingEvent;
import org.slf4j.MDC;

class RequestIdRecordInterceptorTest {

    RequestIdRecordInterceptor<Object, Object> interceptor = new RequestIdRecordInterceptor<>();

    @AfterEach
    void clear() {
        MDC.clear();
    }

    @Test
    void theEventsRequestIdIsInTheLoggingContextWhileItIsHandledAndGoneAfter() {
        ConsumerRecord<Object, Object> record = new ConsumerRecord<>("mengkeju.catalog.achievements", 0, 7L, "ach-1", "{}");
        CloudEventHeaders.put(record.headers(), CloudEventHeaders.REQUEST_ID, "req-imut-0042");

        interceptor.intercept(record, null);
        assertThat(MDC.get(PendingEvent.REQUEST_ID_MDC)).isEqualTo("req-imut-0042");

        interceptor.afterRecord(record, null);
        assertThat(MDC.get(PendingEvent.REQUEST_ID_MDC)).isNull();
    }

    @Test
    void anEventWithoutARequestIdDoesNotInheritThePreviousOne() {
        MDC.put(PendingEvent.REQUEST_ID_MDC, "req-left-over");

        interceptor.intercept(new ConsumerRecord<>("mengkeju.catalog.achievements", 0, 8L, "ach-2", "{}"), null);

        assertThat(MDC.get(PendingEvent.REQUEST_ID_MDC)).isNull();
    }
}
