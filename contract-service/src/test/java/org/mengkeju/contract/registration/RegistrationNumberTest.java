package org.mengkeju.contract.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mengkeju.contract.registration.ContractSamples.SOLID_WASTE_DEVELOPMENT;
import static org.mengkeju.contract.registration.ContractSamples.decide;
import static org.mengkeju.contract.registration.ContractSamples.desk;
import static org.mengkeju.contract.registration.ContractSamples.partner;
import static org.mengkeju.contract.registration.ContractSamples.underReview;
import static org.mengkeju.platform.test.TestHttp.json;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Year;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/**
 * Registration numbers are unique and gap-free per point and year: under concurrent registrations, and when a
 * process dies between reserving a number and writing it. Ordos point 02 is used by this class alone, so its
 * serials can be counted.
 */
@ServiceIntegrationTest
class RegistrationNumberTest {

    static final String ORDOS_02 = "tcr-150600-02";
    /** Below the expert-review threshold: 10,000,000 − 6,000,000 of materials. */
    static final String ORDOS_CONTRACT = SOLID_WASTE_DEVELOPMENT.replace("4999999.99", "6000000.00");

    @Value("${local.server.port}")
    int port;
    @Autowired
    RegistrationDesk desk;
    @Autowired
    RegistrationCounters counters;
    @Autowired
    RegistrationPolicy policy;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
        ContractSamples.makeSureTheCatalogIsUp();
    }

    @AfterEach
    void noMoreCrashes() {
        desk.afterNumberReserved = contractId -> { };
    }

    String counter() {
        return RegistrationCounters.counterId(policy.point(ORDOS_02).orElseThrow(),
                Year.from(LocalDate.now(ZoneId.of("Asia/Shanghai"))));
    }

    String contractUnderReview() {
        return underReview(http, ORDOS_CONTRACT, partner("ordos-coal-tech"), ORDOS_02);
    }

    static long serialOf(String registrationNumber) {
        assertThat(registrationNumber).matches("\\d{4}150602\\d{6}");
        return Long.parseLong(registrationNumber.substring(10));
    }

    @Test
    void concurrentRegistrationsGetDistinctConsecutiveNumbers() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            ids.add(contractUnderReview());
        }
        long before = counters.lastSerial(counter());

        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> numbers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(12)) {
            for (String id : ids) {
                numbers.add(pool.submit((Callable<String>) () -> {
                    start.await();
                    var response = decide(http, id, "{\"decision\":\"REGISTER\"}", desk(ORDOS_02));
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
                    return json(response).path("registrationNumber").asString();
                }));
            }
            start.countDown();
            List<Long> serials = new ArrayList<>();
            for (Future<String> number : numbers) {
                serials.add(serialOf(number.get()));
            }
            assertThat(serials).containsExactlyInAnyOrderElementsOf(
                    LongStream.rangeClosed(before + 1, before + 12).boxed().toList());
        }
        assertThat(counters.lastSerial(counter())).isEqualTo(before + 12);
        assertThat(counters.reservationsBefore(java.time.Instant.now().plusSeconds(60))).isEmpty();
    }

    @Test
    void twoReviewersRegisteringOneContractAtTheSameMomentIssueOneNumber() throws Exception {
        String id = contractUnderReview();
        long before = counters.lastSerial(counter());
        CountDownLatch start = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (int i = 0; i < 2; i++) {
                answers.add(pool.submit((Callable<String>) () -> {
                    start.await();
                    var response = decide(http, id, "{\"decision\":\"REGISTER\"}", desk(ORDOS_02));
                    return response.statusCode() + " " + json(response).path("registrationNumber").asString("");
                }));
            }
            start.countDown();
            List<String> seen = new ArrayList<>();
            for (Future<String> answer : answers) {
                seen.add(answer.get());
            }
            // One registers; the other gets the same registration or is told the contract changed meanwhile.
            assertThat(seen).anySatisfy(s -> assertThat(s).startsWith("200 "));
            assertThat(seen).allSatisfy(s -> assertThat(s).matches("200 \\d{16}|409 "));
        }
        long raced = serialOf(json(http.get(ContractSamples.CONTRACTS + "/" + id,
                org.mengkeju.platform.identity.IdentityToken.HEADER, desk(ORDOS_02))).path("registrationNumber").asString());

        // Whatever the late reviewer reserved was given back: the next registration closes any hole.
        var next = decide(http, contractUnderReview(), "{\"decision\":\"REGISTER\"}", desk(ORDOS_02));
        long following = serialOf(json(next).path("registrationNumber").asString());
        assertThat(List.of(raced, following)).containsExactlyInAnyOrder(before + 1, before + 2);
        assertThat(counters.freeSerials(counter())).isEmpty();
        assertThat(counters.lastSerial(counter())).isEqualTo(before + 2);
    }

    @Test
    void aSerialReservedTooLateIsGivenBackAndIssuedNext() {
        String counter = RegistrationCounters.counterId(policy.point(ORDOS_02).orElseThrow(), Year.of(2019));
        java.time.Instant now = java.time.Instant.now();
        long first = counters.reserve(counter, "ctr-late-reviewer", now);
        counters.release(counter, "ctr-late-reviewer");
        // A second reviewer that read the contract before it was registered reserves again, too late.
        long late = counters.reserve(counter, "ctr-late-reviewer", now);
        assertThat(late).isEqualTo(first + 1);

        counters.giveBack(counter, "ctr-late-reviewer", late);

        assertThat(counters.freeSerials(counter)).containsExactly(late);
        assertThat(counters.reserve(counter, "ctr-next", now)).isEqualTo(late);
        assertThat(counters.freeSerials(counter)).isEmpty();
        assertThat(counters.reserve(counter, "ctr-after-next", now)).isEqualTo(late + 1);
        assertThat(counters.reserve(counter, "ctr-next", now)).as("a contract's own reservation").isEqualTo(late);
        counters.release(counter, "ctr-next");
        counters.release(counter, "ctr-after-next");
    }

    @Test
    void aCrashBetweenReservingAndWritingTheNumberLeavesNoGap() {
        String crashed = contractUnderReview();
        String next = contractUnderReview();
        long before = counters.lastSerial(counter());
        CallerIdentity reviewer = new CallerIdentity(ORDOS_02 + "-desk", Role.OPERATOR, ORDOS_02, "150600");

        desk.afterNumberReserved = contractId -> {
            throw new IllegalStateException("process died after reserving a number for " + contractId);
        };
        assertThatThrownBy(() -> desk.decide(reviewer, crashed, new Decision(Decision.Kind.REGISTER, null, null)))
                .hasMessageContaining("process died");
        desk.afterNumberReserved = contractId -> { };

        Contract stuck = desk.get(reviewer, crashed);
        assertThat(stuck.status()).isEqualTo(ContractStatus.REGISTERING);
        assertThat(counters.lastSerial(counter())).isEqualTo(before + 1);

        // Another registration meanwhile takes the next serial; the interrupted one keeps its own.
        Contract registeredMeanwhile = desk.decide(reviewer, next, new Decision(Decision.Kind.REGISTER, null, null));
        assertThat(serialOf(registeredMeanwhile.registrationNumber())).isEqualTo(before + 2);

        // What the service runs by itself after a crash: complete the reservations that were left.
        assertThat(desk.resumeInterruptedRegistrations(Duration.ZERO)).isEqualTo(1);
        Contract resumed = desk.get(reviewer, crashed);
        assertThat(resumed.status()).isEqualTo(ContractStatus.REGISTERED);
        assertThat(serialOf(resumed.registrationNumber())).isEqualTo(before + 1);
        assertThat(counters.lastSerial(counter())).isEqualTo(before + 2);
        assertThat(desk.resumeInterruptedRegistrations(Duration.ZERO)).isZero();
    }

    @Test
    void aReviewerRetryingAfterTheCrashGetsTheReservedNumber() {
        String crashed = contractUnderReview();
        long before = counters.lastSerial(counter());
        CallerIdentity reviewer = new CallerIdentity(ORDOS_02 + "-desk", Role.OPERATOR, ORDOS_02, "150600");
        desk.afterNumberReserved = contractId -> {
            throw new IllegalStateException("process died after reserving a number for " + contractId);
        };
        assertThatThrownBy(() -> desk.decide(reviewer, crashed, new Decision(Decision.Kind.REGISTER, null, null)))
                .isInstanceOf(IllegalStateException.class);
        desk.afterNumberReserved = contractId -> { };

        var retried = decide(http, crashed, "{\"decision\":\"REGISTER\"}", desk(ORDOS_02));

        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(200);
        assertThat(serialOf(json(retried).path("registrationNumber").asString())).isEqualTo(before + 1);
        assertThat(counters.lastSerial(counter())).isEqualTo(before + 1);
    }
}
