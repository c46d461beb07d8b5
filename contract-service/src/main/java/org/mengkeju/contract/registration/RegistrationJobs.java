package org.mengkeju.contract.registration;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * What the desk does by itself: checks again the achievements of contracts the catalog could not verify, and
 * completes registrations a crash interrupted. Both are safe to run on several replicas at once (version checks,
 * one reservation per contract).
 */
@Component
class RegistrationJobs {

    private static final Logger log = LoggerFactory.getLogger(RegistrationJobs.class);
    /** A reservation this old belongs to a registration that is no longer running. */
    private static final Duration INTERRUPTED_AFTER = Duration.ofSeconds(30);

    private final RegistrationDesk desk;

    RegistrationJobs(RegistrationDesk desk) {
        this.desk = desk;
    }

    @Scheduled(fixedDelayString = "${mengkeju.contract.catalog.recheck-every:30s}",
            initialDelayString = "${mengkeju.contract.catalog.recheck-every:30s}")
    void recheckAchievements() {
        try {
            int checked = desk.recheckAchievements();
            if (checked > 0) {
                log.debug("checked the achievements of {} pending contracts again", checked);
            }
        } catch (RuntimeException failed) {
            log.warn("checking pending achievements failed; next round retries: {}", failed.toString());
        }
    }

    @Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT10S")
    void resumeInterruptedRegistrations() {
        try {
            desk.resumeInterruptedRegistrations(INTERRUPTED_AFTER);
        } catch (RuntimeException failed) {
            log.warn("resuming interrupted registrations failed; next round retries: {}", failed.toString());
        }
    }
}
