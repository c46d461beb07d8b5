package org.mengkeju.finance.lead;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.finance.FinanceFixtures.AREA;
import static org.mengkeju.finance.FinanceFixtures.bank;
import static org.mengkeju.finance.FinanceFixtures.product;
import static org.mengkeju.finance.FinanceFixtures.unique;
import static org.mengkeju.platform.test.TestHttp.json;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;

import org.bson.Document;
import org.bson.types.Decimal128;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.finance.FinanceFixtures;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * Leads opened from the platform's events on the real broker and store: a profile that starts to satisfy a product's
 * rules becomes one lead, whatever is redelivered or replayed; a change of rules qualifies profiles afresh; consent
 * decides whether anything reaches an institution.
 */
@ServiceIntegrationTest
class LeadQualificationTest {

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    MongoTemplate mongo;
    @Autowired
    Qualification qualification;
    FinanceFixtures finance;

    @BeforeEach
    void setUp() {
        finance = new FinanceFixtures(port, kafka);
    }

    /** Two contracts in 12 months and a public achievement, for an enterprise of its own. */
    static String rulesFor(String enterprise, int contracts) {
        return """
                [{"anyOf":[{"field":"REGISTERED_CONTRACTS_12M","atLeast":%d},
                           {"field":"TECHNOLOGY_TRANSACTION_AMOUNT_12M","atLeast":50000000}]},
                 {"anyOf":[{"field":"PUBLISHED_ACHIEVEMENTS","atLeast":1}]},
                 {"anyOf":[{"field":"INNOVATION_POINTS","atLeast":100}]}]""".formatted(contracts);
    }

    @Test
    void pointsTakenBackCountAgainstTheProfileOnceHoweverOftenTheyAreAnnounced() {
        String enterprise = unique("btre");
        finance.points(enterprise, 150);
        String reversal = "reversal:contract-registered:ctr-" + UUID.randomUUID().toString().substring(0, 8)
                + ":buyer";
        finance.pointsTakenBack(enterprise, reversal, 60);
        finance.pointsTakenBack(enterprise, reversal, 60);

        var marker = unique("marker");
        finance.points(marker, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> finance.profile(marker).path("facts")
                .path("innovationPoints").asLong() == 1);
        assertThat(finance.profile(enterprise).path("facts").path("innovationPoints").asLong()).isEqualTo(90);
    }

    @Test
    void grantedPatentsBehindTheListingsQualifyForAnIpPledgeLoanEachCountedOnce() {
        String boimc = unique("boimc");
        String owner = unique("btre");
        String applicant = unique("imau");
        for (String enterprise : new String[] {owner, applicant}) {
            finance.grant(enterprise);
        }
        String productId = finance.productQualified(boimc, product("知识产权质押贷",
                "[{\"anyOf\":[{\"field\":\"GRANTED_PATENTS\",\"atLeast\":2}]}]"));
        var invention = new AchievementChanged.IpItem("ZL201710601862.3", "INVENTION_PATENT", "GRANTED");
        var utility = new AchievementChanged.IpItem("ZL202120345678.X", "UTILITY_MODEL", "GRANTED");
        // The owner: one patent behind two listings is one patent; a second granted one qualifies it.
        finance.achievement(owner, "ach-" + UUID.randomUUID().toString().substring(0, 8), "PUBLISHED", 1,
                List.of(invention));
        finance.achievement(owner, "ach-" + UUID.randomUUID().toString().substring(0, 8), "PUBLISHED", 1,
                List.of(invention, new AchievementChanged.IpItem("2021SR0123456", "SOFTWARE_COPYRIGHT", "GRANTED")));
        await().atMost(Duration.ofSeconds(30)).until(() -> finance.profile(owner).path("facts")
                .path("grantedPatents").asInt() == 1);
        assertThat(finance.feedAbout(boimc, owner, productId)).isEmpty();
        finance.achievement(owner, "ach-" + UUID.randomUUID().toString().substring(0, 8), "PUBLISHED", 1,
                List.of(utility));
        // The applicant: patents still pending or lapsed are not granted patents.
        finance.achievement(applicant, "ach-" + UUID.randomUUID().toString().substring(0, 8), "PUBLISHED", 1,
                List.of(new AchievementChanged.IpItem("CN202410123456.7", "INVENTION_PATENT", "PENDING"),
                        new AchievementChanged.IpItem("ZL201510000001.2", "INVENTION_PATENT", "LAPSED")));

        await().atMost(Duration.ofSeconds(30)).until(() -> !finance.feedAbout(boimc, owner, productId).isEmpty());
        var lead = finance.feedAbout(boimc, owner, productId).getFirst();
        assertThat(lead.path("reasons").findValuesAsString("field")).containsExactly("GRANTED_PATENTS");
        assertThat(lead.path("facts").path("grantedPatents").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> finance.profile(applicant).path("achievements")
                .asInt() == 1);
        assertThat(finance.profile(applicant).path("facts").path("grantedPatents").asInt()).isZero();
        assertThat(finance.feedAbout(boimc, applicant, productId)).isEmpty();
    }

    @Test
    void aProfileThatStartsToQualifyBecomesOneLeadWithItsReasonsWhateverIsRedeliveredOrReplayed() {
        String boimc = unique("boimc");
        String enterprise = unique("btre");
        finance.grant(enterprise);
        String productId = finance.productQualified(boimc, product("知识产权质押贷", rulesFor(enterprise, 2)));
        finance.institution(enterprise, "包头稀土硫化物新材料有限公司", "150200");
        var first = finance.contract(enterprise, "1200000.00", 30);
        finance.achievement(enterprise, "ach-" + UUID.randomUUID().toString().substring(0, 8), "PUBLISHED", 3);
        finance.points(enterprise, 150);
        // one contract is not enough: no lead yet
        await().atMost(Duration.ofSeconds(30)).until(() -> finance.profile(enterprise).path("facts")
                .path("innovationPoints").asLong() == 150);
        assertThat(finance.feedAbout(boimc, enterprise, productId)).isEmpty();

        String eventId = UUID.randomUUID().toString();
        var second = finance.contract(enterprise, "2400000.00", 10);
        finance.publish(second, eventId);                       // redelivered
        finance.publish(second, UUID.randomUUID().toString()); // the same registration again, as a replay sends it
        finance.publish(first, UUID.randomUUID().toString());

        await().atMost(Duration.ofSeconds(30)).until(() -> !finance.feedAbout(boimc, enterprise, productId).isEmpty());
        var marker = unique("marker");
        finance.points(marker, 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> finance.profile(marker).path("facts")
                .path("innovationPoints").asLong() == 1);

        var leads = finance.feedAbout(boimc, enterprise, productId);
        assertThat(leads).hasSize(1);
        var lead = leads.getFirst();
        assertThat(lead.path("status").asString()).isEqualTo("NEW");
        assertThat(lead.path("origin").asString()).isEqualTo("QUALIFIED");
        assertThat(lead.path("productVersion").asInt()).isEqualTo(1);
        assertThat(lead.path("enterprise").path("name").asString()).isEqualTo("包头稀土硫化物新材料有限公司");
        assertThat(lead.path("reasons").findValuesAsString("field")).containsExactly("REGISTERED_CONTRACTS_12M",
                "PUBLISHED_ACHIEVEMENTS", "INNOVATION_POINTS");
        assertThat(lead.path("facts").path("registeredContracts12m").asInt()).isEqualTo(2);
        assertThat(lead.path("facts").path("technologyTransactionAmount12mYuan").decimalValue())
                .isEqualByComparingTo("3600000.00");
        assertThat(finance.profile(enterprise).path("contracts").asInt()).isEqualTo(2);
    }

    @Test
    void changedRulesQualifyProfilesAfreshAndALeadKeepsTheVersionItQualifiedUnder() {
        String boimc = unique("boimc");
        String early = unique("early");
        String later = unique("later");
        for (String enterprise : new String[] {early, later}) {
            finance.grant(enterprise);
            finance.achievement(enterprise, "ach-" + UUID.randomUUID().toString().substring(0, 8), "PUBLISHED", 1);
            finance.points(enterprise, 200);
        }
        for (int i = 0; i < 3; i++) {
            finance.contract(early, "800000.00", 20 + i);
        }
        finance.contract(later, "800000.00", 20);
        finance.contract(later, "800000.00", 400); // older than 12 months: does not count
        await().atMost(Duration.ofSeconds(30)).until(() ->
                finance.profile(early).path("facts").path("registeredContracts12m").asInt() == 3
                        && finance.profile(later).path("contracts").asInt() == 2
                        && finance.profile(later).path("facts").path("innovationPoints").asLong() == 200
                        && finance.profile(early).path("facts").path("innovationPoints").asLong() == 200);

        String productId = finance.productQualified(boimc, product("科创易贷", rulesFor(early, 3)));
        assertThat(finance.feedAbout(boimc, early, productId)).hasSize(1);
        assertThat(finance.feedAbout(boimc, later, productId)).isEmpty();

        var revised = finance.http().put(AREA + "/products/" + productId, product("科创易贷", rulesFor(later, 1))
                .replace("\"type\":\"IP_PLEDGE_LOAN\",", ""), IdentityToken.HEADER, bank(boimc));
        assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
        finance.awaitRequalified(boimc, productId, 2);

        var laterLeads = finance.feedAbout(boimc, later, productId);
        assertThat(laterLeads).hasSize(1);
        assertThat(laterLeads.getFirst().path("productVersion").asInt()).isEqualTo(2);
        assertThat(laterLeads.getFirst().path("facts").path("registeredContracts12m").asInt()).isEqualTo(1);
        var earlyLeads = finance.feedAbout(boimc, early, productId);
        assertThat(earlyLeads).hasSize(1);
        assertThat(earlyLeads.getFirst().path("productVersion").asInt()).isEqualTo(1);
    }

    @Test
    void aReQualificationACrashCutShortIsRunAgainAndOpensOnlyWhatWasMissing() {
        String boimc = unique("boimc");
        List<String> enterprises = List.of(unique("wuhai"), unique("chifeng"), unique("tongliao"));
        for (String enterprise : enterprises) {
            finance.grant(enterprise);
            finance.contract(enterprise, "700000.00", 15);
            finance.contract(enterprise, "700000.00", 25);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> enterprises.stream()
                .allMatch(e -> finance.profile(e).path("facts").path("registeredContracts12m").asInt() == 2));
        String productId = finance.productQualified(boimc, product("科创易贷", """
                [{"anyOf":[{"field":"REGISTERED_CONTRACTS_12M","atLeast":2}]}]"""));
        List<String> before = enterprises.stream().map(e -> leadOf(e, productId)).toList();
        assertThat(before).doesNotContainNull().doesNotHaveDuplicates();

        // a crash after the first writes: the last lead never written, the product not marked as re-qualified
        mongo.getCollection("leads").deleteOne(new Document("_id", before.get(2)));
        mongo.getCollection("products").updateOne(new Document("_id", productId),
                new Document("$set", new Document("requalifiedVersion", 0)));
        qualification.requalify(productId); // what the sweep does with a product whose mark trails its version
        finance.awaitRequalified(boimc, productId, 1);

        List<String> after = enterprises.stream().map(e -> leadOf(e, productId)).toList();
        assertThat(after.subList(0, 2)).as("the leads written before the crash stay as they are")
                .isEqualTo(before.subList(0, 2));
        assertThat(after.get(2)).isNotNull().isNotEqualTo(before.get(2));
        assertThat(mongo.getCollection("leads").countDocuments(new Document("productId", productId)
                .append("enterpriseId", new Document("$in", enterprises)))).isEqualTo(3);
        assertThat(finance.feedAbout(boimc, enterprises.get(2), productId)).singleElement()
                .satisfies(lead -> assertThat(lead.path("leadId").asString()).isEqualTo(after.get(2)));

        // the same version run once more (a second replica's sweep, say) opens nothing
        long leads = mongo.getCollection("leads").countDocuments(new Document("productId", productId));
        mongo.getCollection("products").updateOne(new Document("_id", productId),
                new Document("$set", new Document("requalifiedVersion", 0)));
        assertThat(qualification.requalify(productId)).isZero();
        finance.awaitRequalified(boimc, productId, 1);
        assertThat(enterprises.stream().map(e -> leadOf(e, productId)).toList()).isEqualTo(after);
        assertThat(mongo.getCollection("leads").countDocuments(new Document("productId", productId)))
                .isEqualTo(leads);
    }

    private String leadOf(String enterpriseId, String productId) {
        Document lead = mongo.getCollection("leads").find(new Document("enterpriseId", enterpriseId)
                .append("productId", productId)).first();
        return lead == null ? null : lead.getString("_id");
    }

    @Test
    void withoutConsentNoLeadIsOpenedAndWithdrawingItTakesTheLeadsFromTheInstitution() {
        String boimc = unique("boimc");
        String enterprise = unique("jinyu");
        finance.achievement(enterprise, "ach-" + UUID.randomUUID().toString().substring(0, 8), "PUBLISHED", 1);
        finance.points(enterprise, 300);
        finance.contract(enterprise, "900000.00", 5);
        await().atMost(Duration.ofSeconds(30)).until(() -> finance.profile(enterprise).path("facts")
                .path("innovationPoints").asLong() == 300 && finance.profile(enterprise).path("contracts").asInt() == 1);
        String productId = finance.productQualified(boimc, product("采购易贷", rulesFor(enterprise, 1)));
        assertThat(finance.feedAbout(boimc, enterprise, productId)).isEmpty();

        assertThat(finance.grant(enterprise).statusCode()).isEqualTo(200);
        var leads = finance.feedAbout(boimc, enterprise, productId);
        assertThat(leads).hasSize(1);
        String leadId = leads.getFirst().path("leadId").asString();
        String before = json(finance.http().get(AREA + "/leads?limit=1000", IdentityToken.HEADER, bank(boimc)))
                .path("next").asString();

        var withdrawn = finance.withdraw(enterprise);
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
        assertThat(json(withdrawn).path("consent").asBoolean()).isFalse();

        var since = json(finance.http().get(AREA + "/leads?after=" + before, IdentityToken.HEADER, bank(boimc)));
        assertThat(since.path("items")).singleElement().satisfies(item -> {
            assertThat(item.path("leadId").asString()).isEqualTo(leadId);
            assertThat(item.path("removed").asBoolean()).isTrue();
            assertThat(item.path("enterprise").isNull()).isTrue();
            assertThat(item.path("reasons")).isEmpty();
            assertThat(item.toString()).doesNotContain(enterprise);
        });
        assertThat(finance.http().get(AREA + "/products/" + productId + "/leads/" + leadId, IdentityToken.HEADER,
                bank(boimc)).statusCode()).isEqualTo(404);
        assertThat(finance.report(boimc, productId, leadId, "{\"outcome\":\"CONTACTED\"}").statusCode())
                .isEqualTo(404);

        // new facts open nothing while consent is withdrawn
        finance.contract(enterprise, "900000.00", 3);
        await().atMost(Duration.ofSeconds(30)).until(() -> finance.profile(enterprise).path("contracts").asInt() == 2);
        assertThat(finance.feed(boimc).stream().filter(item -> !item.path("removed").asBoolean())
                .filter(item -> item.path("leadId").asString().equals(leadId))).isEmpty();

        // consent given again: the lead comes back, at the product's current version
        finance.grant(enterprise);
        assertThat(finance.http().get(AREA + "/products/" + productId + "/leads/" + leadId, IdentityToken.HEADER,
                bank(boimc)).statusCode()).isEqualTo(200);
    }

    @Test
    void reQualificationAsksTheStoreForCandidatesOnlyAndMissesNone() {
        String boimc = unique("boimc");
        String corrected = unique("nmgyl");
        String oldContracts = unique("baogang");
        String legacy = unique("legacy");
        String tooFew = unique("wulan");
        for (String enterprise : new String[] {corrected, oldContracts, tooFew}) {
            finance.grant(enterprise);
        }
        // an amount the registration desk corrected upwards: 1,000,000 registered, 60,000,000 after the correction
        var registered = finance.contract(corrected, "1000000.00", 30);
        finance.amountCorrected(registered, "60000000.00");
        // three contracts recorded, one of them older than 12 months: two count
        finance.institution(oldContracts, "包头钢铁（集团）有限责任公司", "150200");
        finance.contract(oldContracts, "500000.00", 10);
        finance.contract(oldContracts, "500000.00", 20);
        finance.contract(oldContracts, "500000.00", 500);
        finance.contract(tooFew, "500000.00", 10);
        // a profile stored before profiles kept a summary: three contracts in 12 months, and no summary at all
        Instant now = Instant.now();
        Document contracts = new Document();
        for (int c = 0; c < 3; c++) {
            contracts.append(legacy + "-c" + c, new Document("contractId", legacy + "-c" + c)
                    .append("registrationNumber", "202615010100990" + c).append("side", "BUYER")
                    .append("contractAmountYuan", new Decimal128(new BigDecimal("900000.00")))
                    .append("technologyTransactionAmountYuan", new Decimal128(new BigDecimal("800000.00")))
                    .append("registeredAt", Date.from(now.minus(Duration.ofDays(40 + c)))).append("cancelled", false));
        }
        mongo.getCollection("profiles").insertOne(new Document("_id", legacy).append("name", "鄂尔多斯老客户")
                .append("regionCode", "150600").append("contracts", contracts).append("consent",
                        new Document("granted", true).append("changedAt", Date.from(now)).append("changedBy", "ops")
                                .append("settled", true)).append("updatedAt", Date.from(now)));
        await().atMost(Duration.ofSeconds(30)).until(() ->
                finance.profile(corrected).path("facts").path("technologyTransactionAmount12mYuan").decimalValue()
                        .compareTo(new BigDecimal("60000000")) == 0
                        && finance.profile(oldContracts).path("contracts").asInt() == 3
                        && "150200".equals(finance.profile(oldContracts).path("regionCode").asString())
                        && finance.profile(tooFew).path("contracts").asInt() == 1);

        String byAmount = finance.productQualified(boimc, product("知识产权质押贷", """
                [{"anyOf":[{"field":"TECHNOLOGY_TRANSACTION_AMOUNT_12M","atLeast":50000000}]}]"""));
        assertThat(finance.feedAbout(boimc, corrected, byAmount)).hasSize(1);
        assertThat(finance.feedAbout(boimc, oldContracts, byAmount)).isEmpty();

        String byCount = finance.productQualified(boimc, product("科创易贷", """
                [{"anyOf":[{"field":"REGISTERED_CONTRACTS_12M","atLeast":3}]}]"""));
        assertThat(finance.feedAbout(boimc, legacy, byCount)).as("the profile without a summary").hasSize(1);
        assertThat(finance.feedAbout(boimc, oldContracts, byCount)).as("a candidate whose facts fall short")
                .isEmpty();
        assertThat(finance.feedAbout(boimc, tooFew, byCount)).isEmpty();

        var revised = finance.http().put(AREA + "/products/" + byCount, product("科创易贷", """
                [{"anyOf":[{"field":"REGISTERED_CONTRACTS_12M","atLeast":2}]},
                 {"anyOf":[{"field":"REGION","in":["150200","150600"]}]}]""").replace("\"type\":\"IP_PLEDGE_LOAN\",",
                ""), IdentityToken.HEADER, bank(boimc));
        assertThat(revised.statusCode()).as(revised.body()).isEqualTo(200);
        finance.awaitRequalified(boimc, byCount, 2);
        assertThat(finance.feedAbout(boimc, oldContracts, byCount)).singleElement()
                .satisfies(lead -> assertThat(lead.path("productVersion").asInt()).isEqualTo(2));
        assertThat(finance.feedAbout(boimc, legacy, byCount)).singleElement()
                .satisfies(lead -> assertThat(lead.path("productVersion").asInt()).isEqualTo(1));
        assertThat(finance.feedAbout(boimc, tooFew, byCount)).isEmpty();
    }
}
