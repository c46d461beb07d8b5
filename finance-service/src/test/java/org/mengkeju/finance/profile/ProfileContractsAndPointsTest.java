package org.mengkeju.finance.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.Test;
import org.mengkeju.finance.product.EnterpriseFacts;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * An enterprise's registered contracts and points transfers are recorded beside its profile, one document each and
 * each once; the profile's summary never falls below them, whatever step a crash cut short; a profile stored with
 * them inside is read and corrected together with those beside it.
 */
@ServiceIntegrationTest
class ProfileContractsAndPointsTest {

    static final Instant NOW = Instant.parse("2026-11-30T04:00:00Z");
    static final PartyFacts YILI = new PartyFacts("内蒙古伊利实业集团股份有限公司", "91150100MA0N1YL015", "150100");

    @Autowired
    MongoTemplate mongo;
    @Autowired
    Profiles profiles;

    @Test
    void contractsAndPointsAreKeptBesideTheProfileOnceEachAndCountedInItsSummaryAndFacts() {
        String owner = "yili-" + UUID.randomUUID().toString().substring(0, 8);
        String first = "c-" + UUID.randomUUID();
        String second = "c-" + UUID.randomUUID();
        assertThat(profiles.addContract(owner, contract(first, "1000000.00", 30), YILI, NOW)).isTrue();
        assertThat(profiles.addContract(owner, contract(second, "250000.50", 400), YILI, NOW)).isTrue();
        assertThat(profiles.addContract(owner, contract(first, "1000000.00", 30), YILI, NOW)).isFalse();
        assertThat(profiles.putPoints(owner, "contract-registered:" + first + ":buyer", 100, NOW)).isTrue();
        assertThat(profiles.putPoints(owner, "award.with.dots", 45, NOW)).isTrue();
        assertThat(profiles.putPoints(owner, "contract-registered:" + first + ":buyer", 100, NOW)).isFalse();
        assertThat(profiles.putPoints(owner, "redemption-7", -30, NOW)).isTrue();
        assertThat(profiles.putPoints(owner, "redemption-7", -30, NOW)).isFalse();

        Document stored = mongo.getCollection(Profiles.COLLECTION).find(new Document("_id", owner)).first();
        assertThat(stored).doesNotContainKeys("contracts", "points").containsEntry(Profiles.HAS_CONTRACTS, true)
                .containsEntry(Profiles.HAS_POINTS, true).containsEntry("name", YILI.name());
        Document summary = stored.get("summary", Document.class);
        assertThat(summary.get("contracts", Number.class).longValue()).isEqualTo(2);
        assertThat(summary.get("technologyAmountBound", Number.class).longValue()).isEqualTo(1_250_001);
        assertThat(summary.get("points", Number.class).longValue()).isEqualTo(115);
        assertThat(mongo.getCollection(Profiles.CONTRACTS).countDocuments(new Document("enterpriseId", owner)))
                .isEqualTo(2);
        assertThat(mongo.getCollection(Profiles.POINTS).countDocuments(new Document("enterpriseId", owner)))
                .isEqualTo(3);

        EnterpriseProfile profile = profiles.find(owner).orElseThrow();
        assertThat(profile.contracts()).containsOnlyKeys(first, second);
        EnterpriseFacts facts = profile.facts(NOW);
        assertThat(facts.registeredContracts12m()).isEqualTo(1); // the second is 400 days old
        assertThat(facts.technologyTransactionAmount12mYuan()).isEqualByComparingTo("1000000.00");
        assertThat(facts.innovationPoints()).isEqualTo(115);

        // A correction raises the bound and corrects the contract; a cancellation stops it counting.
        assertThat(profiles.changeContract(first, null, new BigDecimal("3000000.00"), false, NOW))
                .containsExactly(owner);
        assertThat(profiles.find(owner).orElseThrow().facts(NOW).technologyTransactionAmount12mYuan())
                .isEqualByComparingTo("3000000.00");
        assertThat(summaryOf(owner).get("technologyAmountBound", Number.class).longValue()).isEqualTo(4_250_001);
        profiles.changeContract(first, null, null, true, NOW);
        assertThat(profiles.find(owner).orElseThrow().facts(NOW).registeredContracts12m()).isZero();
        // A redelivered registration leaves the cancellation as it is.
        assertThat(profiles.addContract(owner, contract(first, "1000000.00", 30), YILI, NOW)).isFalse();
        assertThat(profiles.find(owner).orElseThrow().contracts().get(first).cancelled()).isTrue();
    }

    @Test
    void aCrashBetweenTheFactAndTheSummaryLeavesTheSummaryAboveTheFactsNeverBelow() {
        String owner = "btre-" + UUID.randomUUID().toString().substring(0, 8);
        profiles.putPoints(owner, "award-1", 200, NOW);
        // Points posted, counted in the summary, and the process died before the transfer was written beside it:
        mongo.getCollection(Profiles.COLLECTION).updateOne(new Document("_id", owner),
                new Document("$inc", new Document(Profiles.SUMMARY_POINTS, 50L)));
        // the redelivery writes it and counts it again: above, by the 50 of the lost step.
        assertThat(profiles.putPoints(owner, "award-2", 50, NOW)).isTrue();
        // Points taken away, written beside the profile, and the process died before the summary counted them:
        mongo.getCollection(Profiles.POINTS).insertOne(new Document("_id", Profiles.entryKey(owner, "expiry-1"))
                .append("enterpriseId", owner).append("transferId", "expiry-1").append("points", -120L));
        // the redelivery finds them written and leaves the summary above them.
        assertThat(profiles.putPoints(owner, "expiry-1", -120, NOW)).isFalse();

        long facts = profiles.find(owner).orElseThrow().facts(NOW).innovationPoints();
        assertThat(facts).isEqualTo(130);
        assertThat(summaryOf(owner).get("points", Number.class).longValue()).isEqualTo(300).isGreaterThan(facts);

        // A contract counted in the summary whose write was lost is counted again when it is redelivered.
        String contract = "c-" + UUID.randomUUID();
        mongo.getCollection(Profiles.COLLECTION).updateOne(new Document("_id", owner), new Document("$inc",
                new Document(Profiles.SUMMARY_CONTRACTS, 1L).append(Profiles.SUMMARY_AMOUNT_BOUND, 500_000L)));
        assertThat(profiles.addContract(owner, contract(contract, "500000.00", 3), YILI, NOW)).isTrue();
        assertThat(summaryOf(owner).get("contracts", Number.class).longValue()).isEqualTo(2);
        assertThat(profiles.find(owner).orElseThrow().facts(NOW).registeredContracts12m()).isEqualTo(1);
    }

    @Test
    void aProfileStoredWithItsContractsAndPointsInsideIsReadAndCorrectedWithThoseBesideIt() {
        String owner = "legacy-" + UUID.randomUUID().toString().substring(0, 8);
        String old = "c-" + UUID.randomUUID();
        mongo.getCollection(Profiles.COLLECTION).insertOne(new Document("_id", owner)
                .append("contracts", new Document(old, new Document("contractId", old)
                        .append("registrationNumber", "2026150101000001").append("side", "SELLER")
                        .append("contractAmountYuan", new Decimal128(new BigDecimal("800000.00")))
                        .append("technologyTransactionAmountYuan", new Decimal128(new BigDecimal("700000.00")))
                        .append("registeredAt", Date.from(NOW.minus(Duration.ofDays(20)))).append("cancelled", false)))
                .append("points", new Document("award-old", 80L))
                .append("summarised", true).append("summary", new Document("contracts", 1L)
                        .append("technologyAmountBound", 700_000L).append("points", 80L)));
        String added = "c-" + UUID.randomUUID();
        profiles.addContract(owner, contract(added, "100000.00", 5), YILI, NOW);
        profiles.putPoints(owner, "award-new", 20, NOW);
        // the old award redelivered: kept under its transfer either way, so counted once in the facts
        profiles.putPoints(owner, "award-old", 80, NOW);

        EnterpriseFacts facts = profiles.find(owner).orElseThrow().facts(NOW);
        assertThat(facts.registeredContracts12m()).isEqualTo(2);
        assertThat(facts.technologyTransactionAmount12mYuan()).isEqualByComparingTo("800000.00");
        assertThat(facts.innovationPoints()).isEqualTo(100);

        assertThat(profiles.changeContract(old, null, null, true, NOW)).containsExactly(owner);
        assertThat(profiles.find(owner).orElseThrow().facts(NOW).registeredContracts12m()).isEqualTo(1);
    }

    private Document summaryOf(String owner) {
        return mongo.getCollection(Profiles.COLLECTION).find(new Document("_id", owner)).first()
                .get("summary", Document.class);
    }

    private static ContractFact contract(String id, String technologyAmount, int daysAgo) {
        return new ContractFact(id, "20261501010" + Math.abs(id.hashCode() % 100000), "BUYER",
                new BigDecimal(technologyAmount), new BigDecimal(technologyAmount),
                NOW.minus(Duration.ofDays(daysAgo)), false);
    }
}
