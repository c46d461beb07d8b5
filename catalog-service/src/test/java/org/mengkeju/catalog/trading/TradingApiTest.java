package org.mengkeju.catalog.trading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mengkeju.platform.test.TestHttp.json;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.catalog.achievement.AchievementCatalog;
import org.mengkeju.catalog.inquiry.Listings;
import org.mengkeju.catalog.institution.UnifiedSocialCreditCode;
import org.mengkeju.catalog.session.SessionId;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.catalog.DealAnnulled;
import org.mengkeju.events.catalog.DealConcluded;
import org.mengkeju.events.catalog.DealFinalised;
import org.mengkeju.events.catalog.DepositReleased;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import tools.jackson.databind.JsonNode;

/** Trading through the API on the real store and broker: listing, registration, bids under load, the outcome. */
@ServiceIntegrationTest
class TradingApiTest {

    static final String LOTS = "/api/v1/catalog/trading/lots/";

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    Lots lots;
    @Autowired
    TradingDesk desk;
    @Autowired
    AchievementCatalog catalog;
    @Autowired
    MongoTemplate mongo;
    TestHttp http;
    Listings listings;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
        listings = new Listings(port);
    }

    // ---------------------------------------------------------------- helpers

    static String fresh(String prefix) {
        return Listings.freshInstitution(prefix);
    }

    /** An institution registered in the catalog, so that a deal's event names it. */
    String registeredInstitution(String prefix, String name, String type, String region) {
        String id = fresh(prefix);
        String first17 = "911504" + "00" + String.format("%09d", ThreadLocalRandom.current().nextInt(1_000_000_000));
        String code = "0123456789ABCDEFGHJKLMNPQRTUWXY".chars().mapToObj(c -> first17 + (char) c)
                .filter(c -> UnifiedSocialCreditCode.problemWith(c).isEmpty()).findFirst().orElseThrow();
        var registered = http.post("/api/v1/catalog/institutions", """
                {"id":"%s","name":"%s","creditCode":"%s","type":"%s","regionCode":"%s"}"""
                .formatted(id, name, code, type, region), IdentityToken.HEADER, TestIdentities.operator());
        assertThat(registered.statusCode()).as(registered.body()).isBetween(200, 201);
        return id;
    }

    static String lotBody(Instant registrationEnds, Instant auctionEnds, String reserve, int antiSniping) {
        return """
                {"transferMode":"ASSIGNMENT","startingPriceYuan":1000000.00,"incrementYuan":10000.00,
                 "reserveYuan":%s,"depositYuan":50000.00,"registrationEndsAt":"%s","auctionEndsAt":"%s",
                 "antiSnipingSeconds":%d}""".formatted(reserve, registrationEnds, auctionEnds, antiSniping);
    }

    HttpResponse<String> listForSale(String achievementId, String body, String token) {
        return http.post("/api/v1/catalog/achievements/" + achievementId + "/lots", body, IdentityToken.HEADER,
                token, "Idempotency-Key", UUID.randomUUID().toString());
    }

    String lot(String achievementId, String owner, Instant registrationEnds, Instant auctionEnds, String reserve,
            int antiSniping) {
        var listed = listForSale(achievementId, lotBody(registrationEnds, auctionEnds, reserve, antiSniping),
                TestIdentities.partner(owner));
        assertThat(listed.statusCode()).as(listed.body()).isEqualTo(201);
        return json(listed).path("lotId").asString();
    }

    void qualified(String lotId, String buyer, boolean withDeposit) {
        var registered = http.post(LOTS + lotId + "/registrations", null, IdentityToken.HEADER,
                TestIdentities.partner(buyer));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        if (withDeposit) {
            var paid = http.post(LOTS + lotId + "/deposit-payments", """
                    {"institutionId":"%s","amountYuan":50000.00,"reference":"ESC-%s"}""".formatted(buyer, buyer),
                    IdentityToken.HEADER, TestIdentities.operator());
            assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
        }
    }

    HttpResponse<String> bid(String lotId, String buyer, BigDecimal amount) {
        return http.post("/api/v1/catalog/trading/auctions/" + lotId + "/bids",
                "{\"amountYuan\":" + amount.toPlainString() + "}", IdentityToken.HEADER,
                TestIdentities.partner(buyer), "Idempotency-Key", UUID.randomUUID().toString());
    }

    JsonNode read(String lotId, String token) {
        var read = http.get(LOTS + lotId, IdentityToken.HEADER, token);
        assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
        return json(read);
    }

    void awaitStatus(String lotId, String status, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).until(() -> status.equals(
                lots.findById(lotId).map(l -> l.status().name()).orElse(null)));
    }

    List<ConsumerRecord<String, String>> events(String lotId, String type, int expected) {
        // Read for a while beyond the expected count: a doubled event would show up here.
        return TopicReader.await(kafka, Topics.CATALOG_TRADING, r -> lotId.equals(r.key())
                && type.equals(TopicReader.header(r, CloudEventHeaders.TYPE)), Duration.ofSeconds(3), expected + 1);
    }

    static String problemType(HttpResponse<String> response) {
        return json(response).path("type").asString();
    }

    // ---------------------------------------------------------------- tests

    @Test
    void twoHundredConcurrentBidsAcceptExactlyTheValidOnesAndTheCloseMakesOneDealThatBecomesFinal() throws Exception {
        String owner = registeredInstitution("imut", "内蒙古工业大学", "PUBLIC_UNIVERSITY", "150100");
        String achievementId = listings.published(owner, "稀土硫化物着色剂");
        List<String> buyers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            buyers.add(registeredInstitution("buyer" + i, "包头稀土新材料有限公司" + i, "ENTERPRISE", "150200"));
        }
        String withoutDeposit = fresh("ordos-coal");
        // The listing period and the auction are set long enough for a loaded machine to serve every request in
        // them; once the registrations, and later the bids, are in, time is moved on to their end (the lot's own
        // dates, as the clock would find them), so what is checked does not depend on how fast requests are served.
        Instant registrationEnds = Instant.now().plus(Duration.ofMinutes(10));
        Instant auctionEnds = registrationEnds.plus(Duration.ofMinutes(10));
        String lotId = lot(achievementId, owner, registrationEnds, auctionEnds, null, 0);
        for (String buyer : buyers) {
            qualified(lotId, buyer, true);
        }
        qualified(lotId, withoutDeposit, false);

        var early = bid(lotId, buyers.getFirst(), new BigDecimal("1000000.00"));
        assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
        assertThat(problemType(early)).endsWith("/not-in-auction");
        TradingFixtures.dueNow(mongo, lotId);
        awaitStatus(lotId, "AUCTION", Duration.ofSeconds(15));

        var noDeposit = bid(lotId, withoutDeposit, new BigDecimal("1000000.00"));
        assertThat(noDeposit.statusCode()).as(noDeposit.body()).isEqualTo(403);
        var offIncrement = bid(lotId, buyers.getFirst(), new BigDecimal("1005000.00"));
        assertThat(offIncrement.statusCode()).isEqualTo(400);
        assertThat(offIncrement.body()).contains("amountYuan");

        // 200 bids at once from 8 bidders, on the grid, many at the same prices.
        record Sent(String buyer, BigDecimal amount, HttpResponse<String> response) {
        }
        List<CompletableFuture<Sent>> sent = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 200; i++) {
                String buyer = buyers.get(i % buyers.size());
                BigDecimal amount = new BigDecimal("1000000.00").add(new BigDecimal("10000.00")
                        .multiply(BigDecimal.valueOf(ThreadLocalRandom.current().nextInt(0, 80))));
                sent.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return new Sent(buyer, amount, bid(lotId, buyer, amount));
                }, pool));
            }
            start.countDown();
        }
        List<Sent> answers = sent.stream().map(CompletableFuture::join).toList();
        assertThat(answers).allSatisfy(a -> assertThat(a.response().statusCode()).as(a.response().body())
                .isIn(201, 409));
        List<Sent> accepted = answers.stream().filter(a -> a.response().statusCode() == 201).toList();
        List<Sent> refused = answers.stream().filter(a -> a.response().statusCode() == 409).toList();
        assertThat(refused).allSatisfy(r -> assertThat(problemType(r.response())).endsWith("/bid-too-low"));

        Lot stored = lots.findById(lotId).orElseThrow();
        BigDecimal highest = answers.stream().map(Sent::amount).max(BigDecimal::compareTo).orElseThrow();
        List<Long> history = stored.bids().stream().map(Bid::amountFen).toList();
        assertThat(history).as("every accepted bid above the one before").isSorted().doesNotHaveDuplicates();
        assertThat(history).hasSize(accepted.size()).hasSize(stored.bidCount());
        assertThat(Yuan.of(stored.topBidFen())).isEqualByComparingTo(highest);
        assertThat(new HashSet<>(accepted.stream().map(a -> a.amount().movePointRight(2).longValueExact()).toList()))
                .isEqualTo(new HashSet<>(history));
        // A refused bid was never above what had been accepted by then: the top only ever rose past it.
        assertThat(refused).allSatisfy(r -> assertThat(r.amount().movePointRight(2).longValueExact())
                .isLessThanOrEqualTo(stored.topBidFen()));
        assertThat(stored.bids()).allSatisfy(b -> assertThat(stored.participant(b.institutionId()).orElseThrow()
                .pseudonym()).isEqualTo(b.pseudonym()));

        JsonNode asBuyer = read(lotId, TestIdentities.partner(buyers.get(1)));
        assertThat(asBuyer.path("you").asString()).isEqualTo("bidder-002");
        assertThat(asBuyer.path("bids").findValues("institutionId")).allSatisfy(v -> assertThat(v.isNull()).isTrue());
        assertThat(asBuyer.path("bidders").findValues("institutionId")).allSatisfy(v -> assertThat(v.isNull())
                .isTrue());
        assertThat(asBuyer.toString()).doesNotContain(buyers.get(0)).doesNotContain(buyers.get(2));
        JsonNode asOwner = read(lotId, TestIdentities.partner(owner));
        assertThat(asOwner.path("bids").get(0).path("institutionId").asString()).isIn(buyers);

        assertThat(lots.findById(lotId).orElseThrow().status()).as("every bid was answered before the close")
                .isEqualTo(LotStatus.AUCTION);
        TradingFixtures.dueNow(mongo, lotId);
        awaitStatus(lotId, "PUBLICATION", Duration.ofSeconds(20));
        var late = bid(lotId, buyers.getFirst(), highest.add(new BigDecimal("10000.00")));
        assertThat(late.statusCode()).as(late.body()).isEqualTo(409);
        Lot concluded = lots.findById(lotId).orElseThrow();
        assertThat(concluded.saleMode()).isEqualTo(SaleMode.AUCTION);
        assertThat(concluded.priceFen()).isEqualTo(stored.topBidFen());
        assertThat(concluded.buyerInstitutionId()).isEqualTo(stored.leadingInstitutionId());

        List<ConsumerRecord<String, String>> deal = events(lotId, DealConcluded.CONTRACT.type(), 1);
        assertThat(deal).hasSize(1);
        assertThat(EventSchemas.violations(DealConcluded.CONTRACT, deal.getFirst().value())).isEmpty();
        List<ConsumerRecord<String, String>> released = events(lotId, DepositReleased.CONTRACT.type(), 7);
        assertThat(released).hasSize(7);
        assertThat(released.stream().map(r -> EventJson.read(r.value(), DepositReleased.class))
                .map(DepositReleased::buyerInstitutionId).toList())
                .doesNotHaveDuplicates().doesNotContain(concluded.buyerInstitutionId()).allMatch(buyers::contains);

        awaitStatus(lotId, "FINAL", Duration.ofSeconds(20));
        List<ConsumerRecord<String, String>> finalised = events(lotId, DealFinalised.CONTRACT.type(), 1);
        assertThat(finalised).hasSize(1);
        DealFinalised event = EventJson.read(finalised.getFirst().value(), DealFinalised.class);
        assertThat(event.seller().institutionId()).isEqualTo(owner);
        assertThat(event.seller().name()).isEqualTo("内蒙古工业大学");
        assertThat(event.seller().publicResearchBody()).isTrue();
        assertThat(event.buyer().institutionId()).isEqualTo(concluded.buyerInstitutionId());
        assertThat(event.buyer().creditCode()).isNotBlank();
        assertThat(event.priceYuan()).isEqualByComparingTo(highest);
        assertThat(event.transferMode()).isEqualTo("ASSIGNMENT");
        assertThat(event.saleMode()).isEqualTo("AUCTION");
        await().atMost(Duration.ofSeconds(10)).until(() -> "UNDER_NEGOTIATION".equals(json(http.get(
                "/api/v1/catalog/achievements/" + achievementId, IdentityToken.HEADER, TestIdentities.operator()))
                .path("status").asString()));
    }

    @Test
    void oneQualifiedBuyerTakesTheLotByAgreementAndAnUpheldObjectionAnnulsTheDeal() {
        String owner = fresh("imu");
        String achievementId = listings.published(owner, "胡芪降脂胶囊");
        String buyer = fresh("hohhot-pharma");
        String rival = fresh("baotou-pharma");
        String lotId = lot(achievementId, owner, Instant.now().plusSeconds(3), Instant.now().plusSeconds(60), null,
                60);
        qualified(lotId, buyer, true);
        qualified(lotId, rival, false);

        awaitStatus(lotId, "PUBLICATION", Duration.ofSeconds(15));
        JsonNode deal = read(lotId, TestIdentities.partner(rival));
        assertThat(deal.path("saleMode").asString()).isEqualTo("AGREEMENT");
        assertThat(deal.path("priceYuan").decimalValue()).isEqualByComparingTo("1000000.00");
        assertThat(deal.path("buyerInstitutionId").asString()).as("the deal is published").isEqualTo(buyer);

        var objected = http.post("/api/v1/catalog/trading/deals/" + lotId + "/objections",
                "{\"reason\":\"成交方与成果持有单位存在未披露的关联关系\"}", IdentityToken.HEADER,
                TestIdentities.partner(rival));
        assertThat(objected.statusCode()).as(objected.body()).isEqualTo(201);
        var byOperator = http.post("/api/v1/catalog/trading/deals/" + lotId + "/objections",
                "{\"reason\":\"x\"}", IdentityToken.HEADER, TestIdentities.operator());
        assertThat(byOperator.statusCode()).isEqualTo(403);
        var byPartner = http.post("/api/v1/catalog/trading/deals/" + lotId + "/objections/1/decision",
                "{\"upheld\":true,\"note\":\"属实\"}", IdentityToken.HEADER, TestIdentities.partner(rival));
        assertThat(byPartner.statusCode()).isEqualTo(403);

        // The publication period (3 s in tests) passes; the pending objection holds the deal.
        await().pollDelay(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> true);
        assertThat(lots.findById(lotId).orElseThrow().status()).isEqualTo(LotStatus.PUBLICATION);

        var noNote = http.post("/api/v1/catalog/trading/deals/" + lotId + "/objections/1/decision",
                "{\"upheld\":true}", IdentityToken.HEADER, TestIdentities.operator());
        assertThat(noNote.statusCode()).isEqualTo(400);
        assertThat(noNote.body()).contains("note");
        var upheld = http.post("/api/v1/catalog/trading/deals/" + lotId + "/objections/1/decision",
                "{\"upheld\":true,\"note\":\"经核查关联关系属实，撤销成交\"}", IdentityToken.HEADER,
                TestIdentities.operator());
        assertThat(upheld.statusCode()).as(upheld.body()).isEqualTo(200);
        assertThat(json(upheld).path("status").asString()).isEqualTo("ANNULLED");

        assertThat(events(lotId, DealAnnulled.CONTRACT.type(), 1)).hasSize(1);
        List<ConsumerRecord<String, String>> released = events(lotId, DepositReleased.CONTRACT.type(), 1);
        assertThat(released).hasSize(1);
        assertThat(EventJson.read(released.getFirst().value(), DepositReleased.class).reason())
                .isEqualTo("ANNULLED");
        assertThat(json(http.get("/api/v1/catalog/achievements/" + achievementId, IdentityToken.HEADER,
                TestIdentities.operator())).path("status").asString()).isEqualTo("PUBLISHED");
        assertThat(listForSale(achievementId, lotBody(Instant.now().plusSeconds(600), Instant.now().plusSeconds(900),
                null, 60), TestIdentities.partner(owner)).statusCode()).as("on offer again").isEqualTo(201);
    }

    @Test
    void aLateBidExtendsTheCloseAndATopBidBelowTheReserveSellsNothing() {
        String owner = fresh("ciac");
        String achievementId = listings.published(owner, "微变雷达");
        String first = fresh("baotou-steel");
        String second = fresh("wuhai-energy");
        Instant registrationEnds = Instant.now().plusSeconds(3);
        Instant auctionEnds = registrationEnds.plusSeconds(4);
        String lotId = lot(achievementId, owner, registrationEnds, auctionEnds, "1500000.00", 3);
        qualified(lotId, first, true);
        qualified(lotId, second, true);
        awaitStatus(lotId, "AUCTION", Duration.ofSeconds(15));

        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(auctionEnds.minusMillis(2500)));
        var sniped = bid(lotId, first, new BigDecimal("1100000.00"));
        assertThat(sniped.statusCode()).as(sniped.body()).isEqualTo(201);
        Instant extended = Instant.parse(json(sniped).path("closesAt").asString());
        Instant placedAt = Instant.parse(json(sniped).path("placedAt").asString());
        assertThat(extended).isAfter(auctionEnds).isEqualTo(placedAt.plusSeconds(3));
        assertThat(json(sniped).path("pseudonym").asString()).isEqualTo("bidder-001");

        awaitStatus(lotId, "UNSOLD", Duration.ofSeconds(15));
        Lot unsold = lots.findById(lotId).orElseThrow();
        assertThat(unsold.unsoldReason()).isEqualTo(UnsoldReason.RESERVE_NOT_MET);
        assertThat(unsold.closedAt()).isAfterOrEqualTo(extended);
        assertThat(events(lotId, DepositReleased.CONTRACT.type(), 2)).hasSize(2);
        assertThat(events(lotId, DealConcluded.CONTRACT.type(), 0)).isEmpty();
    }

    @Test
    void theStoreRefusesABidAtTheClosingInstantAndARetriedKey() {
        Instant now = Instant.now();
        String lotId = LotId.next(now).value();
        Lot lot = lots.insert(TradingFixtures.atAuction(lotId, now, now.plusSeconds(3600), Duration.ZERO,
                List.of("chifeng-muge-feed", "baotou-steel-union")));
        Instant closes = lot.closesAt();

        Bid atClose = TradingFixtures.bid(lot, "chifeng-muge-feed", 89_500_000L, closes, "k1");
        assertThat(lots.placeBid(lotId, atClose, 5_000_000L, Duration.ZERO)).isEmpty();
        Bid justBefore = TradingFixtures.bid(lot, "chifeng-muge-feed", 89_500_000L, closes.minusMillis(1), "k1");
        assertThat(lots.placeBid(lotId, justBefore, 5_000_000L, Duration.ZERO)).hasValueSatisfying(after -> {
            assertThat(after.topBidFen()).isEqualTo(89_500_000L);
            assertThat(after.nextMinimumFen()).isEqualTo(94_500_000L);
            assertThat(after.bidCount()).isEqualTo(1);
        });
        Bid sameKeyHigher = TradingFixtures.bid(lot, "chifeng-muge-feed", 99_500_000L, closes.minusMillis(1), "k1");
        assertThat(lots.placeBid(lotId, sameKeyHigher, 5_000_000L, Duration.ZERO)).isEmpty();
        Bid samePrice = TradingFixtures.bid(lot, "baotou-steel-union", 89_500_000L, closes.minusMillis(1), "k2");
        assertThat(lots.placeBid(lotId, samePrice, 5_000_000L, Duration.ZERO)).isEmpty();

        assertThat(lots.findBid(lotId, "chifeng-muge-feed-tto/k1")).hasValueSatisfying(b ->
                assertThat(b.amountFen()).isEqualTo(89_500_000L));
        assertThat(lots.findById(lotId).orElseThrow().bids()).hasSize(1);
    }

    @Test
    void queuedBidsAreWrittenAllTogetherOrNotAtAll() {
        // The store keeps milliseconds, as the service's clock gives them.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String lotId = LotId.next(now).value();
        Lot lot = lots.insert(TradingFixtures.atAuction(lotId, now, now.plusSeconds(3600), Duration.ofSeconds(600),
                List.of("chifeng-muge-feed", "baotou-steel-union", "ordos-coal")));
        Instant at = lot.closesAt().minusSeconds(60);
        Bid first = TradingFixtures.bid(lot, "chifeng-muge-feed", 89_500_000L, at, "q1");
        Bid second = TradingFixtures.bid(lot, "baotou-steel-union", 94_500_000L, at, "q2");
        Bid third = TradingFixtures.bid(lot, "ordos-coal", 104_500_000L, at, "q3");

        assertThat(lots.placeBids(lot, List.of(first, second, third), 5_000_000L, Duration.ofSeconds(600)))
                .hasValueSatisfying(after -> {
                    assertThat(after.topBidFen()).isEqualTo(104_500_000L);
                    assertThat(after.nextMinimumFen()).isEqualTo(109_500_000L);
                    assertThat(after.leadingInstitutionId()).isEqualTo("ordos-coal");
                    assertThat(after.bidCount()).isEqualTo(3);
                    assertThat(after.closesAt()).as("within the window: moved").isEqualTo(at.plusSeconds(600));
                });
        Bid retried = TradingFixtures.bid(lot, "baotou-steel-union", 109_500_000L, at, "q2");
        Bid fresh = TradingFixtures.bid(lot, "chifeng-muge-feed", 114_500_000L, at, "q4");
        assertThat(lots.placeBids(lot, List.of(retried, fresh), 5_000_000L, Duration.ZERO))
                .as("a key already in the history refuses the whole write").isEmpty();
        Bid stale = TradingFixtures.bid(lot, "baotou-steel-union", 99_500_000L, at, "q5");
        assertThat(lots.placeBids(lot, List.of(stale, fresh), 5_000_000L, Duration.ZERO))
                .as("judged on an old top: refused").isEmpty();

        Lot stored = lots.findById(lotId).orElseThrow();
        assertThat(stored.bids()).extracting(Bid::amountFen).containsExactly(89_500_000L, 94_500_000L, 104_500_000L);
        assertThat(stored.bids()).extracting(Bid::requestKey)
                .containsExactly("chifeng-muge-feed-tto/q1", "baotou-steel-union-tto/q2", "ordos-coal-tto/q3");
        assertThat(stored.bidCount()).isEqualTo(3);
        assertThat(AuctionFeed.fromHistory(stored, AuctionEvent.Position.START)).extracting(AuctionEvent::id)
                .containsExactly("1", "1-extended", "2", "3");
    }

    @Test
    void aRetriedBidIsFoundAgainAndItsKeyIsNotReusedForAnotherAmount() {
        Instant now = Instant.now();
        String lotId = LotId.next(now).value();
        String buyer = fresh("chifeng-feed");
        String rival = fresh("baotou-steel");
        lots.insert(TradingFixtures.atAuction(lotId, now, now.plusSeconds(3600), Duration.ZERO,
                List.of(buyer, rival)));
        String path = "/api/v1/catalog/trading/auctions/" + lotId + "/bids";
        String token = TestIdentities.partner(buyer);

        var first = http.post(path, "{\"amountYuan\":945000.00}", IdentityToken.HEADER, token,
                "Idempotency-Key", "muge-bid-1");
        var retried = http.post(path, "{\"amountYuan\":945000.00}", IdentityToken.HEADER, token,
                "Idempotency-Key", "muge-bid-1");
        var reused = http.post(path, "{\"amountYuan\":995000.00}", IdentityToken.HEADER, token,
                "Idempotency-Key", "muge-bid-1");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(201);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(retried).path("placedAt").asString()).isEqualTo(json(first).path("placedAt").asString());
        assertThat(reused.statusCode()).as(reused.body()).isEqualTo(409);
        assertThat(problemType(reused)).endsWith("/idempotency-key-reused");
        assertThat(lots.findById(lotId).orElseThrow().bids()).hasSize(1);
        var samePrice = bid(lotId, rival, new BigDecimal("945000.00"));
        assertThat(samePrice.statusCode()).as("no two accepted bids at one price").isEqualTo(409);
    }

    @Test
    void aCrashAfterTheWinningBidLosesNothingAndManySweepsAtOnceWriteOneDeal() throws Exception {
        // The state a crash right after accepting the winning bid leaves: the close is past, no deal written yet.
        Instant now = Instant.now();
        String lotId = LotId.next(now).value();
        Lot lot = TradingFixtures.atAuction(lotId, now, now.plusMillis(300), Duration.ZERO,
                List.of("chifeng-muge-feed", "baotou-steel-union", "ordos-coal"));
        lots.insert(lot);
        assertThat(lots.placeBid(lotId, TradingFixtures.bid(lot, "baotou-steel-union", 94_500_000L, now, "w"),
                5_000_000L, Duration.ZERO)).isPresent();
        await().atMost(Duration.ofSeconds(2)).until(() -> Instant.now().isAfter(now.plusMillis(300)));

        List<CompletableFuture<Boolean>> sweeps = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                sweeps.add(CompletableFuture.supplyAsync(() -> desk.advance(lotId), pool));
            }
        }
        sweeps.forEach(CompletableFuture::join);

        Lot closed = lots.findById(lotId).orElseThrow();
        assertThat(closed.status()).isIn(LotStatus.PUBLICATION, LotStatus.FINAL);
        assertThat(closed.buyerInstitutionId()).isEqualTo("baotou-steel-union");
        assertThat(closed.priceFen()).isEqualTo(94_500_000L);
        assertThat(events(lotId, DealConcluded.CONTRACT.type(), 1)).hasSize(1);
        assertThat(events(lotId, DepositReleased.CONTRACT.type(), 2)).extracting(r -> EventJson.read(r.value(),
                DepositReleased.class).buyerInstitutionId())
                .containsExactlyInAnyOrder("chifeng-muge-feed", "ordos-coal");
        assertThat(desk.advance(lotId) && closed.status() == LotStatus.PUBLICATION).as("nothing left to close")
                .isFalse();
    }

    @Test
    void aFinalDealMovesItsAchievementOnceHoweverOftenTheStepIsRepeated() {
        String owner = fresh("imau");
        String achievementId = listings.published(owner, "杜蒙羊新品种选育技术");

        assertThat(catalog.underNegotiationForDeal(achievementId, "lot-0193a9d41c00-3e5f7a21")).isTrue();
        assertThat(catalog.underNegotiationForDeal(achievementId, "lot-0193a9d41c00-3e5f7a21")).isFalse();
        assertThat(json(http.get("/api/v1/catalog/achievements/" + achievementId + "/history", IdentityToken.HEADER,
                TestIdentities.operator())).findValuesAsString("action"))
                .filteredOn("START_NEGOTIATION"::equals).hasSize(1);
    }

    @Test
    void anOwnerWithdrawsAListingOnlyOnceItsLotHasEnded() {
        String owner = fresh("imut");
        String achievementId = listings.published(owner, "褐煤提质与低阶煤分级利用技术");
        Instant registrationEnds = Instant.now().plusSeconds(3);
        String lotId = lot(achievementId, owner, registrationEnds, registrationEnds.plusSeconds(600), null, 300);
        var refused = listings.step(achievementId, "WITHDRAW", "学校决定自行转化", TestIdentities.partner(owner));
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(409);
        assertThat(refused.body()).contains("listing-held").contains(lotId);
        assertThat(json(http.get("/api/v1/catalog/achievements/" + achievementId, IdentityToken.HEADER,
                TestIdentities.operator())).path("status").asString()).isEqualTo("PUBLISHED");

        // no buyer registered: the lot ends unsold, and the listing is the owner's to withdraw again
        awaitStatus(lotId, "UNSOLD", Duration.ofSeconds(30));
        var withdrawn = listings.step(achievementId, "WITHDRAW", "学校决定自行转化", TestIdentities.partner(owner));
        assertThat(withdrawn.statusCode()).as(withdrawn.body()).isEqualTo(200);
    }

    @Test
    void whoMayListRegisterAndRecordAndWhatBadInputGets() {
        String owner = fresh("imut");
        String achievementId = listings.published(owner, "PBAT 可降解地膜");
        String draft = listings.draft(owner, "高炉泥炮自动装炮泥机器人");
        Instant ends = Instant.now().plusSeconds(600);
        String valid = lotBody(ends, ends.plusSeconds(600), null, 300);

        assertThat(listForSale(achievementId, valid, TestIdentities.partner(fresh("other"))).statusCode())
                .isEqualTo(403);
        assertThat(listForSale(achievementId, valid, TestIdentities.token(new CallerIdentity("ordos-sc",
                Role.SUB_CENTER, null, "150600"))).statusCode()).as("another league-city's sub-center")
                .isEqualTo(403);
        assertThat(listForSale(draft, valid, TestIdentities.partner(owner)).statusCode()).isIn(404, 409);
        var past = listForSale(achievementId, lotBody(Instant.now().minusSeconds(5), ends, null, 300),
                TestIdentities.partner(owner));
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).contains("registrationEndsAt");
        var fine = listForSale(achievementId, valid.replace("1000000.00", "1000000.005"),
                TestIdentities.partner(owner));
        assertThat(fine.statusCode()).isEqualTo(400);
        assertThat(fine.body()).contains("startingPriceYuan");
        var reserveLow = listForSale(achievementId, lotBody(ends, ends.plusSeconds(600), "900000.00", 300),
                TestIdentities.partner(owner));
        assertThat(reserveLow.statusCode()).isEqualTo(400);
        assertThat(reserveLow.body()).contains("reserveYuan");
        var missing = listForSale(achievementId, "{\"transferMode\":\"ASSIGNMENT\"}", TestIdentities.partner(owner));
        assertThat(missing.statusCode()).isEqualTo(400);
        assertThat(missing.body()).contains("startingPriceYuan");

        String lotId = lot(achievementId, owner, ends, ends.plusSeconds(600), null, 300);
        assertThat(listForSale(achievementId, valid, TestIdentities.partner(owner)).statusCode())
                .as("one open lot per achievement").isEqualTo(409);
        assertThat(http.post(LOTS + lotId + "/registrations", null, IdentityToken.HEADER,
                TestIdentities.partner(owner)).statusCode()).as("the owner does not buy").isEqualTo(403);
        assertThat(http.post(LOTS + lotId + "/registrations", null, IdentityToken.HEADER,
                TestIdentities.token(new CallerIdentity("boimc-leads", Role.FINANCE_INSTITUTION, "boimc", "150100")))
                .statusCode()).isEqualTo(403);
        String buyer = fresh("chifeng-feed");
        qualified(lotId, buyer, false);
        assertThat(http.post(LOTS + lotId + "/deposit-payments", """
                {"institutionId":"%s","amountYuan":50000.00,"reference":"ESC-1"}""".formatted(buyer),
                IdentityToken.HEADER, TestIdentities.partner(buyer)).statusCode()).isEqualTo(403);
        var wrongAmount = http.post(LOTS + lotId + "/deposit-payments", """
                {"institutionId":"%s","amountYuan":40000.00,"reference":"ESC-1"}""".formatted(buyer),
                IdentityToken.HEADER, TestIdentities.operator());
        assertThat(wrongAmount.statusCode()).isEqualTo(400);
        assertThat(wrongAmount.body()).contains("amountYuan");
        assertThat(http.get(LOTS + "lot-0000000000ff-00000000", IdentityToken.HEADER,
                TestIdentities.operator()).statusCode()).isEqualTo(404);
        var bidOnUnknown = bid("lot-0000000000ff-00000000", buyer, new BigDecimal("1000000.00"));
        assertThat(bidOnUnknown.statusCode()).isEqualTo(404);
        var notJson = http.post("/api/v1/catalog/trading/auctions/" + lotId + "/bids", "{\"amountYuan\":\"many\"}",
                IdentityToken.HEADER, TestIdentities.partner(buyer), "Idempotency-Key", "k-1");
        assertThat(notJson.statusCode()).isEqualTo(400);
        assertThat(http.get("/api/v1/catalog/trading/statistics", IdentityToken.HEADER,
                TestIdentities.partner(owner)).statusCode()).isEqualTo(403);
    }

    @Test
    void statisticsCountLotsSoldRateAndPremiumByChain() {
        String owner = fresh("nmgu");
        String achievementId = listings.published(owner, "巴麦13号");
        String buyer = fresh("bayannur-seeds");
        String lotId = lot(achievementId, owner, Instant.now().plusSeconds(2), Instant.now().plusSeconds(60), null,
                60);
        qualified(lotId, buyer, true);
        awaitStatus(lotId, "PUBLICATION", Duration.ofSeconds(15));

        var statistics = http.get("/api/v1/catalog/trading/statistics?by=CHAIN", IdentityToken.HEADER,
                TestIdentities.operator());
        assertThat(statistics.statusCode()).as(statistics.body()).isEqualTo(200);
        JsonNode rareEarths = null;
        for (JsonNode row : json(statistics).path("rows")) {
            if (row.path("key").asString().equals("RARE_EARTHS")) {
                rareEarths = row;
            }
        }
        assertThat(rareEarths).isNotNull();
        assertThat(rareEarths.path("sold").asLong()).isPositive();
        assertThat(rareEarths.path("lots").asLong()).isGreaterThanOrEqualTo(rareEarths.path("decided").asLong());
        assertThat(rareEarths.path("finalPriceYuan").decimalValue())
                .isGreaterThanOrEqualTo(rareEarths.path("startingPriceYuan").decimalValue());
        Set<String> keys = new HashSet<>(json(statistics).path("rows").findValuesAsString("key"));
        assertThat(keys).contains("RARE_EARTHS");
    }

    @Test
    void statisticsAreTheStoresSumsOfEveryLotOfASession() {
        // Three lots of one session of their own, settled by the lot's own steps: one sold by agreement at its
        // starting price, one sold at auction two increments above it, one unsold without a qualified buyer.
        String session = SessionId.next(Instant.now()).value();
        Instant now = Instant.now();
        Lot byAgreement = TradingFixtures.atAuction(LotId.next(now).value(), now, now.plusSeconds(3600),
                Duration.ZERO, List.of("bayannur-seeds"), session);
        Lot atAuction = TradingFixtures.atAuction(LotId.next(now).value(), now, now.plusSeconds(3600),
                Duration.ZERO, List.of("bayannur-seeds", "chifeng-muge-feed"), session);
        atAuction.accept(TradingFixtures.bid(atAuction, "bayannur-seeds", 89_500_000L, now, "b1"));
        atAuction.accept(TradingFixtures.bid(atAuction, "chifeng-muge-feed", 99_500_000L, now.plusMillis(1), "b2"));
        assertThat(atAuction.advance(now.plusSeconds(3600), Duration.ofDays(5))).isTrue();
        Lot unsold = TradingFixtures.atAuction(LotId.next(now).value(), now, now.plusSeconds(3600), Duration.ZERO,
                List.of(), session);
        assertThat(List.of(byAgreement.status(), atAuction.status(), unsold.status()))
                .containsExactly(LotStatus.PUBLICATION, LotStatus.PUBLICATION, LotStatus.UNSOLD);
        lots.insert(List.of(byAgreement, atAuction, unsold));

        var statistics = http.get("/api/v1/catalog/trading/statistics?by=SESSION", IdentityToken.HEADER,
                TestIdentities.operator());
        assertThat(statistics.statusCode()).as(statistics.body()).isEqualTo(200);
        JsonNode row = null;
        for (JsonNode candidate : json(statistics).path("rows")) {
            if (candidate.path("key").asString().equals(session)) {
                row = candidate;
            }
        }
        assertThat(row).as(statistics.body()).isNotNull();
        assertThat(row.path("lots").asLong()).isEqualTo(3);
        assertThat(row.path("decided").asLong()).isEqualTo(3);
        assertThat(row.path("sold").asLong()).isEqualTo(2);
        assertThat(row.path("soldRate").decimalValue()).isEqualByComparingTo("0.6667");
        assertThat(row.path("startingPriceYuan").decimalValue()).isEqualByComparingTo("1790000.00");
        assertThat(row.path("finalPriceYuan").decimalValue()).isEqualByComparingTo("1890000.00");
        assertThat(row.path("premiumPercent").decimalValue()).as("100,000 over 1,790,000").isEqualByComparingTo("5.6");
    }
}
