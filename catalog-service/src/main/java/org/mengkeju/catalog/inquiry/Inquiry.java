package org.mengkeju.catalog.inquiry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.mengkeju.events.catalog.InquiryAnswered;
import org.mengkeju.events.catalog.InquiryOpened;
import org.mengkeju.platform.outbox.OutboxAggregate;
import org.mengkeju.platform.outbox.PendingEvent;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A price inquiry (询价): a buyer's question about a published achievement and the thread that follows, between the
 * buyer and the owner's transfer office, with the platform's operators able to step in. The whole thread is one
 * document, so a question, an answer and the event it causes are written together or not at all.
 */
@Document("inquiries")
@CompoundIndexes({
        @CompoundIndex(name = "creation_idempotency", def = "{'askedBy': 1, 'idempotencyKey': 1}", unique = true),
        @CompoundIndex(name = "by_achievement", def = "{'achievementId': 1, '_id': 1}"),
        @CompoundIndex(name = "by_buyer", def = "{'buyerParty': 1, '_id': 1}"),
        @CompoundIndex(name = "by_owner", def = "{'ownerInstitutionId': 1, '_id': 1}"),
        @CompoundIndex(name = "by_session", def = "{'sessionId': 1}", sparse = true)})
public class Inquiry extends OutboxAggregate {

    /**
     * The most messages one thread holds: a price talk that runs longer belongs in a negotiation, and the bound keeps
     * the thread's document far below the store's 16 MB (200 messages of at most 4,000 characters).
     */
    static final int MAX_MESSAGES = 200;

    @Id
    private final String id;
    private final String achievementId;
    /** The title when the question was asked, so a list of inquiries reads without loading every listing. */
    private final String achievementTitle;
    private final String ownerInstitutionId;
    private final String askedBy;
    private final String buyerRole;
    private final String buyerInstitutionId;
    private final String buyerParty;
    /** The release session the buyer came from; null when none. */
    private final String sessionId;
    private final String idempotencyKey;
    private final String requestFingerprint;
    private final Instant openedAt;
    private InquiryStatus status;
    private int answers;
    private Instant lastMessageAt;
    private final List<InquiryMessage> messages;
    @Version
    private Long version;

    @PersistenceCreator
    Inquiry(String id, String achievementId, String achievementTitle, String ownerInstitutionId, String askedBy,
            String buyerRole, String buyerInstitutionId, String buyerParty, String sessionId, String idempotencyKey,
            String requestFingerprint, Instant openedAt, InquiryStatus status, int answers, Instant lastMessageAt,
            List<InquiryMessage> messages, Long version) {
        this.id = id;
        this.achievementId = achievementId;
        this.achievementTitle = achievementTitle;
        this.ownerInstitutionId = ownerInstitutionId;
        this.askedBy = askedBy;
        this.buyerRole = buyerRole;
        this.buyerInstitutionId = buyerInstitutionId;
        this.buyerParty = buyerParty;
        this.sessionId = sessionId;
        this.idempotencyKey = idempotencyKey;
        this.requestFingerprint = requestFingerprint;
        this.openedAt = openedAt;
        this.status = status;
        this.answers = answers;
        this.lastMessageAt = lastMessageAt;
        this.messages = messages == null ? new ArrayList<>() : new ArrayList<>(messages);
        this.version = version;
    }

    /**
     * A buyer's question about an achievement; records {@link InquiryOpened}. Whether the buyer may ask, and whether
     * the listing is on offer, is the application service's decision.
     */
    static Inquiry open(InquiryId id, String achievementId, String achievementTitle, String ownerInstitutionId,
            Buyer buyer, String question, String sessionId, String idempotencyKey, String requestFingerprint,
            Instant now) {
        String text = clean(question);
        Inquiry inquiry = new Inquiry(id.value(), achievementId, achievementTitle, ownerInstitutionId,
                buyer.clientId(), buyer.role(), buyer.institutionId(), buyer.party(), sessionId, idempotencyKey,
                requestFingerprint, now, InquiryStatus.AWAITING_ANSWER, 0, now,
                List.of(new InquiryMessage(1, InquirySide.BUYER, buyer.clientId(), text, idempotencyKey, now)),
                null);
        inquiry.record(InquiryOpened.CONTRACT, inquiry.id, new InquiryOpened(inquiry.id, achievementId,
                ownerInstitutionId, buyer.clientId(), buyer.role(), buyer.institutionId(), sessionId, now), now);
        return inquiry;
    }

    /** What a post returns: the message, and whether this call added it or found it from an earlier try. */
    record Posted(InquiryMessage message, boolean added) {
    }

    /**
     * Adds a message to the thread as {@code side}. An answer from the owner makes it ANSWERED and records
     * {@link InquiryAnswered}; a buyer's follow-up puts the owner to move again; an operator's note changes neither.
     * The same author posting with the same key again finds the first message, so a retry never doubles it.
     *
     * @throws KeyReused when the author's key was used for another text
     * @throws ThreadFull when the thread holds {@link #MAX_MESSAGES} messages
     */
    Posted post(InquirySide side, String author, String text, String idempotencyKey, Instant now) {
        String cleanText = clean(text);
        Optional<InquiryMessage> earlier = messages.stream()
                .filter(m -> m.author().equals(author) && idempotencyKey.equals(m.idempotencyKey())).findFirst();
        if (earlier.isPresent()) {
            if (!earlier.get().text().equals(cleanText)) {
                throw new KeyReused(idempotencyKey, earlier.get().number());
            }
            return new Posted(earlier.get(), false);
        }
        if (messages.size() >= MAX_MESSAGES) {
            throw new ThreadFull(id);
        }
        InquiryMessage message = new InquiryMessage(messages.size() + 1, side, author, cleanText, idempotencyKey,
                now);
        messages.add(message);
        lastMessageAt = now;
        switch (side) {
            case OWNER -> {
                answers++;
                status = InquiryStatus.ANSWERED;
                record(InquiryAnswered.CONTRACT, id, new InquiryAnswered(id, achievementId, ownerInstitutionId,
                        author, answers, sessionId, now), now);
            }
            case BUYER -> status = InquiryStatus.AWAITING_ANSWER;
            case PLATFORM -> {
                // A mediator's note: nobody's move changes.
            }
        }
        return new Posted(message, true);
    }

    private static String clean(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a message needs text");
        }
        return text.strip();
    }

    /** A thread as long as one inquiry holds. */
    static final class ThreadFull extends IllegalStateException {
        ThreadFull(String id) {
            super("inquiry " + id + " already holds " + MAX_MESSAGES + " messages, the most one thread holds; "
                    + "continue the talks in a negotiation or a new inquiry");
        }
    }

    /** An author's idempotency key already used for a different message. */
    static final class KeyReused extends IllegalStateException {
        KeyReused(String key, int number) {
            super("Idempotency-Key '" + key + "' was already used for message " + number
                    + " with another text; use a new key for a new message");
        }
    }

    boolean wasOpenedFrom(String fingerprint) {
        return requestFingerprint.equals(fingerprint);
    }

    public String id() {
        return id;
    }

    public String achievementId() {
        return achievementId;
    }

    public String achievementTitle() {
        return achievementTitle;
    }

    public String ownerInstitutionId() {
        return ownerInstitutionId;
    }

    public String askedBy() {
        return askedBy;
    }

    public String buyerRole() {
        return buyerRole;
    }

    public String buyerInstitutionId() {
        return buyerInstitutionId;
    }

    public String buyerParty() {
        return buyerParty;
    }

    public String sessionId() {
        return sessionId;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public InquiryStatus status() {
        return status;
    }

    public int answers() {
        return answers;
    }

    public Instant lastMessageAt() {
        return lastMessageAt;
    }

    public List<InquiryMessage> messages() {
        return List.copyOf(messages);
    }

    public Long version() {
        return version;
    }

    @Override
    protected List<PendingEvent> pendingEvents() {
        return super.pendingEvents();
    }
}
