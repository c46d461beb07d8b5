package org.mengkeju.matching.challenge;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.mengkeju.events.matching.ChallengePosted;
import org.mengkeju.events.matching.ChallengeStepTaken;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.platform.outbox.OutboxAggregate;
import org.mengkeju.platform.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A challenge list (揭榜挂帅, "post the list, let the able take it"): a hard problem an enterprise publishes with goals,
 * conditions and a reward. Teams apply with a proposal until the deadline's local day is over; the poster shortlists
 * and chooses one. Every step records its event; the applications live in this document, so each step is one write.
 */
@Document("challenges")
@CompoundIndex(name = "creation_idempotency", def = "{'createdBy': 1, 'idempotencyKey': 1}", unique = true)
public class Challenge extends OutboxAggregate {

    static final ZoneId LOCAL_ZONE = ZoneId.of("Asia/Shanghai");

    @Id
    private final String id;
    private final String title;
    private final String goals;
    private final String conditions;
    private final String posterInstitutionId;
    private final IndustryChain industryChain;
    private final String regionCode;
    private final BigDecimal rewardYuan;
    private final LocalDate deadline;
    private final String createdBy;
    private final String idempotencyKey;
    private final String requestFingerprint;
    private final Instant postedAt;
    private ChallengeStatus status;
    private String chosenApplicationId;
    private Instant awardedAt;
    private final List<Application> applications;
    @Version
    private Long version;

    @PersistenceCreator
    Challenge(String id, String title, String goals, String conditions, String posterInstitutionId,
            IndustryChain industryChain, String regionCode, BigDecimal rewardYuan, LocalDate deadline,
            String createdBy, String idempotencyKey, String requestFingerprint, Instant postedAt,
            ChallengeStatus status, String chosenApplicationId, Instant awardedAt, List<Application> applications,
            Long version) {
        this.id = id;
        this.title = title;
        this.goals = goals;
        this.conditions = conditions;
        this.posterInstitutionId = posterInstitutionId;
        this.industryChain = industryChain;
        this.regionCode = regionCode;
        this.rewardYuan = rewardYuan;
        this.deadline = deadline;
        this.createdBy = createdBy;
        this.idempotencyKey = idempotencyKey;
        this.requestFingerprint = requestFingerprint;
        this.postedAt = postedAt;
        this.status = status;
        this.chosenApplicationId = chosenApplicationId;
        this.awardedAt = awardedAt;
        this.applications = applications == null ? new ArrayList<>() : new ArrayList<>(applications);
        this.version = version;
    }

    /** What a poster says about the problem. */
    public record Terms(String title, String goals, String conditions, IndustryChain industryChain, String regionCode,
            BigDecimal rewardYuan, LocalDate deadline) {
    }

    /**
     * Publishes a new challenge list; records {@link ChallengePosted}.
     *
     * @throws IllegalArgumentException when the deadline's local day is already over
     */
    static Challenge post(Terms terms, String posterInstitutionId, String postedBy, String idempotencyKey,
            String requestFingerprint, Instant now) {
        if (terms.deadline().isBefore(today(now))) {
            throw new IllegalArgumentException("deadline " + terms.deadline() + " is already past (today is "
                    + today(now) + " in Asia/Shanghai)");
        }
        String id = "chl-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        Challenge challenge = new Challenge(id, terms.title(), terms.goals(), terms.conditions(), posterInstitutionId,
                terms.industryChain(), terms.regionCode(), terms.rewardYuan(), terms.deadline(), postedBy,
                idempotencyKey, requestFingerprint, now, ChallengeStatus.OPEN, null, null, List.of(), null);
        challenge.record(ChallengePosted.CONTRACT, id, new ChallengePosted(id, terms.title(), terms.goals(),
                terms.conditions(), posterInstitutionId, terms.industryChain().name(), terms.regionCode(),
                terms.rewardYuan(), terms.deadline(), postedBy, 0, now), now);
        return challenge;
    }

    static LocalDate today(Instant now) {
        return now.atZone(LOCAL_ZONE).toLocalDate();
    }

    /** Whether a team may still apply at {@code now}: open, and the deadline's local day not over. */
    boolean takesApplicationsAt(Instant now) {
        return status == ChallengeStatus.OPEN && !today(now).isAfter(deadline);
    }

    /** The application an institution's client made with this key, if it made one; for a retried request. */
    Optional<Application> applicationBy(String appliedBy, String idempotencyKey) {
        return applications.stream().filter(a -> a.appliedBy().equals(appliedBy)
                && a.idempotencyKey().equals(idempotencyKey)).findFirst();
    }

    Optional<Application> applicationOf(String institutionId) {
        return applications.stream().filter(a -> a.applicantInstitutionId().equals(institutionId)).findFirst();
    }

    public Optional<Application> application(String applicationId) {
        return applications.stream().filter(a -> a.applicationId().equals(applicationId)).findFirst();
    }

    /**
     * Takes a team's application; records the APPLY step.
     *
     * @throws IllegalStateException when applications are closed, or the institution applied already
     */
    Application apply(String applicantInstitutionId, String teamName, String proposal, BigDecimal quotedYuan,
            String appliedBy, String idempotencyKey, String requestFingerprint, Instant now) {
        if (!takesApplicationsAt(now)) {
            throw new IllegalStateException("challenge " + id + " takes no applications after " + deadline);
        }
        if (applicationOf(applicantInstitutionId).isPresent()) {
            throw new IllegalStateException(applicantInstitutionId + " has applied to challenge " + id + " already");
        }
        Application application = new Application(Application.nextId(), applicantInstitutionId, teamName, proposal,
                quotedYuan, appliedBy, idempotencyKey, requestFingerprint, now, ApplicationStatus.SUBMITTED, null);
        applications.add(application);
        recordStep("APPLY", application, appliedBy, now);
        return application;
    }

    /**
     * Puts an application on the shortlist; shortlisting it again changes nothing.
     *
     * @return whether this call changed the challenge
     * @throws IllegalStateException when the challenge is awarded already
     */
    boolean shortlist(String applicationId, String actor, Instant now) {
        Application application = application(applicationId).orElseThrow();
        if (application.status() == ApplicationStatus.SHORTLISTED) {
            return false;
        }
        if (status != ChallengeStatus.OPEN) {
            throw new IllegalStateException("challenge " + id + " is awarded already");
        }
        Application shortlisted = application.withStatus(ApplicationStatus.SHORTLISTED, now);
        replace(shortlisted);
        recordStep("SHORTLIST", shortlisted, actor, now);
        return true;
    }

    /**
     * Chooses a shortlisted application: the challenge is awarded, every other application passed over. Choosing the
     * chosen one again changes nothing.
     *
     * @return whether this call changed the challenge
     * @throws IllegalStateException when the application is not on the shortlist or another was chosen
     */
    boolean choose(String applicationId, String actor, Instant now) {
        Application application = application(applicationId).orElseThrow();
        if (application.status() == ApplicationStatus.CHOSEN) {
            return false;
        }
        if (status != ChallengeStatus.OPEN) {
            throw new IllegalStateException("challenge " + id + " is awarded to " + chosenApplicationId + " already");
        }
        if (application.status() != ApplicationStatus.SHORTLISTED) {
            throw new IllegalStateException("application " + applicationId + " is " + application.status()
                    + "; only a shortlisted application is chosen");
        }
        status = ChallengeStatus.AWARDED;
        chosenApplicationId = applicationId;
        awardedAt = now;
        applications.replaceAll(a -> a.applicationId().equals(applicationId)
                ? a.withStatus(ApplicationStatus.CHOSEN, now) : a.withStatus(ApplicationStatus.NOT_CHOSEN, now));
        recordStep("CHOOSE", application(applicationId).orElseThrow(), actor, now);
        return true;
    }

    private void replace(Application changed) {
        applications.replaceAll(a -> a.applicationId().equals(changed.applicationId()) ? changed : a);
    }

    private void recordStep(String action, Application application, String actor, Instant now) {
        long after = version == null ? 0 : version + 1;
        record(ChallengeStepTaken.CONTRACT, id, new ChallengeStepTaken(id, action, application.applicationId(),
                application.applicantInstitutionId(), application.status().name(), status.name(), rewardYuan, actor,
                after, now), now);
    }

    boolean wasCreatedFrom(String fingerprint) {
        return requestFingerprint.equals(fingerprint);
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String goals() {
        return goals;
    }

    public String conditions() {
        return conditions;
    }

    public String posterInstitutionId() {
        return posterInstitutionId;
    }

    public IndustryChain industryChain() {
        return industryChain;
    }

    public String regionCode() {
        return regionCode;
    }

    public BigDecimal rewardYuan() {
        return rewardYuan;
    }

    public LocalDate deadline() {
        return deadline;
    }

    public Instant postedAt() {
        return postedAt;
    }

    public ChallengeStatus status() {
        return status;
    }

    public String chosenApplicationId() {
        return chosenApplicationId;
    }

    public Instant awardedAt() {
        return awardedAt;
    }

    public List<Application> applications() {
        return List.copyOf(applications);
    }

    public Long version() {
        return version;
    }

    @Override
    protected List<PendingEvent> pendingEvents() {
        return super.pendingEvents();
    }
}
