package org.mengkeju.finance;

import static org.mengkeju.platform.test.TestHttp.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.events.catalog.InstitutionRegistered;
import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.events.contract.ContractRegistrationChanged;
import org.mengkeju.events.points.PointsDebited;
import org.mengkeju.events.points.PointsPosted;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.test.TestEvents;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import tools.jackson.databind.JsonNode;

/** What the finance tests do again and again: call the API as its callers, publish other services' events. */
public final class FinanceFixtures {

    public static final String AREA = "/api/v1/finance";
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final TestHttp http;
    private final String baseUrl;
    private final String kafka;

    public FinanceFixtures(int port, String kafka) {
        this.http = TestHttp.localPort(port);
        this.baseUrl = "http://127.0.0.1:" + port;
        this.kafka = kafka;
    }

    public TestHttp http() {
        return http;
    }

    /** A unique id of the usual form, e.g. {@code bank-3f2a9c}. */
    public static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static String bank(String institutionId) {
        return TestIdentities.token(new CallerIdentity(institutionId + "-leads", Role.FINANCE_INSTITUTION,
                institutionId, null));
    }

    public static String enterprise(String institutionId) {
        return TestIdentities.partner(institutionId);
    }

    public static String operator() {
        return TestIdentities.operator();
    }

    /** A product body with these rules and a maximum of 10,000,000 yuan. */
    public static String product(String name, String rulesJson) {
        return """
                {"type":"IP_PLEDGE_LOAN","name":"%s","amountMinYuan":500000,"amountMaxYuan":10000000,
                 "termMonthsMin":12,"termMonthsMax":36,"rateMinPercent":3.45,"rateMaxPercent":4.35,"rules":%s}"""
                .formatted(name, rulesJson);
    }

    public HttpResponse<String> publishProduct(String bank, String body) {
        return http.post(AREA + "/products", body, IdentityToken.HEADER, bank(bank), "Idempotency-Key",
                unique("p"));
    }

    /** Publishes a product and waits until every consenting profile was qualified against it. */
    public String productQualified(String bank, String body) {
        var response = publishProduct(bank, body);
        if (response.statusCode() != 201) {
            throw new IllegalStateException(response.body());
        }
        String id = json(response).path("productId").asString();
        awaitRequalified(bank, id, 1);
        return id;
    }

    public void awaitRequalified(String bank, String productId, int version) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> json(http.get(AREA
                + "/products/" + productId, IdentityToken.HEADER, bank(bank))).path("requalifiedVersion").asInt()
                >= version);
    }

    public HttpResponse<String> grant(String enterpriseId) {
        return http.put(AREA + "/enterprises/" + enterpriseId + "/consent", null, IdentityToken.HEADER,
                enterprise(enterpriseId));
    }

    public HttpResponse<String> withdraw(String enterpriseId) {
        return send(HttpRequest.newBuilder(URI.create(baseUrl + AREA + "/enterprises/" + enterpriseId + "/consent"))
                .header(IdentityToken.HEADER, enterprise(enterpriseId)).DELETE());
    }

    public JsonNode profile(String enterpriseId) {
        return json(http.get(AREA + "/enterprises/" + enterpriseId + "/profile", IdentityToken.HEADER, operator()));
    }

    /** Every entry of the bank's feed from the start. */
    public List<JsonNode> feed(String bank) {
        List<JsonNode> items = new java.util.ArrayList<>();
        String after = null;
        while (true) {
            var page = json(http.get(AREA + "/leads?limit=1000" + (after == null ? "" : "&after=" + after),
                    IdentityToken.HEADER, bank(bank)));
            page.path("items").forEach(items::add);
            after = page.path("next").asString();
            if (!page.path("more").asBoolean()) {
                return items;
            }
        }
    }

    /** The feed's entries about one enterprise. */
    public List<JsonNode> feedAbout(String bank, String enterpriseId, String productId) {
        return feed(bank).stream().filter(item -> item.path("productId").asString().equals(productId))
                .filter(item -> item.path("removed").asBoolean()
                        || item.path("enterprise").path("enterpriseId").asString().equals(enterpriseId)).toList();
    }

    public HttpResponse<String> report(String bank, String productId, String leadId, String body) {
        return http.post(AREA + "/products/" + productId + "/leads/" + leadId + "/outcomes", body,
                IdentityToken.HEADER, bank(bank), "Idempotency-Key", unique("o"));
    }

    // Other services' events, as they publish them.

    public void institution(String enterpriseId, String name, String region) {
        var registered = new InstitutionRegistered(enterpriseId, name, "91150200MA0Q3XK21B", "ENTERPRISE", region,
                Instant.parse("2026-03-02T02:00:00Z"));
        TestEvents.publish(kafka, InstitutionRegistered.CONTRACT, enterpriseId, UUID.randomUUID().toString(),
                "/mengkeju/catalog-service", registered);
    }

    /** A contract registered {@code daysAgo} before now with the enterprise as the buyer; returns it. */
    public ContractRegistered contract(String enterpriseId, String technologyAmount, int daysAgo) {
        var seller = new ContractRegistered.Party("imut", "内蒙古工业大学", "12150000460030036T", "150100", true);
        var buyer = new ContractRegistered.Party(enterpriseId, "包头稀土硫化物新材料有限公司", "91150200MA0Q3XK21B",
                "150200", false);
        var registered = new ContractRegistered(unique("ctr"), "2026150101" + String.format("%06d",
                (int) (Math.random() * 999_999)), "TRANSFER", "PATENT_RIGHT", "稀土硫化物着色剂制备技术专利权转让合同",
                seller, buyer, List.of(), new BigDecimal(technologyAmount).add(new BigDecimal("200000.00")),
                new BigDecimal(technologyAmount), List.of(), LocalDate.of(2026, 5, 12),
                Instant.now().minus(Duration.ofDays(daysAgo)), "hhht-tcr");
        publish(registered, UUID.randomUUID().toString());
        return registered;
    }

    /** The registration desk corrected the contract's technology transaction amount. */
    public void amountCorrected(ContractRegistered registered, String technologyAmount) {
        var changed = new ContractRegistrationChanged(registered.contractId(), registered.registrationNumber(),
                "CHANGED", "补充协议：技术交易额更正", registered.contractAmountYuan(), new BigDecimal(technologyAmount),
                registered.contractAmountYuan(), registered.technologyTransactionAmountYuan(), "hhht-tcr",
                "hhht-tcr-desk", Instant.now());
        TestEvents.publish(kafka, ContractRegistrationChanged.CONTRACT, registered.contractId(),
                UUID.randomUUID().toString(), "/mengkeju/contract-service", changed);
    }

    public void publish(ContractRegistered registered, String eventId) {
        TestEvents.publish(kafka, ContractRegistered.CONTRACT, registered.contractId(), eventId,
                "/mengkeju/contract-service", registered);
    }

    public void achievement(String enterpriseId, String achievementId, String status, long version) {
        achievement(enterpriseId, achievementId, status, version, List.of());
    }

    public void achievement(String enterpriseId, String achievementId, String status, long version,
            List<AchievementChanged.IpItem> ipItems) {
        var changed = new AchievementChanged(achievementId, "PUBLISH", "UNDER_REVIEW", status, "ops-console", null,
                List.of(), "稀土硫化物着色剂", null, null, List.of("稀土"), enterpriseId, "RARE_EARTHS", "PILOT", 6,
                List.of("LICENCE"), new BigDecimal("1800000.00"), null, null, "150200", null, version,
                Instant.now(), ipItems);
        TestEvents.publish(kafka, AchievementChanged.CONTRACT, achievementId, UUID.randomUUID().toString(),
                "/mengkeju/catalog-service", changed);
    }

    public void points(String enterpriseId, long points) {
        String source = UUID.randomUUID().toString();
        var posted = new PointsPosted("contract-registered:" + source, enterpriseId, points, "CONTRACT_REGISTERED",
                source, Instant.now());
        TestEvents.publish(kafka, PointsPosted.CONTRACT, enterpriseId, source, "/mengkeju/points-service", posted);
    }

    /** Points taken back from the enterprise (a reversal), announced under {@code transferId}. */
    public void pointsTakenBack(String enterpriseId, String transferId, long points) {
        var debited = new PointsDebited(transferId, enterpriseId, points, "REVERSAL",
                transferId.substring("reversal:".length()), Instant.now());
        TestEvents.publish(kafka, PointsDebited.CONTRACT, enterpriseId, UUID.randomUUID().toString(),
                "/mengkeju/points-service", debited);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return CLIENT.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
