package org.mengkeju.points.ledger;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Work the service does by itself at a fixed delay (recovery, the ledger check, expiry), on one daemon thread per
 * kind, started and stopped with the application. A failed round is logged and the next one comes as planned.
 */
public abstract class Repeating implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(Repeating.class);

    private final String name;
    private ScheduledExecutorService timer;
    private volatile boolean running;

    protected Repeating(String name) {
        this.name = name;
    }

    /** The work and how often, registered by {@link #schedule}. */
    protected abstract void scheduleAll();

    protected final void schedule(String what, Duration every, Runnable work) {
        long millis = every.toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                work.run();
            } catch (RuntimeException e) {
                log.warn("{} failed; next in {}", what, every, e);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    @Override
    public void start() {
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name(name).daemon().factory());
        scheduleAll();
        running = true;
    }

    @Override
    public void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
