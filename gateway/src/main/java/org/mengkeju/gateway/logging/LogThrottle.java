package org.mengkeju.gateway.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Lets one log line per key through per interval and counts the ones it held back, so that a failure repeated
 * thousands of times a second (a service down, a shed request) writes a line every few seconds saying how many
 * there were, instead of filling the disk. Keys are few and fixed (a service, a kind of failure), so the map stays
 * small.
 */
public final class LogThrottle {

    private final Duration interval;
    private final Clock clock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    public LogThrottle(Duration interval) {
        this(interval, Clock.systemUTC());
    }

    LogThrottle(Duration interval, Clock clock) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the log throttle's interval must be positive");
        }
        this.interval = interval;
        this.clock = clock;
    }

    /**
     * Runs {@code statement} with the number of lines held back for {@code key} since the last one written, or
     * only counts this one when a line for the key was written less than an interval ago.
     *
     * @return whether the statement ran
     */
    public boolean log(String key, LongConsumer statement) {
        Window window = windows.computeIfAbsent(key, ignored -> new Window());
        Instant now = clock.instant();
        long suppressed;
        synchronized (window) {
            if (window.lastWritten != null && now.isBefore(window.lastWritten.plus(interval))) {
                window.suppressed.incrementAndGet();
                return false;
            }
            window.lastWritten = now;
            suppressed = window.suppressed.getAndSet(0);
        }
        statement.accept(suppressed);
        return true;
    }

    private static final class Window {
        private Instant lastWritten;
        private final AtomicLong suppressed = new AtomicLong();
    }
}
