package org.mengkeju.catalog.inquiry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mengkeju.catalog.achievement.Achievement;
import org.mengkeju.catalog.achievement.AchievementCatalog;
import org.mengkeju.catalog.achievement.AchievementStatus;
import org.mengkeju.catalog.achievement.Achievements;
import org.mengkeju.catalog.session.ReleaseSession;
import org.mengkeju.catalog.session.SessionProgramme;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.outbox.OutboxAggregates;
import org.mengkeju.platform.web.ApiProblem;
import org.mengkeju.platform.web.idempotency.RequestFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * The use cases on price inquiries (询价): a buyer asks about a listing on offer, the owner's transfer office answers,
 * both follow up; each side reads its own inquiries. Who may do what is decided here.
 *
 * <p>Buyers are partners of other institutions, finance institutions and technology brokers; the platform's operators
 * may also ask, as the service desk asking for an enterprise (代为询价, e.g. one met at a roadshow). Sub-centers sync
 * listings and do not ask. A thread is seen by its two sides and the operators and by nobody else: to anyone else it
 * does not exist (404).
 */
@Service
public class InquiryDesk {

    private static final Logger log = LoggerFactory.getLogger(InquiryDesk.class);
    static final int MAX_PAGE = 100;
    /** The buying party of inquiries operators open: the platform's service desk, which every operator staffs. */
    static final String PLATFORM_PARTY = "platform";
    /** How often a message that lost a race with another writer is re-applied to the fresh thread. */
    private static final int ATTEMPTS = 20;

    private final Inquiries inquiries;
    private final Achievements achievements;
    private final AchievementCatalog catalog;
    private final SessionProgramme sessions;
    private final OutboxAggregates aggregates;
    /** For the list queries, whose filters combine freely. */
    private final MongoTemplate mongo;
    private final Clock clock;

    InquiryDesk(Inquiries inquiries, Achievements achievements, AchievementCatalog catalog,
            SessionProgramme sessions, OutboxAggregates aggregates, MongoTemplate mongo, Clock clock) {
        this.inquiries = inquiries;
        this.achievements = achievements;
        this.catalog = catalog;
        this.sessions = sessions;
        this.aggregates = aggregates;
        this.mongo = mongo;
        this.clock = clock;
    }

    /** What an ask returns: the inquiry, and whether this call opened it or repeated an earlier one. */
    public record Opened(Inquiry inquiry, boolean replayed) {
    }

    /**
     * Opens an inquiry once per (caller, Idempotency-Key). The listing must be on offer: a TRANSACTED or WITHDRAWN one
     * (or any other status that is not public) is a 409 naming its status; one the caller never could see is a 404.
     * A named session must exist (400) and present the achievement (409).
     */
    public Opened open(CallerIdentity caller, String idempotencyKey, String achievementId, String question,
            String sessionId) {
        Achievement achievement = achievements.findById(achievementId)
                .filter(a -> wasPublic(a) || caller.is(Role.OPERATOR) || isOwnersOffice(caller, a.ownerInstitutionId()))
                .orElseThrow(() -> ApiProblem.notFound("achievement", achievementId));
        Buyer buyer = mayAsk(caller, achievementId, achievement.ownerInstitutionId());
        if (!onOffer(achievement.status())) {
            throw ApiProblem.conflict("achievement-not-on-offer", "Achievement not on offer", "achievement "
                    + achievementId + " is " + achievement.status() + "; inquiries are taken on listings on offer "
                    + "(PUBLISHED or UNDER_NEGOTIATION)");
        }
        if (sessionId != null) {
            ReleaseSession session = sessions.find(sessionId).orElseThrow(() -> ApiProblem.invalid("unknown-session",
                    "Unknown session", "sessionId " + sessionId + " names no release session"));
            if (!session.lists(achievementId)) {
                throw ApiProblem.conflict("not-in-session", "Achievement not in session", "achievement "
                        + achievementId + " is not on the programme of release session " + sessionId);
            }
        }
        String fingerprint = RequestFingerprint.of(achievementId, question.strip(), sessionId);
        Inquiry inquiry = Inquiry.open(InquiryId.next(clock.instant()), achievementId, achievement.title(),
                achievement.ownerInstitutionId(), buyer, question, sessionId, idempotencyKey, fingerprint,
                clock.instant());
        try {
            Inquiry saved = inquiries.insert(inquiry);
            log.info("inquiry {} about achievement {} opened by {}", saved.id(), achievementId, caller.clientId());
            return new Opened(saved, false);
        } catch (DuplicateKeyException retry) {
            // A create that ran but whose response was never stored: the unique (askedBy, key) index answers.
            Inquiry first = inquiries.findByAskedByAndIdempotencyKey(caller.clientId(), idempotencyKey)
                    .orElseThrow(() -> retry);
            if (!first.wasOpenedFrom(fingerprint)) {
                throw ApiProblem.conflict("idempotency-key-reused", "Idempotency key reused", "Idempotency-Key '"
                        + idempotencyKey + "' was already used for another inquiry (" + first.id() + ")");
            }
            return new Opened(first, true);
        }
    }

    /** An inquiry's thread, for its two sides and the operators; a 404 to anyone else. */
    public Inquiry get(CallerIdentity caller, String achievementId, String inquiryId) {
        return find(caller, achievementId, inquiryId).inquiry();
    }

    /**
     * Adds a message to the thread: an answer from the owner's office, a follow-up from the buyer, a note from an
     * operator. Messages posted at the same moment all land: a write that lost the race is re-applied.
     */
    public Inquiry post(CallerIdentity caller, String achievementId, String inquiryId, String idempotencyKey,
            String text) {
        Visible visible = find(caller, achievementId, inquiryId);
        Inquiry inquiry = visible.inquiry();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                Inquiry.Posted posted = inquiry.post(visible.side(), caller.clientId(), text, idempotencyKey,
                        clock.instant());
                if (!posted.added()) {
                    return inquiry;
                }
                Inquiry saved = aggregates.save(inquiry);
                log.info("inquiry {}: message {} from the {} side by {}", inquiryId, posted.message().number(),
                        visible.side(), caller.clientId());
                return saved;
            } catch (Inquiry.ThreadFull full) {
                throw ApiProblem.conflict("thread-full", "Thread full", full.getMessage());
            } catch (Inquiry.KeyReused reused) {
                throw ApiProblem.conflict("idempotency-key-reused", "Idempotency key reused", reused.getMessage());
            } catch (OptimisticLockingFailureException raced) {
                inquiry = find(caller, achievementId, inquiryId).inquiry();
            }
        }
        throw ApiProblem.conflict("concurrent-change", "Concurrent change", "inquiry " + inquiryId
                + " is being written by many requests at once; retry shortly");
    }

    /** The inquiries about one achievement, for its owner's office and the operators; optionally in one status. */
    public List<Inquiry> listForAchievement(CallerIdentity caller, String achievementId, InquiryStatus status,
            String after, int limit) {
        Achievement achievement = catalog.get(caller, achievementId);
        if (!caller.is(Role.OPERATOR) && !isOwnersOffice(caller, achievement.ownerInstitutionId())) {
            throw ApiProblem.forbidden("the inquiries about achievement " + achievementId + " are listed for its "
                    + "owner's transfer office and the operators; see your own at /api/v1/catalog/inquiries");
        }
        return page(Criteria.where("achievementId").is(achievementId), status, after, limit);
    }

    /** The inquiries the caller's side asked; optionally in one status. */
    public List<Inquiry> listAsked(CallerIdentity caller, InquiryStatus status, String after, int limit) {
        String party = partyOf(caller).orElseThrow(() -> ApiProblem.forbidden("a " + caller.role() + " client "
                + caller.clientId() + " does not ask about listings, so it has no inquiries of its own"));
        return page(Criteria.where("buyerParty").is(party), status, after, limit);
    }

    /**
     * The inquiries about the caller's institution's listings, every inquiry for an operator; in status
     * AWAITING_ANSWER, the ones a transfer office still has to answer.
     */
    public List<Inquiry> listReceived(CallerIdentity caller, InquiryStatus status, String after, int limit) {
        if (caller.is(Role.OPERATOR)) {
            return page(null, status, after, limit);
        }
        if (caller.is(Role.PARTNER) && caller.institutionId() != null) {
            return page(Criteria.where("ownerInstitutionId").is(caller.institutionId()), status, after, limit);
        }
        throw ApiProblem.forbidden("inquiries are received by the owners' transfer offices; a " + caller.role()
                + " client " + caller.clientId() + " owns no listings");
    }

    /** A page in id order (the order of arrival) after {@code after}, within {@code scope} and the status. */
    private List<Inquiry> page(Criteria scope, InquiryStatus status, String after, int limit) {
        List<Criteria> parts = new ArrayList<>();
        if (scope != null) {
            parts.add(scope);
        }
        if (status != null) {
            parts.add(Criteria.where("status").is(status));
        }
        parts.add(Criteria.where("_id").gt(after == null ? "" : after));
        Query query = Query.query(new Criteria().andOperator(parts)).with(Sort.by("_id")).limit(limit);
        return mongo.find(query, Inquiry.class);
    }

    /** An inquiry and the side the caller speaks for in it. */
    private record Visible(Inquiry inquiry, InquirySide side) {
    }

    private Visible find(CallerIdentity caller, String achievementId, String inquiryId) {
        Optional<Inquiry> found = inquiryId != null && inquiryId.matches(InquiryId.PATTERN)
                ? inquiries.findById(inquiryId) : Optional.empty();
        return found.filter(inquiry -> inquiry.achievementId().equals(achievementId))
                .flatMap(inquiry -> sideOf(caller, inquiry).map(side -> new Visible(inquiry, side)))
                .orElseThrow(() -> ApiProblem.notFound("inquiry", inquiryId));
    }

    /**
     * The side the caller speaks for in a thread, if any: the owner's office answers, the buying party follows up, an
     * operator mediates (or follows up, when the service desk asked). Anyone else has no side and sees nothing.
     */
    static Optional<InquirySide> sideOf(CallerIdentity caller, Inquiry inquiry) {
        if (isOwnersOffice(caller, inquiry.ownerInstitutionId())) {
            return Optional.of(InquirySide.OWNER);
        }
        if (partyOf(caller).filter(inquiry.buyerParty()::equals).isPresent()) {
            return Optional.of(InquirySide.BUYER);
        }
        return caller.is(Role.OPERATOR) ? Optional.of(InquirySide.PLATFORM) : Optional.empty();
    }

    /**
     * Who may ask about a listing: a partner of another institution, a finance institution, a technology broker, or
     * an operator for the service desk. A partner does not ask about its own institution's listing; a sub-center
     * does not ask at all.
     */
    static Buyer mayAsk(CallerIdentity caller, String achievementId, String ownerInstitutionId) {
        if (caller.is(Role.SUB_CENTER)) {
            throw ApiProblem.forbidden("sub-centers sync listings and do not send price inquiries; ask as a partner, "
                    + "a finance institution or a broker");
        }
        if (caller.is(Role.PARTNER) && caller.institutionId() == null) {
            throw ApiProblem.forbidden("client " + caller.clientId() + " acts for no institution");
        }
        if (isOwnersOffice(caller, ownerInstitutionId)) {
            throw ApiProblem.forbidden("institution " + caller.institutionId() + " owns achievement "
                    + achievementId + "; its office answers inquiries about it and does not send one");
        }
        String party = partyOf(caller).orElseThrow();
        return new Buyer(caller.clientId(), caller.role().name(), caller.institutionId(), party);
    }

    /**
     * The buying party a caller belongs to: every client of an institution shares its institution's inquiries (a
     * bank's lead desk and its branch office), a client acting for none keeps its own, operators share the service
     * desk's. Sub-centers are no buying party.
     */
    static Optional<String> partyOf(CallerIdentity caller) {
        return switch (caller.role()) {
            case OPERATOR -> Optional.of(PLATFORM_PARTY);
            case SUB_CENTER -> Optional.empty();
            case PARTNER, FINANCE_INSTITUTION, BROKER -> Optional.of(caller.institutionId() != null
                    ? "institution:" + caller.institutionId() : "client:" + caller.clientId());
        };
    }

    /** A listing on offer takes inquiries: public, and neither transacted nor withdrawn. */
    static boolean onOffer(AchievementStatus status) {
        return status.isPubliclyVisible() && status != AchievementStatus.TRANSACTED;
    }

    private static boolean isOwnersOffice(CallerIdentity caller, String ownerInstitutionId) {
        return caller.is(Role.PARTNER) && ownerInstitutionId.equals(caller.institutionId());
    }

    /** Whether the listing was ever public, so that refusing an inquiry on it tells nothing new. */
    private static boolean wasPublic(Achievement achievement) {
        return achievement.status().isPubliclyVisible() || achievement.publishedAt() != null;
    }

}
