package org.mengkeju.matching.match;

/**
 * One reason a candidate is in a ranking, in words a broker reads, and what it adds to the score (negative when it
 * speaks against the candidate, such as a price above the budget).
 *
 * @param kind   what the reason is about
 * @param text   the reason as a person reads it, e.g. 同属稀土产业链
 * @param points its contribution to the score
 */
public record MatchReason(Kind kind, String text, int points) {

    /** What a reason is about; the order in which reasons are listed. */
    public enum Kind {
        /** Same industry chain. */
        SAME_CHAIN,
        /** Words shared by the problem and the result. */
        SHARED_TERMS,
        /** How close the result's text comes to the problem, against the closest candidate's. */
        TEXT_RELEVANCE,
        /** A transfer mode the buyer wants is on offer. */
        TRANSFER_MODE,
        /** Asking price against the budget. */
        PRICE,
        /** Maturity against what the buyer needs. */
        MATURITY,
        /** Same league-city. */
        REGION
    }
}
