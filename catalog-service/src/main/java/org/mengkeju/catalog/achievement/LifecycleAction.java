package org.mengkeju.catalog.achievement;

import static org.mengkeju.catalog.achievement.AchievementStatus.DRAFT;
import static org.mengkeju.catalog.achievement.AchievementStatus.PUBLISHED;
import static org.mengkeju.catalog.achievement.AchievementStatus.REJECTED;
import static org.mengkeju.catalog.achievement.AchievementStatus.RETURNED;
import static org.mengkeju.catalog.achievement.AchievementStatus.SUBMITTED;
import static org.mengkeju.catalog.achievement.AchievementStatus.TRANSACTED;
import static org.mengkeju.catalog.achievement.AchievementStatus.UNDER_NEGOTIATION;
import static org.mengkeju.catalog.achievement.AchievementStatus.UNDER_REVIEW;
import static org.mengkeju.catalog.achievement.AchievementStatus.WITHDRAWN;

import java.util.EnumSet;
import java.util.Set;

/**
 * Every step of a listing's life, in one table: where it may start, where it leads, who may take it, and whether it
 * needs a note. The owner's transfer office manages its listing (operators may act for it); only operators review.
 */
public enum LifecycleAction {
    SUBMIT(SUBMITTED, Actor.MANAGER, false, DRAFT, RETURNED),
    TAKE_UP_REVIEW(UNDER_REVIEW, Actor.REVIEWER, false, SUBMITTED),
    /** Approval; a reviewer may approve a submitted listing at once (以演代评: a roadshow stood in for the review). */
    PUBLISH(PUBLISHED, Actor.REVIEWER, false, SUBMITTED, UNDER_REVIEW),
    RETURN(RETURNED, Actor.REVIEWER, true, SUBMITTED, UNDER_REVIEW),
    REJECT(REJECTED, Actor.REVIEWER, true, SUBMITTED, UNDER_REVIEW),
    START_NEGOTIATION(UNDER_NEGOTIATION, Actor.MANAGER, false, PUBLISHED),
    /** The talks broke off: the listing is on offer again. */
    END_NEGOTIATION(PUBLISHED, Actor.MANAGER, false, UNDER_NEGOTIATION),
    /** A deal was made; contract registration will take this step itself once its event exists. */
    TRANSACT(TRANSACTED, Actor.REVIEWER, false, PUBLISHED, UNDER_NEGOTIATION),
    WITHDRAW(WITHDRAWN, Actor.MANAGER, true, DRAFT, SUBMITTED, UNDER_REVIEW, RETURNED, PUBLISHED, UNDER_NEGOTIATION);

    /** Who may take a step. */
    public enum Actor {
        /** The owner's transfer office, or an operator acting for it. */
        MANAGER,
        /** An operator (审核员). */
        REVIEWER
    }

    private final AchievementStatus to;
    private final Actor actor;
    private final boolean noteRequired;
    private final Set<AchievementStatus> from;

    LifecycleAction(AchievementStatus to, Actor actor, boolean noteRequired, AchievementStatus first,
            AchievementStatus... rest) {
        this.to = to;
        this.actor = actor;
        this.noteRequired = noteRequired;
        this.from = EnumSet.of(first, rest);
    }

    public AchievementStatus to() {
        return to;
    }

    public Actor actor() {
        return actor;
    }

    public boolean noteRequired() {
        return noteRequired;
    }

    public Set<AchievementStatus> from() {
        return EnumSet.copyOf(from);
    }

    public boolean allowedFrom(AchievementStatus status) {
        return from.contains(status);
    }
}
