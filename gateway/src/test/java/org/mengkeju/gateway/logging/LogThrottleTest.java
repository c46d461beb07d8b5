package org.mengkeju.gateway.logging;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogThrottleTest {

    private final MutableClock clock = new MutableClock();
    private final LogThrottle throttle = new LogThrottle(Duration.ofSeconds(10), clock);
    private final List<String> written = new ArrayList<>();

    @Test
    void writesTheFirstLineAndHoldsBackRepeatsWithinTheInterval() {
        for (int i = 0; i < 1000; i++) {
            throttle.log("catalog-service down", suppressed -> written.add("down, " + suppressed + " held back"));
        }

        assertThat(written).containsExactly("down, 0 held back");
    }

    @Test
    void saysHowManyItHeldBackWhenTheIntervalHasPassed() {
        throttle.log("shed", suppressed -> written.add("shed " + suppressed));
        for (int i = 0; i < 41; i++) {
            throttle.log("shed", suppressed -> written.add("shed " + suppressed));
        }
        clock.advance(Duration.ofSeconds(10));

        boolean ran = throttle.log("shed", suppressed -> written.add("shed " + suppressed));

        assertThat(ran).isTrue();
        assertThat(written).containsExactly("shed 0", "shed 41");
    }

    @Test
    void throttlesEachKeyOnItsOwn() {
        throttle.log("catalog-service", suppressed -> written.add("catalog"));
        throttle.log("points-service", suppressed -> written.add("points"));
        throttle.log("catalog-service", suppressed -> written.add("catalog again"));

        assertThat(written).containsExactly("catalog", "points");
    }

    @Test
    void refusesAnIntervalThatThrottlesNothing() {
        assertThatThrownBy(() -> new LogThrottle(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static final class MutableClock extends Clock {
        private Instant now = Instant.parse("2026-03-01T02:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
