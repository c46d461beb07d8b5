package org.mengkeju.platform.web.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RequestFingerprintTest {

    enum Mode { LICENCE, ASSIGNMENT, SHARES }

    record Listing(String title, BigDecimal price, Set<Mode> modes, List<String> tags, Map<String, Object> extra) {
    }

    @Test
    void numbersCountByValueSoFiveAndFivePointZeroZeroAreOneRequest() {
        assertThat(RequestFingerprint.of(listing("5", Set.of(Mode.LICENCE))))
                .isEqualTo(RequestFingerprint.of(listing("5.00", Set.of(Mode.LICENCE))))
                .isEqualTo(RequestFingerprint.of(listing("5.0E0", Set.of(Mode.LICENCE))))
                .isNotEqualTo(RequestFingerprint.of(listing("5.01", Set.of(Mode.LICENCE))));
        assertThat(RequestFingerprint.canonical(new BigDecimal("0.000"))).isEqualTo("0");
        assertThat(RequestFingerprint.canonical(new BigDecimal("1.50E+3"))).isEqualTo("1500");
        assertThat(RequestFingerprint.canonical(7)).isEqualTo(RequestFingerprint.canonical(new BigDecimal("7.0")));
    }

    @Test
    void setsAndMapKeysAreSortedWhateverTheirIterationOrder() {
        Set<Mode> forward = new LinkedHashSet<>(List.of(Mode.LICENCE, Mode.ASSIGNMENT, Mode.SHARES));
        Set<Mode> backward = new LinkedHashSet<>(List.of(Mode.SHARES, Mode.ASSIGNMENT, Mode.LICENCE));
        Map<String, Object> ab = new LinkedHashMap<>();
        ab.put("a", 1);
        ab.put("b", 2);
        Map<String, Object> ba = new LinkedHashMap<>();
        ba.put("b", 2);
        ba.put("a", 1);

        assertThat(RequestFingerprint.of(new Listing("x", null, forward, List.of(), ab)))
                .isEqualTo(RequestFingerprint.of(new Listing("x", null, backward, List.of(), ba)))
                .isEqualTo(RequestFingerprint.of(new Listing("x", null, new HashSet<>(backward), List.of(), ba)));
        assertThat(RequestFingerprint.of(EnumSet.allOf(Mode.class)))
                .isEqualTo(RequestFingerprint.of(new HashSet<>(EnumSet.allOf(Mode.class))));
    }

    @Test
    void listsKeepTheirOrderAndNullIsNotEmpty() {
        assertThat(RequestFingerprint.of(List.of("a", "b"))).isNotEqualTo(RequestFingerprint.of(List.of("b", "a")));
        assertThat(RequestFingerprint.of((Object) null)).isNotEqualTo(RequestFingerprint.of(""));
        assertThat(RequestFingerprint.of("a", "b")).isNotEqualTo(RequestFingerprint.of("ab"));
    }

    @Test
    void theCanonicalFormIsFixedTextSoItIsTheSameInEveryProcess() {
        // Pinned: a change here would make every stored fingerprint differ from a retry after the upgrade.
        assertThat(RequestFingerprint.canonical(listing("1500000.00", Set.of(Mode.SHARES, Mode.LICENCE))))
                .isEqualTo("{\"extra\":{},\"modes\":[\"LICENCE\",\"SHARES\"],\"price\":1500000,"
                        + "\"tags\":[],\"title\":\"玉米皮\\\"饲料\\\"\"}");
        assertThat(RequestFingerprint.of("imut", 5)).hasSize(64)
                .isEqualTo(RequestFingerprint.of("imut", new BigDecimal("5.000")));
    }

    @Test
    void typesWithoutACanonicalFormAreRefusedRatherThanFingerprintedByToString() {
        assertThatThrownBy(() -> RequestFingerprint.of(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    private static Listing listing(String price, Set<Mode> modes) {
        return new Listing("玉米皮\"饲料\"", new BigDecimal(price), modes, List.of(), Map.of());
    }
}
