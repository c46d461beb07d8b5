package org.mengkeju.platform.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.mengkeju.platform.RealInfrastructure;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;

class IdempotentRequestsTest {

    record View(String id, String status, BigDecimal price) {
    }

    MongoTemplate mongo = RealInfrastructure.freshMongo();
    MutableClock clock = new MutableClock(Instant.parse("2026-11-22T02:00:00Z"));
    IdempotentRequests requests = new IdempotentRequests(mongo, JsonMapper.builder().build(), clock,
            Duration.ofSeconds(30));
    AtomicInteger creates = new AtomicInteger();

    ResponseEntity<View> create(String status) {
        int n = creates.incrementAndGet();
        return ResponseEntity.created(URI.create("/things/t-" + n)).body(new View("t-" + n, status,
                new BigDecimal("5.00")));
    }

    @Test
    void aRetryGetsTheFirstResponseAsStoredAndDoesNotRunTheCreateAgain() {
        var first = requests.once("imut-tto", "k-1", "fp", View.class, () -> create("DRAFT"));
        var retry = requests.once("imut-tto", "k-1", "fp", View.class, () -> create("PUBLISHED"));

        assertThat(creates).hasValue(1);
        assertThat(retry.getStatusCode().value()).isEqualTo(201);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getLocation()).isEqualTo(URI.create("/things/t-1"));
        assertThat(retry.getHeaders().getFirst(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(first.getHeaders().getFirst(IdempotentRequests.REPLAYED_HEADER)).isEqualTo("false");
    }

    @Test
    void theSameKeyWithAnotherRequestIsA409AndKeysAreScopedByCaller() {
        requests.once("imut-tto", "k-2", "fp-a", View.class, () -> create("DRAFT"));

        assertThatThrownBy(() -> requests.once("imut-tto", "k-2", "fp-b", View.class, () -> create("DRAFT")))
                .isInstanceOfSatisfying(ApiProblem.class, p -> {
                    assertThat(p.status().value()).isEqualTo(409);
                    assertThat(p.toProblemDetail().getType().toString()).endsWith("/idempotency-key-reused");
                });
        var otherCaller = requests.once("imu-tto", "k-2", "fp-b", View.class, () -> create("DRAFT"));
        assertThat(otherCaller.getBody().id()).isEqualTo("t-2");
    }

    @Test
    void aRefusedCreateReleasesTheKey() {
        assertThatThrownBy(() -> requests.once("imut-tto", "k-3", "fp", View.class, () -> {
            throw ApiProblem.forbidden("not yours");
        })).isInstanceOf(ApiProblem.class);

        assertThat(requests.once("imut-tto", "k-3", "fp", View.class, () -> create("DRAFT"))
                .getStatusCode().value()).isEqualTo(201);
    }

    @Test
    void aConcurrentDuplicateIsToldToRetryAndAnAbandonedClaimIsTakenOverLater() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicReference<ResponseEntity<View>> firstResult = new AtomicReference<>();
        Thread first = Thread.ofVirtual().start(() -> firstResult.set(requests.once("imut-tto", "k-4", "fp",
                View.class, () -> {
                    inside.countDown();
                    await(release);
                    return create("DRAFT");
                })));
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> requests.once("imut-tto", "k-4", "fp", View.class, () -> create("DRAFT")))
                .isInstanceOfSatisfying(ApiProblem.class, p -> assertThat(p.toProblemDetail().getType().toString())
                        .endsWith("/request-in-progress"));

        // The first holder looks dead after the take-over time: a retry runs the create itself.
        clock.advance(Duration.ofSeconds(31));
        var takenOver = requests.once("imut-tto", "k-4", "fp", View.class, () -> create("DRAFT"));
        assertThat(takenOver.getStatusCode().value()).isEqualTo(201);

        release.countDown();
        first.join(30_000);
        // The late first holder no longer owns the claim: the stored answer is the one that took over.
        var replay = requests.once("imut-tto", "k-4", "fp", View.class, () -> create("DRAFT"));
        assertThat(replay.getBody()).isEqualTo(takenOver.getBody());
        assertThat(firstResult.get()).isNotNull();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
