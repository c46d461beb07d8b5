package org.mengkeju.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenBucketTest {

    static final long SECOND = 1_000_000_000L;

    @Test
    void aBurstIsServedThenTheRateAndTheWaitIsTold() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);

        assertThat(bucket.take(0).remaining()).isEqualTo(2);
        assertThat(bucket.take(0).allowed()).isTrue();
        assertThat(bucket.take(0).allowed()).isTrue();
        TokenBucket.Decision refused = bucket.take(0);
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.nanosUntilNext()).isEqualTo(SECOND / 2);

        assertThat(bucket.take(SECOND / 2).allowed()).as("one token after half a second at 2/s").isTrue();
        assertThat(bucket.take(SECOND / 2).allowed()).isFalse();
    }

    @Test
    void aQuietClientGetsItsBurstBackButNoMore() {
        TokenBucket bucket = new TokenBucket(3, 2, 0);
        for (int i = 0; i < 3; i++) {
            bucket.take(0);
        }

        long later = 3600 * SECOND;
        int served = 0;
        while (bucket.take(later).allowed()) {
            served++;
        }
        assertThat(served).isEqualTo(3);
    }
}
