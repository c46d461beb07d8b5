package org.mengkeju.finance.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.mengkeju.finance.product.Condition;
import org.mengkeju.finance.product.RuleGroup;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The candidate queries on the real store: one query per alternative, each walking its index, returns every
 * consenting profile that could qualify exactly once, across more than one batch of the cursor, and the profiles from
 * before the summary with them.
 */
@ServiceIntegrationTest
class CandidateQueriesTest {

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Profiles profiles;

    @Test
    void everyProfileThatCouldQualifyComesOnceWhicheverAlternativeAndBatchItIsFoundIn() {
        String prefix = "cq-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        Set<String> expected = new HashSet<>();
        List<Document> stored = new ArrayList<>();
        // more than one batch of the cursor (Profiles.STREAM_BATCH) from the first alternative alone
        for (int i = 0; i < Profiles.STREAM_BATCH + 200; i++) {
            String id = prefix + "contracts-" + i;
            stored.add(summarised(id, true, 4 + i % 3, 0));
            expected.add(id);
        }
        for (int i = 0; i < 150; i++) {
            String id = prefix + "amount-" + i;
            stored.add(summarised(id, true, 1, 60_000_000L));
            expected.add(id);
            String both = prefix + "both-" + i; // found by the first query, left out of the second
            stored.add(summarised(both, true, 5, 70_000_000L));
            expected.add(both);
        }
        for (int i = 0; i < 50; i++) {
            stored.add(summarised(prefix + "no-consent-" + i, false, 9, 90_000_000L));
            stored.add(summarised(prefix + "too-few-" + i, true, 3, 49_999_999L));
            String legacy = prefix + "legacy-" + i; // no summary to trust: read whatever it holds
            stored.add(new Document("_id", legacy).append("consent", new Document("granted", true)));
            expected.add(legacy);
            stored.add(new Document("_id", prefix + "legacy-no-consent-" + i)
                    .append("consent", new Document("granted", false)));
        }
        mongo.getCollection(Profiles.COLLECTION).insertMany(stored);

        List<RuleGroup> rules = List.of(new RuleGroup(List.of(
                new Condition("REGISTERED_CONTRACTS_12M", new BigDecimal("4"), null, null),
                new Condition("TECHNOLOGY_TRANSACTION_AMOUNT_12M", new BigDecimal("50000000"), null, null))));
        List<String> read;
        try (Stream<EnterpriseProfile> candidates = profiles.candidates(rules)) {
            read = candidates.map(EnterpriseProfile::id).toList();
        }
        assertThat(read).doesNotHaveDuplicates();
        assertThat(read.stream().filter(id -> id.startsWith(prefix))).containsExactlyInAnyOrderElementsOf(expected);
    }

    private static Document summarised(String id, boolean consent, long contracts, long amountBound) {
        return new Document("_id", id).append("regionCode", "150200").append("institutionType", "ENTERPRISE")
                .append("summarised", true).append("summary", new Document("contracts", contracts)
                        .append("technologyAmountBound", amountBound).append("points", 0L))
                .append("consent", new Document("granted", consent));
    }
}
