package org.mengkeju.fixtureshop.order;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.mengkeju.fixtureshop.basket.Basket;
import org.mengkeju.fixturewarehouse.Stock;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.outbox.OutboxRelay;
import org.mengkeju.platform.outbox.PendingEvent;

/** An aggregate breaking every rule: Kafka, the relay, another service's class, a role check, a package cycle. */
public class Order {

    Basket basket;
    Stock stock;
    PendingEvent recorded;
    OutboxRelay relay;

    ProducerRecord<String, String> send() {
        return new ProducerRecord<>("orders", "order-1");
    }

    boolean mayCancel(CallerIdentity caller) {
        return caller.is(Role.OPERATOR);
    }
}
