package org.mengkeju.catalog.achievement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mengkeju.platform.test.TestHttp.json;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.mengkeju.platform.identity.IdentityToken;
import org.mengkeju.platform.test.ServiceIntegrationTest;
import org.mengkeju.platform.test.TestHttp;
import org.mengkeju.platform.test.TestIdentities;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/** The service's own edge: body limit, strict JSON, parameter rules, unknown paths, and replayed creates. */
@ServiceIntegrationTest
class AchievementEdgeTest {

    static final String FEED = """
            {"title":"玉米皮菌体蛋白生物发酵饲料","industryChain":"MODERN_AGRICULTURE","maturity":"INDUSTRIALISED",
             "transferModes":["LICENCE","ASSIGNMENT"],"askingPriceYuan":5}""";

    @Value("${local.server.port}")
    int port;
    @Autowired
    MongoTemplate mongo;
    TestHttp http;

    @BeforeEach
    void setUp() {
        http = TestHttp.localPort(port);
    }

    // ---- item 2: a body larger than the service accepts

    @Test
    void aDeclaredLargeBodyIsRefusedWith413BeforeItIsReadAndTheServiceStillAnswers() throws Exception {
        // 45 MB announced; the service must answer without waiting for (or buffering) a byte of it.
        String response = raw("POST /api/v1/catalog/achievements HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + (45 * 1024 * 1024) + "\r\n"
                + "Expect: 100-continue\r\nIdempotency-Key: " + key() + "\r\n"
                + IdentityToken.HEADER + ": " + TestIdentities.partner("imut") + "\r\n\r\n");

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).contains("application/problem+json").contains("body-too-large").contains("requestId");
        assertThat(http.post("/api/v1/catalog/achievements", FEED, asImut(key())).statusCode()).isEqualTo(201);
    }

    @Test
    void aChunkedBodyIsCountedAndRefusedWith413AtTheLimit() throws Exception {
        StringBuilder request = new StringBuilder("POST /api/v1/catalog/achievements HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nIdempotency-Key: " + key()
                + "\r\n" + IdentityToken.HEADER + ": " + TestIdentities.partner("imut") + "\r\n\r\n");
        // A title of 2 MB in 64 KB chunks, no length announced: more than the 1 MB limit.
        String chunk = "a".repeat(64 * 1024);
        String opening = "{\"title\":\"";
        request.append(Integer.toHexString(opening.length())).append("\r\n").append(opening).append("\r\n");
        for (int i = 0; i < 32; i++) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("2\r\n\"}\r\n0\r\n\r\n");

        String response = raw(request.toString());

        assertThat(response).startsWith("HTTP/1.1 413");
        assertThat(response).contains("application/problem+json").contains("body-too-large").contains("requestId");
        assertThat(http.post("/api/v1/catalog/achievements", FEED, asImut(key())).statusCode()).isEqualTo(201);
    }

    // ---- item 3: rules on headers are 400 problems naming the header

    @ParameterizedTest
    @ValueSource(strings = {"with space", "with/slash", "成果-0001",
            "k-0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789"})
    void aBadIdempotencyKeyIsA400NamingTheHeader(String badKey) throws Exception {
        byte[] body = FEED.getBytes(StandardCharsets.UTF_8);
        String response = raw("POST /api/v1/catalog/achievements HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n"
                + "Idempotency-Key: " + badKey + "\r\n"
                + IdentityToken.HEADER + ": " + TestIdentities.partner("imut") + "\r\n\r\n" + FEED);

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).contains("application/problem+json").contains("/problems/invalid-request")
                .contains("\"field\":\"Idempotency-Key\"").contains("\"requestId\"");
    }

    // ---- item 4: unknown paths and malformed URIs

    @Test
    void anUnknownPathIsAPlain404Problem() {
        var response = http.get("/api/v1/catalog/nothing-here", IdentityToken.HEADER, TestIdentities.operator());

        assertProblem(response, 404, "not-found", "no resource");
        assertThat(response.body()).doesNotContainIgnoringCase("static");
    }

    @Test
    void aMalformedPercentEncodingIsA400Problem() throws Exception {
        for (String target : new String[] {"/api/v1/catalog/achievements/%ZZ",
                "/api/v1/catalog/achievements/ach-1?cursor=%ZZ"}) {
            String raw = rawGet(target);
            assertThat(raw).as(target).startsWith("HTTP/1.1 400");
            assertThat(raw).as(target).contains("application/problem+json").contains("requestId");
        }
    }

    @Test
    void headersLargerThanTheServiceAcceptsAreAProblemToo() throws Exception {
        String raw = raw("GET /api/v1/catalog/achievements/ach-1 HTTP/1.1\r\nHost: localhost\r\n"
                + IdentityToken.HEADER + ": " + TestIdentities.operator() + "\r\nIdempotency-Key: "
                + "k".repeat(10_000) + "\r\n\r\n");

        assertThat(raw).startsWith("HTTP/1.1 4");
        assertThat(raw).contains("application/problem+json").contains("requestId");
    }

    // ---- item 5: strict JSON

    @ParameterizedTest
    @ValueSource(strings = {"12345", "true", "1.5", "[\"x\"]", "{\"a\":1}"})
    void aTitleThatIsNotAStringIsRefused(String value) {
        var response = http.post("/api/v1/catalog/achievements",
                FEED.replace("\"玉米皮菌体蛋白生物发酵饲料\"", value), asImut(key()));

        assertProblem(response, 400, "malformed-body", "'title'");
        assertThat(json(response).path("detail").asString()).contains("a string");
    }

    @Test
    void aPriceAsTextAnEnumAsANumberAndANullInASetAreRefusedNamingTheField() {
        assertProblem(http.post("/api/v1/catalog/achievements", FEED.replace("\"askingPriceYuan\":5",
                "\"askingPriceYuan\":\"100\""), asImut(key())), 400, "malformed-body", "'askingPriceYuan' must be a number");
        assertProblem(http.post("/api/v1/catalog/achievements", FEED.replace("\"MODERN_AGRICULTURE\"", "1"),
                asImut(key())), 400, "malformed-body", "industryChain");
        var nullMode = http.post("/api/v1/catalog/achievements",
                FEED.replace("[\"LICENCE\",\"ASSIGNMENT\"]", "[null]"), asImut(key()));
        assertThat(nullMode.statusCode()).isEqualTo(400);
        assertThat(json(nullMode).path("detail").asString()).contains("transferModes").contains("null")
                .doesNotContain("object");
    }

    @Test
    void duplicateKeysAreRefused() {
        var response = http.post("/api/v1/catalog/achievements",
                FEED.replace("{\"title\"", "{\"title\":\"first\",\"title\""), asImut(key()));

        assertProblem(response, 400, "malformed-body", "duplicate field 'title'");
    }

    @Test
    void controlCharactersAndLoneSurrogatesInTextAreRefusedAndNothingIsStored() {
        long before = mongo.getCollection("achievements").countDocuments();
        var nul = http.post("/api/v1/catalog/achievements", FEED.replace("发酵饲料", "发酵\\u0000饲料"), asImut(key()));
        var escape = http.post("/api/v1/catalog/achievements", FEED.replace("发酵饲料", "发酵\\u001b[31m"), asImut(key()));
        var surrogate = http.post("/api/v1/catalog/achievements", FEED.replace("发酵饲料", "\\ud800"), asImut(key()));
        var tabAndNewline = http.post("/api/v1/catalog/achievements",
                FEED.replace("\"title\"", "\"summary\":\"line one\\n\\tline two\",\"title\""), asImut(key()));

        assertProblem(nul, 400, "malformed-body", "'title' contains the control character U+0000");
        assertProblem(escape, 400, "malformed-body", "U+001B");
        assertProblem(surrogate, 400, "malformed-body", "'title' contains an unpaired surrogate U+D800");
        assertThat(tabAndNewline.statusCode()).isEqualTo(201);
        assertThat(mongo.getCollection("achievements").countDocuments()).isEqualTo(before + 1);
    }

    // ---- item 6: replays are replays

    @Test
    void aReplayReturnsTheFirstResponseAsSentNotTheCurrentState() {
        String key = key();
        var first = http.post("/api/v1/catalog/achievements", FEED, asImut(key));
        String id = json(first).path("id").asString();
        http.post("/api/v1/catalog/achievements/" + id + "/steps", "{\"action\":\"SUBMIT\"}", IdentityToken.HEADER,
                TestIdentities.partner("imut"));

        var replay = http.post("/api/v1/catalog/achievements", FEED, asImut(key));

        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replay.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(json(replay)).isEqualTo(json(first));
        assertThat(json(replay).path("status").asString()).isEqualTo("DRAFT");
    }

    @Test
    void theSameRequestWrittenDifferentlyIsAReplay() {
        String key = key();
        var first = http.post("/api/v1/catalog/achievements", FEED, asImut(key));
        String reordered = """
                {"askingPriceYuan":5.00,"transferModes":["ASSIGNMENT","LICENCE"],"maturity":"INDUSTRIALISED",
                 "industryChain":"MODERN_AGRICULTURE","title":"玉米皮菌体蛋白生物发酵饲料"}""";
        var replay = http.post("/api/v1/catalog/achievements", reordered, asImut(key));
        var other = http.post("/api/v1/catalog/achievements", FEED.replace("\"askingPriceYuan\":5",
                "\"askingPriceYuan\":5.01"), asImut(key));

        assertThat(replay.statusCode()).as(replay.body()).isEqualTo(201);
        assertThat(json(replay).path("id").asString()).isEqualTo(json(first).path("id").asString());
        assertProblem(other, 409, "idempotency-key-reused", key);
        assertThat(mongo.count(Query.query(Criteria.where("idempotencyKey").is(key)), "achievements")).isEqualTo(1);
    }

    @Test
    void aRefusedCreateLeavesTheKeyFreeForACorrectedRequest() {
        String key = key();
        var refused = http.post("/api/v1/catalog/achievements",
                FEED.replace("{\"title\"", "{\"ownerInstitutionId\":\"imu\",\"title\""), asImut(key));
        var corrected = http.post("/api/v1/catalog/achievements", FEED, asImut(key));

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(corrected.statusCode()).isEqualTo(201);
    }

    private String rawGet(String target) throws Exception {
        return raw("GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + IdentityToken.HEADER + ": "
                + TestIdentities.operator() + "\r\n\r\n");
    }

    /** One request as raw bytes (what a client library would refuse to send), the response as text. */
    private String raw(String request) throws Exception {
        String withClose = request.replaceFirst("\r\n", "\r\nConnection: close\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(withClose.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private String base() {
        return "http://127.0.0.1:" + port;
    }

    private String[] asImut(String idempotencyKey) {
        return new String[] {IdentityToken.HEADER, TestIdentities.partner("imut"), "Idempotency-Key", idempotencyKey};
    }

    private static void assertProblem(HttpResponse<String> response, int status, String typeSlug, String mentions) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        var body = json(response);
        assertThat(body.path("type").asString()).isEqualTo("https://mengkeju.org/problems/" + typeSlug);
        assertThat(body.path("detail").asString()).contains(mentions);
        assertThat(body.path("requestId").asString()).isNotBlank();
    }

    private static String key() {
        return UUID.randomUUID().toString();
    }
}
