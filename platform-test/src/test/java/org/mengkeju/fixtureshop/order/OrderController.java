package org.mengkeju.fixtureshop.order;

import org.apache.kafka.clients.consumer.ConsumerRecord;

/** An adapter: it may speak Kafka. */
class OrderController {

    String key(ConsumerRecord<String, String> record) {
        return record.key();
    }
}
