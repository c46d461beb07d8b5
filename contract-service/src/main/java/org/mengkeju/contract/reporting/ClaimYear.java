package org.mengkeju.contract.reporting;

import java.time.LocalDate;

/**
 * A post-subsidy claim year (后补助申报年度): 1 November of the year before to 31 October, in local days. Claim year
 * 2026 runs from 2025-11-01 to 2026-10-31.
 */
public record ClaimYear(int year) {

    public LocalDate firstDay() {
        return LocalDate.of(year - 1, 11, 1);
    }

    public LocalDate lastDay() {
        return LocalDate.of(year, 10, 31);
    }

    public boolean contains(LocalDate day) {
        return !day.isBefore(firstDay()) && !day.isAfter(lastDay());
    }

    /** The claim year {@code day} falls in. */
    public static ClaimYear of(LocalDate day) {
        return new ClaimYear(day.getMonthValue() >= 11 ? day.getYear() + 1 : day.getYear());
    }
}
