package org.mengkeju.catalog.inquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mengkeju.catalog.inquiry.Listings.assertFieldProblem;
import static org.mengkeju.catalog.inquiry.Listings.assertProblem;
import static org.mengkeju.catalog.inquiry.Listings.await;
import static org.mengkeju.catalog.inquiry.Listings.key;
import static org.mengkeju.platform.test.TestHttp.json;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.EventSchemas;
import org.mengkeju.events.Topics;
import org.mengkeju.events.catalog.InquiryAnswered;
import org.mengkeju.events.catalog.InquiryOpened;
import org.mengkeju.platform.identity.CallerIdentity;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.identity.Role;
import org.mengkeju.platform.messaging.CloudEventHeaders;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.mengkeju.platform.test.TopicReader;
import org.mengkeju.platform.web.ApiProblem;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import tools.jackson.databind.JsonNode;

/** Price inquiries through the API: who asks, who answers, who sees the thread, and what leaves through the outbox. */
@ServiceIntegrationTest
class InquiryApiTest {

    static final String QUESTION = "许可方式下首年许可费和提成比例如何？/ What are the licence fee and the royalty?";

    @Value("${local.server.port}")
    int port;
    @Value("${spring.embedded.kafka.brokers}")
    String kafka;
    @Autowired
    InquiryDesk desk;
    TestHttp http;
    Listings listings;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
        listings = new Listings(port);
    }

    static String bank(String institution) {
        return TestIdentities.token(new CallerIdentity(institution + "-leads", Role.FINANCE_INSTITUTION, institution,
                "150100"));
    }

    static String bankBranch(String institution) {
        return TestIdentities.token(new CallerIdentity(institution + "-baotou", Role.FINANCE_INSTITUTION,
                institution, "150200"));
    }

    static String broker(String client) {
        return TestIdentities.token(new CallerIdentity(client, Role.BROKER, null, "150100"));
    }

    static String subCenter() {
        return TestIdentities.token(new CallerIdentity("ordos-sub-center", Role.SUB_CENTER, null, "150600"));
    }

    @Test
    void aBankAsksTheOwnerAnswersBothFollowUpAndOnlyWhoAskedAndWhenLeavesThroughTheOutbox() {
        String owner = Listings.freshInstitution("imut");
        String id = listings.published(owner, "稀土永磁同步电机高效控制技术");
        String boimc = Listings.freshInstitution("boimc");

        var asked = ask(id, "{\"question\":\"" + QUESTION + "\"}", bank(boimc), key());
        assertThat(asked.statusCode()).as(asked.body()).isEqualTo(201);
        String inquiryId = json(asked).path("inquiryId").asString();
        assertThat(asked.headers().firstValue("Location")).hasValue(thread(id, inquiryId));
        assertThat(json(asked).path("status").asString()).isEqualTo("AWAITING_ANSWER");
        assertThat(json(asked).path("ownerInstitutionId").asString()).isEqualTo(owner);
        assertThat(json(asked).path("achievementTitle").asString()).isEqualTo("稀土永磁同步电机高效控制技术");

        var answered = post(id, inquiryId, "首年许可费80万元，此后按销售额3%提成。", TestIdentities.partner(owner), key());
        assertThat(json(answered).path("status").asString()).isEqualTo("ANSWERED");
        assertThat(json(answered).path("answers").asInt()).isEqualTo(1);
        var followUp = post(id, inquiryId, "能否分期支付？", bankBranch(boimc), key());
        assertThat(json(followUp).path("status").asString()).as("the owner's move again").isEqualTo("AWAITING_ANSWER");
        post(id, inquiryId, "可以，分两期支付。", TestIdentities.partner(owner), key());
        post(id, inquiryId, "平台已安排双方下周面谈。", TestIdentities.operator(), key());

        for (String reader : List.of(bank(boimc), TestIdentities.partner(owner), TestIdentities.operator())) {
            var read = http.get(thread(id, inquiryId), IdentityToken.HEADER, reader);
            assertThat(read.statusCode()).isEqualTo(200);
            assertThat(json(read).path("messages").findValuesAsString("side"))
                    .containsExactly("BUYER", "OWNER", "BUYER", "OWNER", "PLATFORM");
            assertThat(json(read).path("messages").get(0).path("text").asString()).isEqualTo(QUESTION);
            assertThat(json(read).path("messages").get(2).path("author").asString()).isEqualTo(boimc + "-baotou");
            assertThat(json(read).path("status").asString()).isEqualTo("ANSWERED");
        }

        List<ConsumerRecord<String, String>> events = TopicReader.await(kafka, Topics.CATALOG_INQUIRIES,
                r -> inquiryId.equals(r.key()), Duration.ofSeconds(30), 3);
        assertThat(events).extracting(r -> TopicReader.header(r, CloudEventHeaders.TYPE)).containsExactly(
                InquiryOpened.CONTRACT.type(), InquiryAnswered.CONTRACT.type(), InquiryAnswered.CONTRACT.type());
        assertThat(events).allSatisfy(r -> {
            assertThat(r.value()).doesNotContain("许可费").doesNotContain("分期");
            assertThat(EventSchemas.violations(
                    TopicReader.header(r, CloudEventHeaders.TYPE).equals(InquiryOpened.CONTRACT.type())
                            ? InquiryOpened.CONTRACT : InquiryAnswered.CONTRACT, r.value())).isEmpty();
        });
        InquiryOpened opened = EventJson.readChecked(InquiryOpened.CONTRACT, events.get(0).value());
        assertThat(opened.buyerRole()).isEqualTo("FINANCE_INSTITUTION");
        assertThat(opened.buyerInstitutionId()).isEqualTo(boimc);
        assertThat(opened.achievementId()).isEqualTo(id);
        assertThat(opened.sessionId()).isNull();
        assertThat(EventJson.readChecked(InquiryAnswered.CONTRACT, events.get(2).value()).answerNumber()).isEqualTo(2);
    }

    @Test
    void nobodyButTheTwoSidesAndTheOperatorsSeesOrWritesTheThread() {
        String owner = Listings.freshInstitution("imut");
        String id = listings.published(owner, "玉米皮菌体蛋白生物发酵饲料");
        String boimc = Listings.freshInstitution("boimc");
        String inquiryId = json(ask(id, "{\"question\":\"价格可议吗？\"}", bank(boimc), key())).path("inquiryId")
                .asString();

        List<String> strangers = List.of(TestIdentities.partner("imu"), bank(Listings.freshInstitution("picc")),
                broker("broker-wang"), subCenter());
        for (String stranger : strangers) {
            assertProblem(http.get(thread(id, inquiryId), IdentityToken.HEADER, stranger), 404, "not-found",
                    inquiryId);
            assertProblem(post(id, inquiryId, "我也想问", stranger, key()), 404, "not-found", inquiryId);
        }
        String other = listings.published(owner, "微变雷达");
        assertProblem(http.get(thread(other, inquiryId), IdentityToken.HEADER, bank(boimc)), 404, "not-found",
                inquiryId);
        assertProblem(http.get(thread(id, "inq-000000000000-00000000"), IdentityToken.HEADER,
                TestIdentities.operator()), 404, "not-found", "inq-000000000000-00000000");

        assertProblem(http.get(inquiries(id), IdentityToken.HEADER, bank(boimc)), 403, "forbidden",
                "owner's transfer office");
        assertProblem(http.get(inquiries(id), IdentityToken.HEADER, TestIdentities.partner("imu")), 403,
                "forbidden", "owner's transfer office");
        assertThat(ids(http.get(inquiries(id), IdentityToken.HEADER, TestIdentities.partner(owner))))
                .containsExactly(inquiryId);
        assertThat(ids(http.get(inquiries(id), IdentityToken.HEADER, TestIdentities.operator())))
                .containsExactly(inquiryId);
        var thread = json(http.get(thread(id, inquiryId), IdentityToken.HEADER, TestIdentities.partner(owner)));
        assertThat(thread.path("messages")).hasSize(1);
    }

    @Test
    void partnersOfOtherInstitutionsBanksBrokersAndTheServiceDeskAskButNotTheOwnerOrASubCenter() {
        String owner = Listings.freshInstitution("imut");
        String id = listings.published(owner, "PBAT 可降解地膜");
        String body = "{\"question\":\"是否支持独占许可？\"}";

        assertThat(ask(id, body, TestIdentities.partner("imau"), key()).statusCode()).isEqualTo(201);
        assertThat(ask(id, body, broker("broker-zhao"), key()).statusCode()).isEqualTo(201);
        var desk = ask(id, body, TestIdentities.operator(), key());
        assertThat(desk.statusCode()).isEqualTo(201);
        assertThat(json(desk).path("buyerRole").asString()).isEqualTo("OPERATOR");

        assertProblem(ask(id, body, TestIdentities.partner(owner), key()), 403, "forbidden", "owns achievement");
        assertProblem(ask(id, body, subCenter(), key()), 403, "forbidden", "sub-centers");
        assertThat(ids(http.get(inquiries(id), IdentityToken.HEADER, TestIdentities.partner(owner)))).hasSize(3);
    }

    @Test
    void aListingNotOnOfferIsRefusedWithA409NamingItsStatusAndNothingIsWritten() {
        String owner = Listings.freshInstitution("imut");
        String body = "{\"question\":\"还能谈吗？\"}";
        String bank = bank(Listings.freshInstitution("boimc"));

        String transacted = listings.published(owner, "煤基固废低碳利用技术");
        listings.took(transacted, "TRANSACT", null, TestIdentities.operator());
        assertProblem(ask(transacted, body, bank, key()), 409, "achievement-not-on-offer", "TRANSACTED");

        String withdrawn = listings.published(owner, "高炉泥炮自动装炮泥机器人");
        listings.took(withdrawn, "WITHDRAW", "技术路线调整", TestIdentities.partner(owner));
        assertProblem(ask(withdrawn, body, bank, key()), 409, "achievement-not-on-offer", "WITHDRAWN");
        assertProblem(ask(withdrawn, body, TestIdentities.operator(), key()), 409, "achievement-not-on-offer",
                "WITHDRAWN");

        String draft = listings.draft(owner, "巴麦13号");
        assertProblem(ask(draft, body, bank, key()), 404, "not-found", draft);
        assertProblem(ask(draft, body, TestIdentities.operator(), key()), 409, "achievement-not-on-offer", "DRAFT");
        assertProblem(ask("ach-0000000000000000", body, bank, key()), 404, "not-found", "ach-0000000000000000");

        for (String id : List.of(transacted, withdrawn, draft)) {
            assertThat(ids(http.get(inquiries(id), IdentityToken.HEADER, TestIdentities.operator()))).isEmpty();
        }

        String negotiating = listings.published(owner, "杜蒙羊");
        listings.took(negotiating, "START_NEGOTIATION", null, TestIdentities.partner(owner));
        assertThat(ask(negotiating, body, bank, key()).statusCode()).as("still on offer").isEqualTo(201);
    }

    @Test
    void aRetriedAskReturnsTheFirstInquiryAndTheSameKeyForAnotherQuestionIsAConflict() {
        String owner = Listings.freshInstitution("imut");
        String id = listings.published(owner, "胡芪降脂胶囊");
        String bank = bank(Listings.freshInstitution("boimc"));
        String key = key();

        var first = ask(id, "{\"question\":\"临床批件情况如何？\"}", bank, key);
        var retry = ask(id, "{ \"question\" : \"临床批件情况如何？\" }", bank, key);
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(json(retry).path("inquiryId").asString()).isEqualTo(json(first).path("inquiryId").asString());

        assertProblem(ask(id, "{\"question\":\"价格多少？\"}", bank, key), 409, "idempotency-key-reused", key);
        assertThat(ids(http.get(inquiries(id), IdentityToken.HEADER, TestIdentities.operator()))).hasSize(1);
    }

    /**
     * The stored first response is the usual answer to a retry; when a create ran but its response was never stored
     * (a crash in between), the unique (client, key) index of the inquiries is what answers the retry.
     */
    @Test
    void withoutTheStoredResponseTheUniqueKeyStillOpensOneInquiryPerKey() {
        String owner = Listings.freshInstitution("imut");
        String id = listings.published(owner, "中试综合保险配套工艺");
        var bank = new CallerIdentity("boimc-leads", Role.FINANCE_INSTITUTION, Listings.freshInstitution("boimc"),
                "150100");
        String key = key();

        var first = desk.open(bank, key, id, "中试阶段是否有保险？", null);
        var retry = desk.open(bank, key, id, "  中试阶段是否有保险？ ", null);

        assertThat(first.replayed()).isFalse();
        assertThat(retry.replayed()).isTrue();
        assertThat(retry.inquiry().id()).isEqualTo(first.inquiry().id());
        assertThatThrownBy(() -> desk.open(bank, key, id, "价格多少？", null)).isInstanceOf(ApiProblem.class)
                .hasMessageContaining(first.inquiry().id());
        assertThat(ids(http.get(inquiries(id), IdentityToken.HEADER, TestIdentities.operator())))
                .containsExactly(first.inquiry().id());
    }

    @Test
    void concurrentAsksWithOneKeyOpenOneInquiry() throws Exception {
        String owner = Listings.freshInstitution("imut");
        String id = listings.published(owner, "华蒙肉羊");
        String bank = bank(Listings.freshInstitution("boimc"));
        String key = key();
        var barrier = new CyclicBarrier(8);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> {
                await(barrier);
                return ask(id, "{\"question\":\"种羊供应量？\"}", bank, key);
            }));
        }

        var statuses = new HashSet<Integer>();
        var inquiryIds = new HashSet<String>();
        for (var call : calls) {
            HttpResponse<String> response = call.get();
            statuses.add(response.statusCode());
            if (response.statusCode() == 201) {
                inquiryIds.add(json(response).path("inquiryId").asString());
            } else {
                assertProblem(response, 409, "request-in-progress", key);
            }
        }
        assertThat(statuses).contains(201);
        assertThat(inquiryIds).hasSize(1);
        assertThat(ids(http.get(inquiries(id), IdentityToken.HEADER, TestIdentities.operator())))
                .containsExactlyElementsOf(inquiryIds);
    }

    @Test
    void answersAndFollowUpsPostedAtOnceAllLandNumberedInOneOrder() throws Exception {
        String owner = Listings.freshInstitution("imut");
        String id = listings.published(owner, "稀土硫化物着色剂");
        String boimc = Listings.freshInstitution("boimc");
        String inquiryId = json(ask(id, "{\"question\":\"色牢度指标？\"}", bank(boimc), key())).path("inquiryId")
                .asString();
        var barrier = new CyclicBarrier(10);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String token = i % 2 == 0 ? TestIdentities.partner(owner) : bank(boimc);
            String text = (i % 2 == 0 ? "答复 " : "追问 ") + i;
            calls.add(CompletableFuture.supplyAsync(() -> {
                await(barrier);
                return post(id, inquiryId, text, token, key());
            }));
        }
        for (var call : calls) {
            assertThat(call.get().statusCode()).as(call.get().body()).isEqualTo(200);
        }

        JsonNode thread = json(http.get(thread(id, inquiryId), IdentityToken.HEADER, TestIdentities.operator()));
        assertThat(thread.path("messages")).hasSize(11);
        List<Integer> numbers = new ArrayList<>();
        thread.path("messages").forEach(m -> numbers.add(m.path("number").asInt()));
        assertThat(numbers).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        assertThat(thread.path("answers").asInt()).isEqualTo(5);
        var answered = TopicReader.await(kafka, Topics.CATALOG_INQUIRIES, r -> inquiryId.equals(r.key())
                && InquiryAnswered.CONTRACT.type().equals(TopicReader.header(r, CloudEventHeaders.TYPE)),
                Duration.ofSeconds(30), 5);
        assertThat(answered).extracting(r -> EventJson.read(r.value(), InquiryAnswered.class).answerNumber())
                .containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void aRetriedMessageIsPostedOnce() {
        String owner = Listings.freshInstitution("imut");
        String id = listings.published(owner, "微变雷达边坡监测");
        String inquiryId = json(ask(id, "{\"question\":\"监测精度？\"}", broker("broker-sun"), key()))
                .path("inquiryId").asString();
        String key = key();

        assertThat(post(id, inquiryId, "亚毫米级。", TestIdentities.partner(owner), key).statusCode()).isEqualTo(200);
        var retry = post(id, inquiryId, "亚毫米级。", TestIdentities.partner(owner), key);
        assertThat(retry.statusCode()).isEqualTo(200);
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertProblem(post(id, inquiryId, "毫米级。", TestIdentities.partner(owner), key), 409, "idempotency-key-reused",
                key);

        var thread = json(http.get(thread(id, inquiryId), IdentityToken.HEADER, broker("broker-sun")));
        assertThat(thread.path("messages")).hasSize(2);
        assertThat(thread.path("answers").asInt()).isEqualTo(1);
    }

    @Test
    void badInputIsA400NamingTheFieldAndA5MegabyteQuestionA413AndNothingIsWritten() throws Exception {
        String owner = Listings.freshInstitution("imut");
        String id = listings.published(owner, "储能电池热管理技术");
        String bank = bank(Listings.freshInstitution("boimc"));

        assertFieldProblem(ask(id, "{}", bank, key()), "question");
        assertFieldProblem(ask(id, "{\"question\":\"   \"}", bank, key()), "question");
        assertFieldProblem(ask(id, "{\"question\":[\"价格？\"]}", bank, key()), "question");
        assertFieldProblem(ask(id, "{\"question\":\"" + "问".repeat(4001) + "\"}", bank, key()), "question");
        assertFieldProblem(ask(id, "{\"question\":\"价格？\",\"sessionId\":42}", bank, key()), "sessionId");
        assertFieldProblem(ask(id, "{\"question\":\"价格？\",\"sessionId\":\"roadshow-1\"}", bank, key()),
                "sessionId");
        assertFieldProblem(ask(id, "{\"question\":\"价格？\",\"price\":1}", bank, key()), "price");
        assertProblem(ask(id, "{\"question\":\"价格？\",\"sessionId\":\"ses-000000000000-00000000\"}", bank, key()),
                400, "unknown-session", "ses-000000000000-00000000");
        var noKey = http.post(inquiries(id), "{\"question\":\"价格？\"}", IdentityToken.HEADER, bank);
        assertFieldProblem(noKey, "Idempotency-Key");

        String huge = listings.rawPost(inquiries(id), bank, key(), Listings.hugeJson("question", 5));
        assertThat(huge).startsWith("HTTP/1.1 413").contains("application/problem+json").contains("body-too-large");

        assertThat(ids(http.get(inquiries(id), IdentityToken.HEADER, TestIdentities.operator()))).isEmpty();

        String inquiryId = json(ask(id, "{\"question\":\"价格？\"}", bank, key())).path("inquiryId").asString();
        assertFieldProblem(post(id, inquiryId, "", TestIdentities.partner(owner), key()), "text");
        assertFieldProblem(http.post(thread(id, inquiryId) + "/messages", "{\"text\":{\"zh\":\"价格\"}}",
                IdentityToken.HEADER, TestIdentities.partner(owner), "Idempotency-Key", key()), "text");
        assertThat(json(http.get(thread(id, inquiryId), IdentityToken.HEADER, bank)).path("messages")).hasSize(1);
    }

    @Test
    void eachSideListsItsOwnInquiriesPageByPageInTheOrderTheyCameIn() {
        String owner = Listings.freshInstitution("imut");
        String boimc = Listings.freshInstitution("boimc");
        List<String> asked = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            String id = listings.published(owner, "乳业菌种 " + i);
            asked.add(json(ask(id, "{\"question\":\"菌种保藏条件？\"}", i % 2 == 0 ? bank(boimc) : bankBranch(boimc),
                    key())).path("inquiryId").asString());
        }
        ask(listings.published(owner, "草种 1"), "{\"question\":\"发芽率？\"}", broker("broker-qian"), key());

        var first = http.get("/api/v1/catalog/inquiries?limit=2", IdentityToken.HEADER, bank(boimc));
        assertThat(ids(first)).containsExactlyElementsOf(asked.subList(0, 2));
        String next = json(first).path("next").asString();
        var second = http.get("/api/v1/catalog/inquiries?limit=2&after=" + next, IdentityToken.HEADER,
                bankBranch(boimc));
        assertThat(ids(second)).containsExactlyElementsOf(asked.subList(2, 4));
        var last = http.get("/api/v1/catalog/inquiries?limit=2&after=" + json(second).path("next").asString(),
                IdentityToken.HEADER, bank(boimc));
        assertThat(ids(last)).containsExactlyElementsOf(asked.subList(4, 5));
        assertThat(json(last).path("next").isNull() || json(last).path("next").isMissingNode()).isTrue();
        assertThat(json(first).path("items").get(0).path("messages").asInt()).isEqualTo(1);

        var received = http.get("/api/v1/catalog/inquiries/received?limit=100", IdentityToken.HEADER,
                TestIdentities.partner(owner));
        assertThat(ids(received)).hasSize(6).containsAll(asked);
        String answeredOne = asked.get(1);
        String itsListing = json(http.get("/api/v1/catalog/inquiries/received?limit=100", IdentityToken.HEADER,
                TestIdentities.partner(owner))).path("items").get(1).path("achievementId").asString();
        post(itsListing, answeredOne, "保藏温度-80℃。", TestIdentities.partner(owner), key());
        var awaiting = http.get("/api/v1/catalog/inquiries/received?status=AWAITING_ANSWER&limit=100",
                IdentityToken.HEADER, TestIdentities.partner(owner));
        assertThat(ids(awaiting)).hasSize(5).doesNotContain(answeredOne);
        assertThat(ids(http.get("/api/v1/catalog/inquiries?status=ANSWERED", IdentityToken.HEADER, bank(boimc))))
                .containsExactly(answeredOne);
        assertThat(ids(http.get(inquiries(itsListing) + "?status=ANSWERED", IdentityToken.HEADER,
                TestIdentities.partner(owner)))).containsExactly(answeredOne);
        assertFieldProblem(http.get("/api/v1/catalog/inquiries?status=LATE", IdentityToken.HEADER, bank(boimc)),
                "status");
        assertProblem(http.get("/api/v1/catalog/inquiries/received", IdentityToken.HEADER, bank(boimc)), 403,
                "forbidden", "owns no listings");
        assertProblem(http.get("/api/v1/catalog/inquiries", IdentityToken.HEADER, subCenter()), 403, "forbidden",
                "does not ask");
        assertThat(http.get("/api/v1/catalog/inquiries?limit=0", IdentityToken.HEADER, bank(boimc)).statusCode())
                .isEqualTo(400);
        assertThat(http.get("/api/v1/catalog/inquiries?limit=101", IdentityToken.HEADER, bank(boimc)).statusCode())
                .isEqualTo(400);
        assertFieldProblem(http.get("/api/v1/catalog/inquiries?after=x", IdentityToken.HEADER, bank(boimc)), "after");
    }

    // ---- calls

    private HttpResponse<String> ask(String achievementId, String body, String token, String key) {
        return http.post(inquiries(achievementId), body, IdentityToken.HEADER, token, "Idempotency-Key", key);
    }

    private HttpResponse<String> post(String achievementId, String inquiryId, String text, String token,
            String key) {
        return http.post(thread(achievementId, inquiryId) + "/messages", "{\"text\":\"" + text + "\"}",
                IdentityToken.HEADER, token, "Idempotency-Key", key);
    }

    static String inquiries(String achievementId) {
        return Listings.ACHIEVEMENTS + "/" + achievementId + "/inquiries";
    }

    static String thread(String achievementId, String inquiryId) {
        return inquiries(achievementId) + "/" + inquiryId;
    }

    static List<String> ids(HttpResponse<String> page) {
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        json(page).path("items").forEach(item -> ids.add(item.path("inquiryId").asString()));
        return ids;
    }
}
