package org.mengkeju.matching.match;

import java.util.List;

/**
 * A candidate that fits, with its score and the reasons that make it up: the score is the sum of the reasons' points,
 * nothing else.
 *
 * @param candidateId the achievement's or the demand's id
 * @param score       the sum of {@code reasons}' points
 * @param reasons     why it is there, in {@link MatchReason.Kind} order
 */
public record Match(String candidateId, int score, List<MatchReason> reasons) {

    public Match {
        reasons = List.copyOf(reasons);
        int sum = reasons.stream().mapToInt(MatchReason::points).sum();
        if (sum != score) {
            throw new IllegalArgumentException("a score is the sum of its reasons: " + sum + ", not " + score);
        }
    }
}
