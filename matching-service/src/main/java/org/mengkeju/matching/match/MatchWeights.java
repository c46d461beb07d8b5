package org.mengkeju.matching.match;

/**
 * What each reason adds to a score. Structured fit weighs most: a result of the buyer's own chain, on terms it can
 * take, beats one that only shares words with the problem.
 */
final class MatchWeights {

    static final int SAME_CHAIN = 30;
    static final int PER_SHARED_TERM = 8;
    static final int SHARED_TERMS_CAP = 40;
    static final int TRANSFER_MODE = 15;
    static final int PRICE_WITHIN_BUDGET = 15;
    static final int PRICE_NEGOTIABLE = 5;
    static final int PRICE_ABOVE_BUDGET = -10;
    static final int MATURITY_SATISFIED = 10;
    static final int MATURITY_SHORT = -10;
    static final int SAME_REGION = 10;

    private MatchWeights() {
    }
}
