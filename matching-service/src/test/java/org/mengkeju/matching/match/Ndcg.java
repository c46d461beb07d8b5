package org.mengkeju.matching.match;

import java.util.List;
import java.util.Map;

/**
 * Normalised discounted cumulative gain at a cut-off: how close a ranking's top {@code k} comes to the best possible
 * order of the judged items. Gain 2^grade − 1, discount log2(position + 1), position from 1; unjudged items are 0.
 */
final class Ndcg {

    private Ndcg() {
    }

    /** nDCG@k of {@code ranking} (ids, best first) against {@code grades}; 0 when nothing is judged relevant. */
    static double at(int k, List<String> ranking, Map<String, Integer> grades) {
        double ideal = dcg(grades.values().stream().sorted((a, b) -> b - a).limit(k).toList());
        if (ideal == 0) {
            return 0;
        }
        return dcg(ranking.stream().limit(k).map(id -> grades.getOrDefault(id, 0)).toList()) / ideal;
    }

    private static double dcg(List<Integer> gradesInOrder) {
        double sum = 0;
        for (int i = 0; i < gradesInOrder.size(); i++) {
            sum += (Math.pow(2, gradesInOrder.get(i)) - 1) / (Math.log(i + 2) / Math.log(2));
        }
        return sum;
    }
}
