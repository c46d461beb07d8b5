package org.mengkeju.matching.match;

/**
 * What each reason adds to a score. Structured fit weighs most: a result of the buyer's own chain, on terms it can
 * take, beats one that only shares words with the problem.
 */
final class MatchWeights {

    static final int SAME_CHAIN = 10;
    static final int PER_SHARED_TERM = 4;
    static final int SHARED_TERMS_CAP = 20;
    /**
     * What the closest text among a demand's candidates adds (BM25 of title and summary against the problem's words),
     * the others in proportion: shared words count each word alike, this weighs the rare, telling ones and how much
     * of the text is about them.
     */
    static final int TEXT_RELEVANCE = 60;
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
