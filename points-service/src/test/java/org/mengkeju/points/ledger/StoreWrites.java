package org.mengkeju.points.ledger;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.springframework.boot.mongodb.autoconfigure.MongoClientSettingsBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts the write commands the service's own MongoDB client sends to the store, by collection, while a piece of
 * work runs on the calling thread: the driver tells its listeners on the thread that sends the command, so work of
 * other threads (the outbox relay, the booking round, recovery) is not counted. Picked up by every test context of
 * the service alike, so it adds no context of its own.
 */
@Configuration(proxyBeanMethods = false)
public class StoreWrites {

    private static final Set<String> WRITES = Set.of("insert", "update", "delete", "findAndModify");
    private static final ThreadLocal<Map<String, Integer>> COUNTING = new ThreadLocal<>();
    private static final ThreadLocal<int[]> ROUND_TRIPS = new ThreadLocal<>();

    @Bean
    MongoClientSettingsBuilderCustomizer countStoreWrites() {
        return settings -> settings.addCommandListener(new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                int[] trips = ROUND_TRIPS.get();
                if (trips != null) {
                    trips[0]++;
                }
                Map<String, Integer> counts = COUNTING.get();
                if (counts != null && WRITES.contains(event.getCommandName())) {
                    counts.merge(event.getCommand().getString(event.getCommandName()).getValue(), 1, Integer::sum);
                }
            }
        });
    }

    /** The write commands {@code work} sent from this thread, by collection. */
    public static Map<String, Integer> during(Runnable work) {
        Map<String, Integer> counts = new TreeMap<>();
        COUNTING.set(counts);
        try {
            work.run();
        } finally {
            COUNTING.remove();
        }
        return counts;
    }

    /** Every command {@code work} sent from this thread, reads included: the round trips it waited for. */
    public static int roundTrips(Runnable work) {
        int[] trips = new int[1];
        ROUND_TRIPS.set(trips);
        try {
            work.run();
        } finally {
            ROUND_TRIPS.remove();
        }
        return trips[0];
    }

    /** All write commands {@code work} sent from this thread. */
    public static int total(Runnable work) {
        return during(work).values().stream().mapToInt(Integer::intValue).sum();
    }
}
