package org.mengkeju.matching.challenge;

import java.math.BigDecimal;
import java.time.Clock;

import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.outbox.OutboxAggregates;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;

/**
 * The use cases on challenge lists (揭榜挂帅): publish, read, apply, shortlist, choose. The rules of the list live on
 * {@link Challenge}; who may do what is decided here. A challenge is public; its applications are seen only by the
 * poster and the platform's operators (an applicant gets its own back when it applies).
 */
@Service
public class ChallengeBoard {

    private static final Logger log = LoggerFactory.getLogger(ChallengeBoard.class);
    /** Teams applying at the same moment each retry on a fresh copy; this many times is plenty. */
    private static final int ATTEMPTS = 5;

    private final Challenges challenges;
    private final OutboxAggregates aggregates;
    private final Clock clock;

    ChallengeBoard(Challenges challenges, OutboxAggregates aggregates, Clock clock) {
        this.challenges = challenges;
        this.aggregates = aggregates;
        this.clock = clock;
    }

    /** What the poster may do with an application. */
    public enum Decision {
        /** 入围: put on the shortlist. */
        SHORTLIST,
        /** 揭榜成功: chosen; the challenge is awarded to it. */
        CHOOSE
    }

    /** What a create returns: the thing, and whether an earlier identical request had created it. */
    public record Created<T>(T value, boolean replayed) {
    }

    public Created<Challenge> post(CallerIdentity caller, String idempotencyKey, String requestedPoster,
            Challenge.Terms terms) {
        String poster = posterFor(caller, requestedPoster, terms);
        String fingerprint = RequestFingerprint.of(poster, terms);
        Challenge challenge;
        try {
            challenge = Challenge.post(terms, poster, caller.clientId(), idempotencyKey, fingerprint, clock.instant());
        } catch (IllegalArgumentException pastDeadline) {
            throw ApiProblem.invalid("deadline-past", "Deadline already past", "deadline: " + pastDeadline.getMessage());
        }
        try {
            Challenge saved = challenges.insert(challenge);
            log.info("challenge {} posted for {} by {}", saved.id(), poster, caller.clientId());
            return new Created<>(saved, false);
        } catch (DuplicateKeyException retry) {
            Challenge first = challenges.findByCreatedByAndIdempotencyKey(caller.clientId(), idempotencyKey)
                    .orElseThrow(() -> retry);
            if (!first.wasCreatedFrom(fingerprint)) {
                throw keyReused(idempotencyKey, "challenge " + first.id());
            }
            return new Created<>(first, true);
        }
    }

    /** Challenges are public: every identified caller reads them. */
    public Challenge get(String id) {
        return challenges.findById(id).orElseThrow(() -> ApiProblem.notFound("challenge", id));
    }

    /**
     * A team applies through its institution's client; an operator applies for a named institution. Refused after the
     * deadline's local day, for the poster itself, and for an institution that applied already. A retry with the same
     * key returns the first application.
     */
    public Created<Application> apply(CallerIdentity caller, String challengeId, String idempotencyKey,
            String requestedApplicant, String teamName, String proposal, BigDecimal quotedYuan) {
        String applicant = applicantFor(caller, requestedApplicant);
        String fingerprint = RequestFingerprint.of(challengeId, applicant, teamName, proposal, quotedYuan);
        for (int attempt = 1; ; attempt++) {
            Challenge challenge = get(challengeId);
            var earlier = challenge.applicationBy(caller.clientId(), idempotencyKey);
            if (earlier.isPresent()) {
                if (!earlier.get().requestFingerprint().equals(fingerprint)) {
                    throw keyReused(idempotencyKey, "application " + earlier.get().applicationId());
                }
                return new Created<>(earlier.get(), true);
            }
            if (applicant.equals(challenge.posterInstitutionId())) {
                throw ApiProblem.forbidden(applicant + " posted challenge " + challengeId + " and cannot apply to it");
            }
            if (!challenge.takesApplicationsAt(clock.instant())) {
                throw ApiProblem.conflict("applications-closed", "Applications closed", "challenge " + challengeId
                        + " took applications until " + challenge.deadline() + " (Asia/Shanghai) and is "
                        + challenge.status());
            }
            if (challenge.applicationOf(applicant).isPresent()) {
                throw ApiProblem.conflict("already-applied", "Already applied", applicant
                        + " has applied to challenge " + challengeId + " already");
            }
            Application application = challenge.apply(applicant, teamName, proposal, quotedYuan, caller.clientId(),
                    idempotencyKey, fingerprint, clock.instant());
            try {
                aggregates.save(challenge);
                log.info("application {} of {} to challenge {}", application.applicationId(), applicant, challengeId);
                return new Created<>(application, false);
            } catch (OptimisticLockingFailureException concurrent) {
                if (attempt == ATTEMPTS) {
                    throw ApiProblem.conflict("challenge-busy", "Challenge busy", "challenge " + challengeId
                            + " changed under " + ATTEMPTS + " attempts; retry with the same Idempotency-Key");
                }
            }
        }
    }

    /** The poster or an operator shortlists or chooses; repeating a decision changes nothing. */
    public Challenge decide(CallerIdentity caller, String challengeId, String applicationId, Decision decision) {
        Challenge challenge = get(challengeId);
        if (!mayManage(caller, challenge)) {
            throw ApiProblem.forbidden("only the poster " + challenge.posterInstitutionId()
                    + " or an operator decides on the applications to challenge " + challengeId);
        }
        if (challenge.application(applicationId).isEmpty()) {
            throw ApiProblem.notFound("application", applicationId);
        }
        boolean changed;
        try {
            changed = decision == Decision.SHORTLIST
                    ? challenge.shortlist(applicationId, caller.clientId(), clock.instant())
                    : challenge.choose(applicationId, caller.clientId(), clock.instant());
        } catch (IllegalStateException refused) {
            throw ApiProblem.conflict("decision-not-allowed", "Decision not allowed", refused.getMessage());
        }
        if (!changed) {
            return challenge;
        }
        try {
            Challenge saved = aggregates.save(challenge);
            log.info("application {} to challenge {}: {} by {}", applicationId, challengeId, decision,
                    caller.clientId());
            return saved;
        } catch (OptimisticLockingFailureException concurrent) {
            throw ApiProblem.conflict("challenge-changed", "Challenge changed meanwhile", "challenge " + challengeId
                    + " was changed meanwhile; read it again and decide");
        }
    }

    /** Whether the caller sees the applications: the poster's own clients and operators. */
    public boolean showsApplicationsTo(CallerIdentity caller, Challenge challenge) {
        return mayManage(caller, challenge);
    }

    static boolean mayManage(CallerIdentity caller, Challenge challenge) {
        return caller.is(Role.OPERATOR)
                || (caller.is(Role.PARTNER) && challenge.posterInstitutionId().equals(caller.institutionId()));
    }

    private static String posterFor(CallerIdentity caller, String requested, Challenge.Terms terms) {
        return switch (caller.role()) {
            case PARTNER -> ownInstitution(caller, requested, "post");
            case OPERATOR, SUB_CENTER -> {
                if (requested == null) {
                    throw ApiProblem.invalid("poster-required", "Poster required",
                            "posterInstitutionId is required when a " + caller.role() + " posts a challenge");
                }
                if (caller.is(Role.SUB_CENTER) && !terms.regionCode().equals(caller.regionCode())) {
                    throw ApiProblem.forbidden("sub-center " + caller.clientId() + " posts only for "
                            + caller.regionCode() + ", not " + terms.regionCode());
                }
                yield requested;
            }
            case BROKER, FINANCE_INSTITUTION -> throw ApiProblem.forbidden("a " + caller.role()
                    + " client cannot post challenges; the enterprise's own client or an operator does");
        };
    }

    private static String applicantFor(CallerIdentity caller, String requested) {
        return switch (caller.role()) {
            case PARTNER -> ownInstitution(caller, requested, "apply");
            case OPERATOR -> {
                if (requested == null) {
                    throw ApiProblem.invalid("applicant-required", "Applicant required",
                            "applicantInstitutionId is required when an operator applies for a team");
                }
                yield requested;
            }
            case SUB_CENTER, BROKER, FINANCE_INSTITUTION -> throw ApiProblem.forbidden("a " + caller.role()
                    + " client cannot apply; a team applies through its institution's client");
        };
    }

    private static String ownInstitution(CallerIdentity caller, String requested, String what) {
        if (caller.institutionId() == null) {
            throw ApiProblem.forbidden("client " + caller.clientId() + " acts for no institution");
        }
        if (requested != null && !requested.equals(caller.institutionId())) {
            throw ApiProblem.forbidden("client " + caller.clientId() + " may " + what + " only for institution "
                    + caller.institutionId() + ", not " + requested);
        }
        return caller.institutionId();
    }

    private static ApiProblem keyReused(String key, String what) {
        return ApiProblem.conflict("idempotency-key-reused", "Idempotency key reused", "Idempotency-Key '" + key
                + "' was already used for a different request (" + what + "); use a new key");
    }
}
