package org.mengkeju.points.ledger;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An innovation-point account (积分账户) with its maintained totals, in the manner of a double-entry ledger: debits
 * and credits, each posted and pending. The totals change only through {@link Accounts}' conditional single-document
 * updates, each of which names the transfer it applies and so applies it once.
 *
 * <p>{@code debitHeadroom} and {@code creditHeadroom} are kept with the totals so that the flags are a plain
 * condition of the update: a reservation that would break a flag matches no document and changes nothing.
 */
@Document("point_accounts")
public class Account {

    /** The ledger of innovation points; a transfer moves points between accounts of one ledger only. */
    public static final int POINTS_LEDGER = 1;

    @Id
    private final String id;
    private final AccountKind kind;
    private final int ledger;
    private final int code;
    private final Set<AccountFlag> flags;
    private final long debitsPosted;
    private final long creditsPosted;
    private final long debitsPending;
    private final long creditsPending;
    /** creditsPosted - debitsPosted - debitsPending: what may still be debited under DEBITS_MUST_NOT_EXCEED_CREDITS. */
    private final long debitHeadroom;
    /** debitsPosted - creditsPosted - creditsPending: what may still be credited under CREDITS_MUST_NOT_EXCEED_DEBITS. */
    private final long creditHeadroom;
    private final long postedTransfers;
    private final Instant lastPostedAt;
    /** Transfers reserved on this account and not yet settled; each is applied and settled once. */
    private final List<String> inflight;
    private final Instant openedAt;
    /** How many bookings have added transfers to the totals; a booking is conditional on it, a reader checks it. */
    private final long bookingSeq;
    /**
     * The transfers the latest booking added to the totals, until the next booking: they may still be listed as
     * unbooked for a moment (the booking marks them in a second write), and a reader must not add them twice.
     */
    private final List<String> booked;

    @PersistenceCreator
    Account(String id, AccountKind kind, int ledger, int code, Set<AccountFlag> flags, long debitsPosted,
            long creditsPosted, long debitsPending, long creditsPending, long debitHeadroom, long creditHeadroom,
            long postedTransfers, Instant lastPostedAt, List<String> inflight, Instant openedAt, long bookingSeq,
            List<String> booked) {
        this.id = id;
        this.kind = kind;
        this.ledger = ledger;
        this.code = code;
        this.flags = flags == null || flags.isEmpty() ? EnumSet.noneOf(AccountFlag.class) : EnumSet.copyOf(flags);
        this.debitsPosted = debitsPosted;
        this.creditsPosted = creditsPosted;
        this.debitsPending = debitsPending;
        this.creditsPending = creditsPending;
        this.debitHeadroom = debitHeadroom;
        this.creditHeadroom = creditHeadroom;
        this.postedTransfers = postedTransfers;
        this.lastPostedAt = lastPostedAt;
        this.inflight = inflight == null ? List.of() : List.copyOf(inflight);
        this.openedAt = openedAt;
        this.bookingSeq = bookingSeq;
        this.booked = booked == null ? List.of() : List.copyOf(booked);
    }

    /** A new, empty account. Holders may not spend more than they hold; system accounts have no limit. */
    static Account open(String id, AccountKind kind, Instant now) {
        Set<AccountFlag> flags = kind == AccountKind.SYSTEM ? EnumSet.noneOf(AccountFlag.class)
                : EnumSet.of(AccountFlag.DEBITS_MUST_NOT_EXCEED_CREDITS);
        return new Account(id, kind, POINTS_LEDGER, kind.code(), flags, 0, 0, 0, 0, 0, 0, 0, null, List.of(), now, 0,
                List.of());
    }

    public String id() {
        return id;
    }

    public AccountKind kind() {
        return kind;
    }

    public int ledger() {
        return ledger;
    }

    public int code() {
        return code;
    }

    public Set<AccountFlag> flags() {
        return flags.isEmpty() ? Set.of() : EnumSet.copyOf(flags);
    }

    public boolean has(AccountFlag flag) {
        return flags.contains(flag);
    }

    public long debitsPosted() {
        return debitsPosted;
    }

    public long creditsPosted() {
        return creditsPosted;
    }

    public long debitsPending() {
        return debitsPending;
    }

    public long creditsPending() {
        return creditsPending;
    }

    long debitHeadroom() {
        return debitHeadroom;
    }

    long creditHeadroom() {
        return creditHeadroom;
    }

    public long postedTransfers() {
        return postedTransfers;
    }

    public Instant lastPostedAt() {
        return lastPostedAt;
    }

    public List<String> inflight() {
        return inflight;
    }

    public Instant openedAt() {
        return openedAt;
    }

    long bookingSeq() {
        return bookingSeq;
    }

    List<String> booked() {
        return booked;
    }
}
