package org.mengkeju.contract.registration;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Working days (工作日) of the region: Monday to Friday, less the public holidays, plus the weekend days worked in
 * exchange (调休). Both lists are data, given year by year in configuration.
 */
public record WorkingCalendar(Set<LocalDate> holidays, Set<LocalDate> workedWeekendDays) {

    public WorkingCalendar {
        holidays = holidays == null ? Set.of() : Set.copyOf(holidays);
        workedWeekendDays = workedWeekendDays == null ? Set.of() : Set.copyOf(workedWeekendDays);
    }

    public boolean isWorkingDay(LocalDate day) {
        if (holidays.contains(day)) {
            return false;
        }
        boolean weekend = day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
        return !weekend || workedWeekendDays.contains(day);
    }

    /**
     * The last day of a period of {@code workingDays} working days counted from the day after {@code start} (the
     * day a review starts does not count).
     */
    public LocalDate addWorkingDays(LocalDate start, int workingDays) {
        LocalDate day = start;
        int counted = 0;
        while (counted < workingDays) {
            day = day.plusDays(1);
            if (isWorkingDay(day)) {
                counted++;
            }
        }
        return day;
    }
}
