package org.mengkeju.matching.match;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mengkeju.matching.market.BudgetRange;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.matching.market.Maturity;
import org.mengkeju.matching.market.TransferMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The labelled relevance set under {@code relevance/}: achievements as the catalog would publish them, enterprise
 * demands as they would be posted, and for each demand a broker's grades of the achievements worth proposing
 * (3 solves it on terms the buyer can take, 2 solves it with a gap in maturity, price or scope, 1 worth a look,
 * unlisted 0).
 */
record RelevanceSet(List<Achievement> achievements, List<Demand> demands) {

    record Achievement(String id, String title, String summary, List<String> keywords, String field,
            IndustryChain chain, Maturity maturity, BigDecimal priceYuan, String region, Set<TransferMode> modes) {
    }

    record Demand(String id, String title, String problem, String field, IndustryChain chain, String region,
            BudgetRange budget, Set<TransferMode> modes, Maturity maturity, Map<String, Integer> grades) {
    }

    static RelevanceSet load() {
        JsonMapper json = JsonMapper.builder().build();
        List<Achievement> achievements = new ArrayList<>();
        for (JsonNode a : read(json, "relevance/achievements.json")) {
            achievements.add(new Achievement(a.path("id").asString(), a.path("title").asString(),
                    a.path("summary").asString(), strings(a.path("keywords")), a.path("field").asString(),
                    IndustryChain.valueOf(a.path("chain").asString()), Maturity.valueOf(a.path("maturity").asString()),
                    yuan(a.path("priceYuan")), a.path("region").asString(), modes(a.path("modes"))));
        }
        List<Demand> demands = new ArrayList<>();
        for (JsonNode d : read(json, "relevance/demands.json")) {
            Map<String, Integer> grades = new LinkedHashMap<>();
            d.path("judgments").properties().forEach(e -> grades.put(e.getKey(), e.getValue().asInt()));
            demands.add(new Demand(d.path("id").asString(), d.path("title").asString(), d.path("problem").asString(),
                    d.path("field").asString(), IndustryChain.valueOf(d.path("chain").asString()),
                    d.path("region").asString(),
                    new BudgetRange(yuan(d.path("budgetMinYuan")), yuan(d.path("budgetMaxYuan"))),
                    modes(d.path("modes")), Maturity.valueOf(d.path("maturity").asString()), grades));
        }
        return new RelevanceSet(List.copyOf(achievements), List.copyOf(demands));
    }

    private static JsonNode read(JsonMapper json, String resource) {
        try (InputStream in = RelevanceSet.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the test class path");
            }
            return json.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString()));
        return values;
    }

    private static Set<TransferMode> modes(JsonNode array) {
        Set<TransferMode> modes = EnumSet.noneOf(TransferMode.class);
        array.forEach(v -> modes.add(TransferMode.valueOf(v.asString())));
        return modes;
    }

    private static BigDecimal yuan(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.decimalValue();
    }
}
