package org.mengkeju.matching.challenge;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A team's application to a challenge list, with its proposal. Held inside its {@link Challenge}, so that choosing
 * one and passing over the others is one write.
 *
 * @param quotedYuan what the team asks for the work, in yuan; null when it takes the posted reward as it is
 */
public record Application(
        String applicationId,
        String applicantInstitutionId,
        String teamName,
        String proposal,
        BigDecimal quotedYuan,
        String appliedBy,
        String idempotencyKey,
        String requestFingerprint,
        Instant appliedAt,
        ApplicationStatus status,
        Instant decidedAt) {

    static String nextId() {
        return "app-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    Application withStatus(ApplicationStatus next, Instant now) {
        return new Application(applicationId, applicantInstitutionId, teamName, proposal, quotedYuan, appliedBy,
                idempotencyKey, requestFingerprint, appliedAt, next, now);
    }
}
