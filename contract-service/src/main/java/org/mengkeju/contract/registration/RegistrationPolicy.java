package org.mengkeju.contract.registration;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The registration rules as typed, dated configuration ({@code mengkeju.contract.registration}): the national rules
 * were rewritten in 2026 and will change again, so every value a rule uses has an effective date, and the region's
 * registration points are data.
 *
 * @param rules  the rule sets, each in force from its date until the next one's
 * @param points the registration institutions (技术合同登记机构) and the league-city each serves
 * @param holidays the region's public holidays, which do not count as working days
 * @param workedWeekendDays weekend days worked in exchange for a holiday (调休), which count
 */
@ConfigurationProperties("mengkeju.contract.registration")
public record RegistrationPolicy(List<Rules> rules, List<Point> points, List<LocalDate> holidays,
        List<LocalDate> workedWeekendDays) {

    private static final Pattern TWO_DIGITS = Pattern.compile("[0-9]{2}");
    private static final Pattern LEAGUE_CITY = Pattern.compile("15[0-9]{2}00");

    /**
     * The values of the rules in force from {@code effectiveFrom}.
     *
     * @param effectiveFrom                the first local day they apply to (by the day a contract is submitted)
     * @param expertReviewThresholdYuan    a technology transaction amount of this or more needs a second, expert
     *                                     review before registration (5,000,000 yuan in the 2026 rules)
     * @param reviewWorkingDays            the review deadline in working days (15)
     * @param expertReviewWorkingDays      the deadline with expert review (30)
     * @param inventorShareMinimumPercent  the inventors' least share of net income where the seller is a public
     *                                     university or institute (70)
     */
    public record Rules(LocalDate effectiveFrom, BigDecimal expertReviewThresholdYuan, int reviewWorkingDays,
            int expertReviewWorkingDays, BigDecimal inventorShareMinimumPercent) {
    }

    /**
     * A registration point: one registration institution.
     *
     * @param institutionId the institution's id; its operators call with it as their institution
     * @param regionCode    the league-city it serves, e.g. {@code 150100}; its digits 3-4 are the number's city code
     * @param pointCode     its two-digit number within the city, part of the registration number
     */
    public record Point(String institutionId, String regionCode, String pointCode) {

        /** The city code of the registration number: digits 3 and 4 of the league-city code. */
        public String cityCode() {
            return regionCode.substring(2, 4);
        }
    }

    public RegistrationPolicy {
        rules = rules == null ? List.of() : rules.stream().sorted(Comparator.comparing(Rules::effectiveFrom)).toList();
        points = points == null ? List.of() : List.copyOf(points);
        holidays = holidays == null ? List.of() : List.copyOf(holidays);
        workedWeekendDays = workedWeekendDays == null ? List.of() : List.copyOf(workedWeekendDays);
        if (rules.isEmpty()) {
            throw new IllegalArgumentException("mengkeju.contract.registration.rules lists no rule set");
        }
        Set<String> ids = new HashSet<>();
        Set<String> numbers = new HashSet<>();
        for (Point point : points) {
            if (point.regionCode() == null || !LEAGUE_CITY.matcher(point.regionCode()).matches()
                    || point.pointCode() == null || !TWO_DIGITS.matcher(point.pointCode()).matches()) {
                throw new IllegalArgumentException("registration point " + point.institutionId()
                        + " needs a league-city region code (15xx00) and a two-digit point code");
            }
            if (!ids.add(point.institutionId()) || !numbers.add(point.cityCode() + point.pointCode())) {
                throw new IllegalArgumentException("registration point " + point.institutionId()
                        + " repeats an institution id or a city and point code");
            }
        }
    }

    /** The rules in force on {@code day}; before the first set, the first set. */
    public Rules rulesOn(LocalDate day) {
        Rules inForce = rules.getFirst();
        for (Rules candidate : rules) {
            if (!candidate.effectiveFrom().isAfter(day)) {
                inForce = candidate;
            }
        }
        return inForce;
    }

    public WorkingCalendar calendar() {
        return new WorkingCalendar(Set.copyOf(holidays), Set.copyOf(workedWeekendDays));
    }

    public Optional<Point> point(String institutionId) {
        return points.stream().filter(p -> p.institutionId().equals(institutionId)).findFirst();
    }

    /**
     * The league-city an operator's view of contracts is limited to: its registration point's region; none for the
     * platform's own operators, with no institution or one that is no registration point (the science department,
     * 科技厅). Only a registration point reviews; this decides only what an operator sees.
     */
    public Optional<String> operatorRegion(String operatorInstitutionId) {
        return operatorInstitutionId == null ? Optional.empty()
                : point(operatorInstitutionId).map(Point::regionCode);
    }

    public boolean servesRegion(String regionCode) {
        return points.stream().anyMatch(p -> p.regionCode().equals(regionCode));
    }
}
