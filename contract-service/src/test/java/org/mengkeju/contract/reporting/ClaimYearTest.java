package org.mengkeju.contract.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class ClaimYearTest {

    @Test
    void aClaimYearRunsFromTheFirstOfNovemberToTheThirtyFirstOfOctober() {
        ClaimYear year = new ClaimYear(2026);

        assertThat(year.firstDay()).isEqualTo("2025-11-01");
        assertThat(year.lastDay()).isEqualTo("2026-10-31");
        assertThat(year.contains(LocalDate.parse("2025-10-31"))).isFalse();
        assertThat(year.contains(LocalDate.parse("2025-11-01"))).isTrue();
        assertThat(year.contains(LocalDate.parse("2026-10-31"))).isTrue();
        assertThat(year.contains(LocalDate.parse("2026-11-01"))).isFalse();
        assertThat(ClaimYear.of(LocalDate.parse("2026-10-31"))).isEqualTo(year);
        assertThat(ClaimYear.of(LocalDate.parse("2026-11-01"))).isEqualTo(new ClaimYear(2027));
    }
}
