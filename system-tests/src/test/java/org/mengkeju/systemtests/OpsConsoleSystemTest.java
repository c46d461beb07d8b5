package org.mengkeju.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.TestMethodOrder;
import org.mengkeju.events.Topics;
import org.mengkeju.launcher.LocalPlatform;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The operations console (运维控制台) in a real headless browser (Debian's chromium, driven through the system
 * chromedriver) against the whole platform: a non-operator key is refused with a message that says why; an operator
 * sees every service's health and live figures; a figure changes when the platform does; a dead letter is replayed
 * from the page. The API behind the page is checked over plain HTTP too. The platform is the one the plain system tests share.
 *
 * <p>Nothing is skipped: without chromium or chromedriver the test fails and says what to install.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedPlatform.class)
class OpsConsoleSystemTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    /** Where Debian's chromium and chromium-driver put them; CHROMIUM and CHROMEDRIVER point elsewhere. */
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver"));
    static final Duration PAGE_WAIT = Duration.ofSeconds(60);

    static LocalPlatform platform;
    static ChromeDriverService driverService;
    static WebDriver browser;
    static String operatorKey;
    static String partnerKey;

    @BeforeAll
    static void startABrowser(LocalPlatform shared) {
        for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
            if (!Files.isExecutable(executable)) {
                throw new IllegalStateException(executable + " is missing: the console's browser test needs Debian's "
                        + "chromium and chromium-driver packages (apt-get install chromium chromium-driver; .ci/run "
                        + "installs them), or CHROMIUM and CHROMEDRIVER naming other executables");
            }
        }
        // The shared platform counts figures every second instead of every minute, so the page shows a change soon.
        platform = shared;
        operatorKey = platform.apiKey("dev-operator");
        partnerKey = platform.apiKey("dev-partner");

        driverService = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1400,1000", "--no-first-run", "--disable-extensions");
        browser = new ChromeDriver(driverService, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (driverService != null) {
            driverService.stop();
        }
    }

    @Test
    @Order(1)
    void aNonOperatorKeyIsRefusedWithAMessageSayingWhy() {
        openConsole();

        signIn(partnerKey);

        await().atMost(PAGE_WAIT).until(() -> "refused".equals(bodyData("state")));
        WebElement message = browser.findElement(By.id("message"));
        assertThat(message.isDisplayed()).isTrue();
        assertThat(message.getText()).contains("not an operator's").contains("OPERATOR");
        assertThat(browser.findElement(By.id("console")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("key-form")).isDisplayed()).isTrue();
        assertThat(script("return sessionStorage.getItem('mengkeju.console.apiKey')")).isNull();
    }

    @Test
    @Order(2)
    void anOperatorSeesEveryServiceUpAndLiveFigures() {
        openConsole();

        signIn(operatorKey);

        await().atMost(PAGE_WAIT).untilAsserted(() -> {
            assertThat(bodyData("state")).isEqualTo("console");
            List<WebElement> rows = browser.findElements(By.cssSelector("#health tbody tr"));
            assertThat(rows).extracting(row -> row.getAttribute("data-service"))
                    .containsExactly("catalog", "matching", "contract", "points", "finance");
            assertThat(rows).extracting(row -> row.getAttribute("data-status")).containsOnly("UP");
        });
        assertThat(figure("listings")).isNotNull();
        assertThat(browser.findElement(By.id("updated-at")).getText()).isNotBlank();
        assertThat(browser.findElements(By.cssSelector("#backlog-chart svg rect"))).hasSize(10);
        assertThat(script("return sessionStorage.getItem('mengkeju.console.apiKey')")).isEqualTo(operatorKey);
        // The page refreshes by itself.
        int loaded = Integer.parseInt(bodyData("loaded"));
        await().atMost(PAGE_WAIT).until(() -> Integer.parseInt(bodyData("loaded")) > loaded);
    }

    @Test
    @Order(3)
    void aFigureChangesWhenThePlatformDoes() throws Exception {
        double before = figure("listings");

        PartnerCalls.createAchievement(platform.gatewayUrl(), partnerKey, "稀土硫化物着色剂 " + UUID.randomUUID());

        await().atMost(PAGE_WAIT).until(() -> figure("listings") == before + 1);
        // The sparkline drew the change: more than one point.
        String points = browser.findElement(By.cssSelector("[data-figure='listings'] polyline"))
                .getAttribute("points");
        assertThat(points.split(" ")).hasSizeGreaterThan(1);
    }

    @Test
    @Order(4)
    void theOverviewApiAnswersAnOperatorAndRefusesAPartner() throws Exception {
        var overview = get("/api/v1/ops/overview", operatorKey);
        var refused = get("/api/v1/ops/overview", partnerKey);

        assertThat(overview.statusCode()).isEqualTo(200);
        JsonNode services = JSON.readTree(overview.body()).path("services");
        assertThat(services).hasSize(5);
        for (JsonNode service : services) {
            assertThat(service.path("status").asText()).as(service.path("name").asText()).isEqualTo("UP");
            assertThat(service.path("components").path("mongo").asText()).isEqualTo("UP");
            assertThat(service.path("outboxPending").isNumber()).as(service.path("name").asText()).isTrue();
            assertThat(service.path("deadLetters").isNumber()).as(service.path("name").asText()).isTrue();
        }
        assertThat(services.get(0).path("figures").findValuesAsText("metric")).contains("mengkeju_catalog_listings");
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).path("type").asText()).endsWith("/forbidden");
    }

    @Test
    @Order(5)
    void aDeadLetterIsReplayedFromThePage() throws Exception {
        // A record without its CloudEvents attributes on the points topic, which only finance-service reads: poison,
        // dead-lettered by its group at once.
        String key = "poison-" + UUID.randomUUID().toString().substring(0, 8);
        try (var producer = new KafkaProducer<String, String>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, platform.kafkaBootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class))) {
            producer.send(new ProducerRecord<>(Topics.POINTS_TRANSFERS, key, "{\"accountId\":\"imut\"}")).get();
        }
        By row = By.xpath("//table[@id='dead-letters']//tr[td[4][text()='" + key + "']]");

        await().atMost(PAGE_WAIT).until(() -> !browser.findElements(row).isEmpty());
        WebElement deadLetter = browser.findElement(row);
        String id = deadLetter.getAttribute("data-dead-letter-id");
        assertThat(deadLetter.getAttribute("data-service")).isEqualTo("finance");
        assertThat(deadLetter.getText()).contains("missing header ce_id");
        deadLetter.findElement(By.cssSelector("button.replay")).click();

        By replayed = By.cssSelector("tr[data-dead-letter-id='" + id + "'][data-state='REPLAYED']");
        await().atMost(PAGE_WAIT).until(() -> !browser.findElements(replayed).isEmpty());
        assertThat(browser.findElement(By.id("message")).getText()).contains("replayed to " + Topics.POINTS_TRANSFERS);
        // Still poison: the replayed record failed again and is a new dead letter; the first stays replayed, once.
        await().atMost(PAGE_WAIT).until(() -> browser.findElements(row).size() == 2);
        var again = post("/api/v1/ops/services/finance/dead-letters/" + id + "/replay", operatorKey);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(again.body()).path("replayedNow").asBoolean()).isFalse();
        var listing = JSON.readTree(get("/api/v1/ops/services/finance/dead-letters", operatorKey).body());
        List<JsonNode> ours = listing.path("deadLetters").findParents("key").stream()
                .filter(letter -> key.equals(letter.path("key").asText())).toList();
        assertThat(ours).hasSize(2);
        assertThat(ours).filteredOn(letter -> letter.path("replay").path("state").asText().equals("REPLAYED"))
                .singleElement().satisfies(letter -> {
                    assertThat(letter.path("id").asText()).isEqualTo(id);
                    assertThat(letter.path("replay").path("requestedBy").asText()).isEqualTo("dev-operator");
                });
    }

    private static void openConsole() {
        browser.get(platform.gatewayUrl() + "/console/?refresh=1");
        script("sessionStorage.clear()");
        browser.navigate().refresh();
        await().atMost(PAGE_WAIT).until(() -> browser.findElement(By.id("key-form")).isDisplayed());
    }

    private static void signIn(String key) {
        WebElement input = browser.findElement(By.id("api-key"));
        input.clear();
        input.sendKeys(key);
        browser.findElement(By.id("sign-in")).click();
    }

    /** A figure's value as the page shows it, or null while it has none. */
    private static Double figure(String id) {
        String value = browser.findElement(By.cssSelector("[data-figure='" + id + "'] .value"))
                .getAttribute("data-value");
        return value == null || value.isEmpty() ? null : Double.valueOf(value);
    }

    private static String bodyData(String name) {
        return browser.findElement(By.tagName("body")).getAttribute("data-" + name);
    }

    private static Object script(String source) {
        return ((JavascriptExecutor) browser).executeScript(source);
    }

    private static HttpResponse<String> get(String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path)).header("X-Api-Key", key)
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(platform.gatewayUrl() + path)).header("X-Api-Key", key)
                .POST(HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
