package org.mengkeju.contract.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * The service's configured calendar for 2026, as the State Council's holiday notice has it: review deadlines skip the
 * Golden Week and count the Saturday worked after it. Reads the service's own application.yml, no infrastructure.
 */
class RegionCalendarTest {

    private static RegistrationPolicy configured() throws Exception {
        var environment = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"))
                .forEach(environment.getPropertySources()::addLast);
        return Binder.get(environment).bind("mengkeju.contract.registration", RegistrationPolicy.class).get();
    }

    @Test
    void theGoldenWeekIsNotWorkedAndItsMakeUpSaturdayIs() throws Exception {
        WorkingCalendar calendar = configured().calendar();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-05"))).as("a Monday of the Golden Week").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-10"))).as("the Saturday worked (调休)").isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-14"))).as("the Saturday before Spring Festival")
                .isTrue();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-02-17"))).as("Spring Festival").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-10-11"))).as("an ordinary Sunday").isFalse();
        assertThat(calendar.isWorkingDay(LocalDate.parse("2026-11-30"))).as("an ordinary Monday").isTrue();
    }

    @Test
    void aReviewStartedBeforeNationalDayEndsThreeWeeksLater() throws Exception {
        // 15 working days from Wednesday 30 September: 8, 9, 10 (Saturday, worked), 12-16, 19-23, 26 and 27 October.
        // Counting every weekday it would have been 21 October.
        assertThat(configured().calendar().addWorkingDays(LocalDate.parse("2026-09-30"), 15))
                .isEqualTo(LocalDate.parse("2026-10-27"));
    }
}
