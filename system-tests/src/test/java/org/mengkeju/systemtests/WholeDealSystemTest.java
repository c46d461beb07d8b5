package org.mengkeju.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mengkeju.launcher.LocalPlatform;

/**
 * One whole deal, through the gateway with the clients a real deal involves, every service as its own process on the
 * real broker and store: a university lists an achievement and an operator publishes it; a sub-center pulls it
 * through the change feed; an enterprise posts a demand and matching ranks the listing for it with its reasons; a
 * broker proposes it and the parties close it won; the seller submits the contract and the registration desk
 * registers it; the achievement becomes transacted and both parties get their points; the enterprise's consent makes
 * it a lead that the bank pulls, approves and disburses; and every dashboard figure moves with it.
 */
@ExtendWith(SharedPlatform.class)
class WholeDealSystemTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final Duration PATIENCE = Duration.ofSeconds(60);
    /** Who the deal's clients act for (their development keys in the launcher). */
    static final String SELLER = "imut";
    static final String BUYER = "yili";

    static LocalPlatform platform;

    @BeforeAll
    static void theWholeSystem(LocalPlatform shared) {
        platform = shared;
    }

    @Test
    void aDealFromListingToDisbursedLoanMovesEveryFigure() throws Exception {
        double transactedBefore = figure("catalog-service", "mengkeju_catalog_listings", "status", "TRANSACTED");
        double registeredBefore = figure("contract-service", "mengkeju_contract_contracts", "status", "REGISTERED");
        double wonBefore = figure("matching-service", "mengkeju_matching_proposals", "status", "CLOSED_WON");
        double issuedBefore = figure("points-service", "mengkeju_points_issued");
        double disbursedBefore = figure("finance-service", "mengkeju_finance_disbursed_yuan");
        String tag = UUID.randomUUID().toString().substring(0, 6);

        // The bank's product: enterprises with at least one registered technology contract in 12 months.
        JsonNode product = call("dev-bank", "POST", "/api/v1/finance/products", """
                {"type":"TECH_INNOVATION_CREDIT","name":"科创易贷（%s）","amountMinYuan":500000,
                 "amountMaxYuan":5000000,"termMonthsMin":6,"termMonthsMax":36,"rateMinPercent":3.45,
                 "rateMaxPercent":4.35,"rules":[{"anyOf":[{"field":"REGISTERED_CONTRACTS_12M","atLeast":1}]}]}"""
                .formatted(tag), 201);
        String productId = product.path("productId").asText();

        // The enterprise's demand, then the university's listing, published by an operator.
        JsonNode demand = call("dev-enterprise-yili", "POST", "/api/v1/matching/demands", """
                {"title":"低乳糖高蛋白乳粉膜分离加工技术","problem":"面向乳糖不耐受人群，需要膜分离低乳糖高蛋白乳粉工艺，提高乳蛋白含量。",
                 "industryChain":"DAIRY","field":"乳制品加工","regionCode":"150100","budgetMinYuan":1000000,
                 "budgetMaxYuan":3000000,"transferModes":["LICENCE"],"wantedMaturity":"PILOT","deadline":"2027-12-31",
                 "contact":{"name":"王工","phone":"0471-3350004"}}""", 201);
        String demandId = demand.path("id").asText();
        JsonNode listing = call("dev-partner", "POST", "/api/v1/catalog/achievements", """
                {"title":"膜分离低乳糖高蛋白乳粉加工技术（%s）","summary":"采用超滤与纳滤膜分离去除乳糖、浓缩乳蛋白，已完成中试，乳蛋白含量提高30%%。",
                 "technologyField":"乳制品加工","industryChain":"DAIRY","keywords":["膜分离","低乳糖","高蛋白乳粉"],
                 "maturity":"PILOT","technologyReadinessLevel":6,"transferModes":["LICENCE"],"askingPriceYuan":1800000}"""
                .formatted(tag), 201);
        String achievementId = listing.path("id").asText();
        call("dev-partner", "POST", "/api/v1/catalog/achievements/" + achievementId + "/steps",
                "{\"action\":\"SUBMIT\"}", 200);
        call("dev-operator", "POST", "/api/v1/catalog/achievements/" + achievementId + "/publish", null, 200);

        // A sub-center mirrors the catalog through the change feed and finds the listing published.
        await().atMost(PATIENCE).until(() -> pulledBySubCenter(achievementId));

        // Matching ranks the listing for the demand, saying why; a broker proposes it; the parties close it won.
        await().atMost(PATIENCE).until(() -> ranked(demandId, achievementId) != null);
        JsonNode match = ranked(demandId, achievementId);
        assertThat(match.findValuesAsText("text")).as("the match's reasons").isNotEmpty()
                .anyMatch(reason -> reason.contains("乳"));
        JsonNode proposal = call("dev-broker", "POST", "/api/v1/matching/demands/" + demandId + "/proposals",
                "{\"achievementId\":\"" + achievementId + "\",\"note\":\"工艺与需求一致，报价在预算内\"}", 200, 201);
        String proposalId = proposal.path("proposalId").asText();
        for (String status : List.of("CONTACTED", "NEGOTIATING", "CLOSED_WON")) {
            call("dev-partner", "PUT", "/api/v1/matching/proposals/" + proposalId + "/status",
                    "{\"status\":\"" + status + "\"}", 200);
        }
        await().atMost(PATIENCE).until(() -> "MATCHED".equals(call("dev-enterprise-yili", "GET",
                "/api/v1/matching/demands/" + demandId, null, 200).path("status").asText()));

        // The seller submits the contract; the registration desk of Hohhot registers it once the catalog verified
        // the achievement: 1,800,000 yuan, of which 1,800,000 is technology transaction amount.
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        JsonNode contract = call("dev-partner", "POST", "/api/v1/contract/contracts", """
                {"type":"LICENCE","subType":"EXCLUSIVE","title":"膜分离低乳糖高蛋白乳粉加工技术独占许可合同（%s）",
                 "seller":{"institutionId":"imut","name":"内蒙古工业大学","creditCode":"12150000460030036T",
                           "regionCode":"150100","publicResearchBody":true},
                 "buyer":{"institutionId":"yili","name":"内蒙古伊利实业集团股份有限公司","creditCode":"91150100MA0N1YL015",
                          "regionCode":"150100","publicResearchBody":false},
                 "signedOn":"%s","validFrom":"%s","validUntil":"2031-12-31","contractAmountYuan":1800000.00,
                 "payments":[{"dueOn":"2027-06-30","amountYuan":1800000.00}],"achievementIds":["%s"],
                 "documents":["docs://imut/2026/whole-deal/contract.pdf"],"inventorSharePercent":70}"""
                .formatted(tag, today, today, achievementId), 201);
        String contractPath = "/api/v1/contract/contracts/" + contract.path("id").asText();
        await().atMost(PATIENCE).until(() -> "VERIFIED".equals(call("dev-registration-desk", "GET", contractPath,
                null, 200).path("achievementCheck").asText()));
        call("dev-registration-desk", "POST", contractPath + "/decisions", "{\"decision\":\"ACCEPT_FOR_REVIEW\"}",
                200);
        JsonNode registered = call("dev-registration-desk", "POST", contractPath + "/decisions",
                "{\"decision\":\"REGISTER\"}", 200);
        assertThat(registered.path("registrationNumber").asText()).matches("\\d{16}");

        // The catalog marks the achievement transacted; points reach both parties: the seller 50 for publishing,
        // 126 of 180 contract points (70 %) and 20 for the match; the buyer 54 (30 %) and 20 for the match.
        await().atMost(PATIENCE).until(() -> "TRANSACTED".equals(call("dev-operator", "GET",
                "/api/v1/catalog/achievements/" + achievementId, null, 200).path("status").asText()));
        await().atMost(PATIENCE).until(() -> balance(BUYER) >= 74);
        await().atMost(PATIENCE).until(() -> balance(SELLER) >= 196);
        assertThat(transferIds(SELLER)).contains("match-closed-won:" + proposalId + ":seller")
                .anyMatch(id -> id.startsWith("contract-registered:"));
        assertThat(transferIds(BUYER)).contains("match-closed-won:" + proposalId + ":buyer");

        // The enterprise consents; its registered contract qualifies it for the bank's product; the bank pulls the
        // lead, approves and disburses.
        call("dev-enterprise-yili", "PUT", "/api/v1/finance/enterprises/" + BUYER + "/consent", null, 200, 201, 204);
        await().atMost(PATIENCE).until(() -> leadFor(productId) != null);
        JsonNode lead = leadFor(productId);
        String leadPath = "/api/v1/finance/products/" + productId + "/leads/" + lead.path("leadId").asText();
        call("dev-bank", "POST", leadPath + "/outcomes",
                "{\"outcome\":\"APPROVED\",\"amountYuan\":2000000,\"date\":\"" + today + "\"}", 200, 201);
        JsonNode disbursed = call("dev-bank", "POST", leadPath + "/outcomes",
                "{\"outcome\":\"DISBURSED\",\"amountYuan\":2000000,\"date\":\"" + today + "\"}", 200, 201);
        assertThat(disbursed.path("status").asText()).isEqualTo("DISBURSED");

        // Every dashboard figure moved.
        await().atMost(PATIENCE).untilAsserted(() -> {
            assertThat(figure("catalog-service", "mengkeju_catalog_listings", "status", "TRANSACTED"))
                    .isEqualTo(transactedBefore + 1);
            assertThat(figure("contract-service", "mengkeju_contract_contracts", "status", "REGISTERED"))
                    .isEqualTo(registeredBefore + 1);
            assertThat(figure("matching-service", "mengkeju_matching_proposals", "status", "CLOSED_WON"))
                    .isEqualTo(wonBefore + 1);
            assertThat(figure("points-service", "mengkeju_points_issued")).isGreaterThanOrEqualTo(issuedBefore + 270);
            assertThat(figure("finance-service", "mengkeju_finance_disbursed_yuan"))
                    .isEqualTo(disbursedBefore + 2_000_000);
        });
    }

    private static boolean pulledBySubCenter(String achievementId) throws Exception {
        String after = null;
        for (int page = 0; page < 50; page++) {
            JsonNode feed = call("dev-subcenter-ordos", "GET", "/api/v1/catalog/sync/changes?limit=1000"
                    + (after == null ? "" : "&after=" + after), null, 200);
            for (JsonNode change : feed.path("changes")) {
                if (achievementId.equals(change.path("achievementId").asText())
                        && "PUBLISHED".equals(change.path("listing").path("status").asText())) {
                    return true;
                }
            }
            if (!feed.path("more").asBoolean()) {
                return false;
            }
            after = feed.path("next").asText();
        }
        return false;
    }

    private static JsonNode ranked(String demandId, String achievementId) throws Exception {
        JsonNode ranking = call("dev-enterprise-yili", "GET", "/api/v1/matching/demands/" + demandId + "/matches",
                null, 200);
        for (JsonNode result : ranking.path("items")) {
            if (achievementId.equals(result.path("achievement").path("id").asText())) {
                return result;
            }
        }
        return null;
    }

    private static JsonNode leadFor(String productId) throws Exception {
        JsonNode feed = call("dev-bank", "GET", "/api/v1/finance/leads?limit=500", null, 200);
        // Only the buyer consented, so the product's one lead is the buyer's.
        for (JsonNode lead : feed.path("items")) {
            if (productId.equals(lead.path("productId").asText()) && !lead.path("removed").asBoolean()) {
                return lead;
            }
        }
        return null;
    }

    private static long balance(String account) throws Exception {
        return call("dev-operator", "GET", "/api/v1/points/accounts/" + account, null, 200, 404).path("balance")
                .asLong(0);
    }

    private static List<String> transferIds(String account) throws Exception {
        List<String> ids = new ArrayList<>();
        call("dev-operator", "GET", "/api/v1/points/accounts/" + account + "/transfers?limit=200", null, 200)
                .path("items").forEach(item -> ids.add(item.path("transferId").asText()));
        return ids;
    }

    /** One sample of a service's own /actuator/prometheus, as Prometheus scrapes it. */
    private static double figure(String module, String name, String... labelPairs) throws Exception {
        StringBuilder labels = new StringBuilder();
        for (int i = 0; i + 1 < labelPairs.length; i += 2) {
            labels.append("(?=[^}]*").append(Pattern.quote(labelPairs[i] + "=\"" + labelPairs[i + 1] + "\""))
                    .append(")");
        }
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create(platform.serviceUrl(module)
                + "/actuator/prometheus")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{" + labels + "[^}]*})? (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        assertThat(m.find()).as("%s of %s", name, module).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** A call through the gateway as a development client; fails with the answer unless its status is expected. */
    private static JsonNode call(String client, String method, String path, String body, int... expected)
            throws Exception {
        HttpResponse<String> response = HTTP.send(PartnerCalls.asClient(platform, client, method, path, body,
                method.equals("POST") ? UUID.randomUUID().toString() : null).build(),
                HttpResponse.BodyHandlers.ofString());
        boolean ok = false;
        for (int status : expected) {
            ok |= response.statusCode() == status;
        }
        assertThat(ok).as("%s %s as %s answered %d: %s", method, path, client, response.statusCode(),
                response.body()).isTrue();
        return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
    }
}
