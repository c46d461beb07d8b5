package org.mengkeju.platform.messaging;

import org.mengkeju.platform.messaging.IdempotentConsumer.Outcome;

/**
 * What a consumer does with one event of one contract. It receives the payload already read (tolerantly) and
 * checked; it says whether its effect was applied, was a duplicate, or was not called for.
 */
@FunctionalInterface
public interface EventHandler<T> {

    Outcome handle(ReceivedEvent event, T payload);
}
