package org.mengkeju.launcher.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import org.mengkeju.launcher.demo.DemoScenario.Deal;
import org.mengkeju.launcher.demo.DemoScenario.Demand;
import org.mengkeju.launcher.demo.DemoScenario.Institution;
import org.mengkeju.launcher.demo.DemoScenario.SubCenter;
import org.mengkeju.launcher.demo.DemoScenario.Topic;

/**
 * Loads {@link DemoScenario} into a running platform through its public API only, as the real clients would: every
 * call goes through the gateway with the API key of the development client whose role takes that step (a university
 * lists and submits, an operator reviews and publishes, a sub-center uploads, an enterprise posts a demand, the
 * registration point registers a contract).
 *
 * <p>Loading again changes nothing: every create carries an idempotency key derived from the scenario, and a step
 * with no such key is taken only after reading that it has not been taken yet. {@link Summary#writes()} counts the
 * calls that changed something; a second load reports 0.
 *
 * <p>One method per part of the scenario, in the order the parts depend on each other; {@link #finance()} is where
 * the banks' products and the leads they pull belong.
 */
public final class DemoLoader {

    static final String OPERATOR = "dev-operator";
    static final String BROKER = "dev-broker";
    static final String REGISTRATION_DESK = "dev-registration-desk";
    static final Duration WAIT = Duration.ofSeconds(120);

    /** What a load did: how much the scenario holds, and how many calls changed something. */
    public record Summary(int institutions, int achievements, int subCenterListings, int demands, int proposals,
            int contracts, int writes, Duration took) {

        @Override
        public String toString() {
            return institutions + " institutions, " + achievements + " achievements listed by partners and "
                    + subCenterListings + " by two sub-centers, " + demands + " demands and a challenge list, "
                    + proposals + " proposals followed, " + contracts + " contracts; " + writes
                    + (writes == 0 ? " writes: everything was already there" : " writes") + " (" + took.toSeconds()
                    + " s)";
        }
    }

    private final Gateway gateway;
    private final Consumer<String> progress;
    private final AtomicInteger writes = new AtomicInteger();
    /** Achievement ids by the scenario's idempotency keys. */
    private final Map<String, String> achievementIds = new ConcurrentHashMap<>();
    private final Map<String, String> demandIds = new LinkedHashMap<>();
    private int proposals;

    /**
     * @param gatewayUrl the gateway, e.g. {@code http://localhost:8080}
     * @param apiKeyOf   the plain API key of a development client by its id ({@code DevCredentials#apiKey})
     * @param progress   one line per part loaded
     */
    public DemoLoader(String gatewayUrl, Function<String, String> apiKeyOf, Consumer<String> progress) {
        this.gateway = new Gateway(gatewayUrl, apiKeyOf);
        this.progress = progress;
    }

    /** Loads the whole scenario; a {@link DemoLoadException} names the call that failed and the platform's answer. */
    public Summary load() {
        long start = System.nanoTime();
        institutions();
        demands();
        achievements();
        subCenterListings();
        challengeList();
        matches();
        contracts();
        finance();
        redemption();
        int partnerListings = DemoScenario.TOPICS.size() * 6;
        int subCenterListings = DemoScenario.SUB_CENTERS.stream().mapToInt(s -> s.topics().size() * 6).sum();
        return new Summary(DemoScenario.INSTITUTIONS.size(), partnerListings, subCenterListings,
                DemoScenario.DEMANDS.size(), proposals, DemoScenario.DEALS.size(), writes.get(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    /** The institutions, registered by an operator with their credit codes. */
    void institutions() {
        int before = writes.get();
        for (Institution institution : DemoScenario.INSTITUTIONS) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("id", institution.id());
            body.put("name", institution.name());
            body.put("creditCode", institution.creditCode());
            body.put("type", institution.type());
            body.put("regionCode", institution.regionCode());
            wrote(gateway.post(OPERATOR, "/api/v1/catalog/institutions", body, null, 200, 201), 201);
        }
        progress.accept("institutions: " + DemoScenario.INSTITUTIONS.size() + " (" + (writes.get() - before)
                + " registered now)");
    }

    /** The enterprises' demands, posted before the achievements so that matching proposes as they are published. */
    void demands() {
        int before = writes.get();
        for (Demand demand : DemoScenario.DEMANDS) {
            var answer = gateway.post(demand.client(), "/api/v1/matching/demands", demand.body(), demand.key(),
                    200, 201);
            wrote(answer, 201);
            demandIds.put(demand.key(), Json.string(answer.json(), "id"));
        }
        progress.accept("demands: " + demandIds.size() + " (" + (writes.get() - before) + " posted now)");
    }

    /** The partners' listings: each drafted and submitted by its owner's client, then published by an operator. */
    void achievements() {
        int before = writes.get();
        List<Runnable> tasks = new ArrayList<>();
        for (Topic topic : DemoScenario.TOPICS) {
            for (int n = 0; n < 6; n++) {
                int form = n;
                tasks.add(() -> listAndPublish(topic, form));
            }
        }
        inParallel(tasks);
        progress.accept("achievements: " + tasks.size() + " listed by " + DemoScenario.TOPICS.stream()
                .map(t -> t.owner().id()).distinct().count() + " institutions (" + (writes.get() - before)
                + " writes)");
    }

    private void listAndPublish(Topic topic, int n) {
        String owner = topic.owner().client();
        String key = DemoScenario.achievementKey(topic, n);
        var created = gateway.post(owner, "/api/v1/catalog/achievements", DemoScenario.listing(topic, n), key,
                200, 201);
        String id = Json.string(created.json(), "id");
        achievementIds.put(key, id);
        String status;
        if (wrote(created, 201)) {
            status = Json.string(created.json(), "status");
        } else {
            status = Json.string(gateway.get(owner, "/api/v1/catalog/achievements/" + id, 200).json(), "status");
        }
        if (status.equals("DRAFT") || status.equals("RETURNED")) {
            step(owner, id, "SUBMIT");
            status = "SUBMITTED";
        }
        if (!DemoScenario.staysInReview(topic, n) && (status.equals("SUBMITTED") || status.equals("UNDER_REVIEW"))) {
            writes.incrementAndGet();
            gateway.post(OPERATOR, "/api/v1/catalog/achievements/" + id + "/publish", null, null, 200);
        }
    }

    private void step(String client, String achievementId, String action) {
        writes.incrementAndGet();
        gateway.post(client, "/api/v1/catalog/achievements/" + achievementId + "/steps", Map.of("action", action),
                null, 200);
    }

    /**
     * Two sub-centers upload their listings in one NDJSON batch each (they enter submitted, in the sub-center's
     * region); an operator publishes them. A sub-center whose listings are all there is not asked to upload again,
     * so its sync state keeps its last upload.
     */
    void subCenterListings() {
        int before = writes.get();
        for (SubCenter subCenter : DemoScenario.SUB_CENTERS) {
            int expected = subCenter.topics().size() * 6;
            if (listingsOf(subCenter).size() < expected) {
                StringBuilder ndjson = new StringBuilder();
                for (Topic topic : subCenter.topics()) {
                    for (int n = 0; n < 6; n++) {
                        Map<String, Object> item = new LinkedHashMap<>();
                        item.put("externalId", subCenter.prefix() + "-" + topic.code() + "-" + n);
                        item.put("ownerInstitutionId", topic.owner().id());
                        item.put("listing", DemoScenario.listing(topic, n));
                        ndjson.append(Json.write(item)).append('\n');
                    }
                }
                var report = gateway.postNdjson(subCenter.client(), "/api/v1/catalog/sync/listings",
                        ndjson.toString(), 200).json();
                if (!"0".equals(Json.string(report, "refused"))) {
                    throw new DemoLoadException("the catalog refused listings of " + subCenter.client() + ": "
                            + Json.write(report));
                }
                writes.incrementAndGet();
            }
            List<Map<String, Object>> listings = listingsOf(subCenter);
            List<Runnable> publications = new ArrayList<>();
            for (Map<String, Object> listing : listings) {
                String status = Json.string(listing, "status");
                if (status.equals("SUBMITTED") || status.equals("UNDER_REVIEW")) {
                    String id = Json.string(listing, "id");
                    publications.add(() -> {
                        writes.incrementAndGet();
                        gateway.post(OPERATOR, "/api/v1/catalog/achievements/" + id + "/publish", null, null, 200);
                    });
                }
            }
            inParallel(publications);
        }
        progress.accept("sub-center listings: " + DemoScenario.SUB_CENTERS.size() + " sub-centers ("
                + (writes.get() - before) + " writes)");
    }

    private List<Map<String, Object>> listingsOf(SubCenter subCenter) {
        return Json.objects(gateway.get(OPERATOR, "/api/v1/catalog/achievements?subCenter=" + subCenter.client()
                + "&limit=200", 200).json(), "items");
    }

    /** Baogang's challenge list (揭榜挂帅): two teams apply, both are shortlisted, the rare-earth centre is chosen. */
    void challengeList() {
        int before = writes.get();
        String poster = DemoScenario.BAOGANG.client();
        var posted = gateway.post(poster, "/api/v1/matching/challenges", DemoScenario.challenge(),
                DemoScenario.CHALLENGE_KEY, 200, 201);
        wrote(posted, 201);
        String path = "/api/v1/matching/challenges/" + Json.string(posted.json(), "challengeId");
        for (var application : List.of(DemoScenario.WINNING_APPLICATION, DemoScenario.OTHER_APPLICATION)) {
            if (applicationOf(path, application.team()) == null) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("teamName", application.teamName());
                body.put("proposal", application.proposal());
                body.put("quotedYuan", java.math.BigDecimal.valueOf(application.quotedYuan()));
                wrote(gateway.post(application.team().client(), path + "/applications", body, application.key(),
                        200, 201), 201);
            }
        }
        var challenge = gateway.get(poster, path, 200).json();
        if (!"AWARDED".equals(Json.string(challenge, "status"))) {
            for (var application : List.of(DemoScenario.WINNING_APPLICATION, DemoScenario.OTHER_APPLICATION)) {
                var current = applicationOf(path, application.team());
                if ("SUBMITTED".equals(Json.string(current, "status"))) {
                    decide(poster, path, current, "SHORTLIST");
                }
            }
            decide(poster, path, applicationOf(path, DemoScenario.WINNING_APPLICATION.team()), "CHOOSE");
        }
        progress.accept("challenge list: 2 applications, awarded (" + (writes.get() - before) + " writes)");
    }

    private Map<String, Object> applicationOf(String challengePath, Institution team) {
        var challenge = gateway.get(DemoScenario.BAOGANG.client(), challengePath, 200).json();
        return Json.objects(challenge, "applications").stream()
                .filter(a -> team.id().equals(Json.string(a, "applicantInstitutionId"))).findFirst().orElse(null);
    }

    private void decide(String poster, String challengePath, Map<String, Object> application, String decision) {
        writes.incrementAndGet();
        gateway.post(poster, challengePath + "/applications/" + Json.string(application, "applicationId")
                + "/decision", Map.of("decision", decision), null, 200);
    }

    /**
     * Matches: matching proposes each published achievement to the open demands it fits by itself; here a broker
     * proposes three more, and each deal's achievement is proposed by its owner for the demand and followed to its
     * stage (the feed deal closed won).
     */
    void matches() {
        int before = writes.get();
        // pairs matching ranks low by itself (another chain, few shared words) that a broker knows to fit
        propose(BROKER, DemoScenario.MILK_POWDER_DEMAND, "demo-ach-t18-0", "初乳免疫球蛋白分离与乳粉加工线可共用膜分离设备。");
        propose(BROKER, DemoScenario.ALFALFA_DEMAND, "demo-ach-t24-0", "本土乳酸菌可作苜蓿青贮接种剂，建议试用。");
        propose(BROKER, DemoScenario.HERD_DEMAND, "demo-ach-t25-0", "内蒙古农业大学的精准饲喂系统已在牧场应用。");
        for (Deal deal : DemoScenario.DEALS) {
            String proposalId = propose(deal.seller().client(), deal.demand(),
                    DemoScenario.achievementKey(deal.topic(), 0), "成果与需求高度契合，已与企业初步沟通。");
            List<String> stages = deal == DemoScenario.FEED_DEAL ? List.of("CONTACTED", "NEGOTIATING", "CLOSED_WON")
                    : deal == DemoScenario.MEDICINE_DEAL ? List.of("CONTACTED", "NEGOTIATING") : List.of("CONTACTED");
            String path = "/api/v1/matching/proposals/" + proposalId;
            String status = Json.string(gateway.get(deal.seller().client(), path, 200).json(), "status");
            List<String> order = List.of("PROPOSED", "CONTACTED", "NEGOTIATING", "CLOSED_WON");
            for (String stage : stages) {
                if (order.indexOf(status) < order.indexOf(stage)) {
                    writes.incrementAndGet();
                    status = Json.string(gateway.put(deal.seller().client(), path + "/status",
                            Map.of("status", stage, "note", "对接进展：" + stage), 200).json(), "status");
                }
            }
        }
        progress.accept("matches: " + proposals + " proposals made or followed, one closed won ("
                + (writes.get() - before) + " writes)");
    }

    /** Proposes a published achievement for a demand once matching holds it; returns the proposal's id. */
    private String propose(String client, Demand demand, String achievementKey, String note) {
        String achievementId = achievementIds.get(achievementKey);
        awaitTrue("matching to hold achievement " + achievementId, () -> gateway.get(OPERATOR,
                "/api/v1/matching/achievements/" + achievementId, 200, 404).status() == 200);
        var answer = gateway.post(client, "/api/v1/matching/demands/" + demandIds.get(demand.key())
                + "/proposals", Map.of("achievementId", achievementId, "note", note),
                "demo-prp-" + demand.key() + "-" + achievementKey, 200, 201);
        wrote(answer, 201);
        proposals++;
        return Json.string(answer.json(), "proposalId");
    }

    /**
     * The deals' contracts: each seller submits its contract naming the achievement; the registration point of the
     * seller's league-city accepts it for review and registers it once the catalog has verified the achievement (the
     * wheat contract stays under review). Registration makes the achievement transacted and posts the points.
     */
    void contracts() {
        int before = writes.get();
        for (Deal deal : DemoScenario.DEALS) {
            String achievementId = achievementIds.get(DemoScenario.achievementKey(deal.topic(), 0));
            var submitted = gateway.post(deal.seller().client(), "/api/v1/contract/contracts",
                    deal.contract(achievementId), deal.key(), 200, 201);
            wrote(submitted, 201);
            String path = "/api/v1/contract/contracts/" + Json.string(submitted.json(), "id");
            var contract = gateway.get(REGISTRATION_DESK, path, 200).json();
            if (deal.register() && !"REGISTERED".equals(Json.string(contract, "status"))) {
                awaitTrue("contract " + deal.key() + " to have its achievement verified", () -> {
                    var now = gateway.get(REGISTRATION_DESK, path, 200).json();
                    String check = Json.string(now, "achievementCheck");
                    if (!check.equals("VERIFIED") && !check.equals("PENDING")) {
                        throw new DemoLoadException("contract " + deal.key() + ": achievement check " + check
                                + ": " + Json.write(now));
                    }
                    return check.equals("VERIFIED");
                });
            }
            String status = Json.string(contract, "status");
            if (status.equals("SUBMITTED")) {
                decide(path, "ACCEPT_FOR_REVIEW");
                status = "UNDER_REVIEW";
            }
            if (deal.register() && (status.equals("UNDER_REVIEW") || status.equals("REGISTERING"))) {
                decide(path, "REGISTER");
            }
        }
        for (Deal deal : DemoScenario.DEALS) {
            if (deal.register()) {
                String id = achievementIds.get(DemoScenario.achievementKey(deal.topic(), 0));
                awaitTrue("achievement " + id + " to become transacted", () -> "TRANSACTED".equals(Json.string(
                        gateway.get(OPERATOR, "/api/v1/catalog/achievements/" + id, 200).json(), "status")));
            }
        }
        progress.accept("contracts: " + DemoScenario.DEALS.size() + " submitted, "
                + DemoScenario.DEALS.stream().filter(Deal::register).count() + " registered ("
                + (writes.get() - before) + " writes)");
    }

    private void decide(String contractPath, String decision) {
        writes.incrementAndGet();
        gateway.post(REGISTRATION_DESK, contractPath + "/decisions", Map.of("decision", decision), null, 200);
    }

    /**
     * 科技金融: the banks' financing products and the leads they pull for them (two banks, products of 内蒙古银行 such
     * as 科创易贷 and 知识产权质押贷, leads from the enterprises with registered contracts). The finance API is not
     * there yet; this is where its part of the scenario goes, after the contracts that qualify the leads.
     */
    /**
     * Two finance institutions publish products for enterprises with a registered technology contract; the registered
     * deals' buyers consent (an operator records their signed forms); the bank pulls its leads, approves and disburses
     * the feed company's loan; the insurer contacts the pharmaceutical company.
     */
    void finance() {
        int before = writes.get();
        Map<String, String> productIds = new LinkedHashMap<>();
        for (DemoScenario.Product product : DemoScenario.PRODUCTS) {
            var answer = gateway.post(product.client(), "/api/v1/finance/products", product.body(), product.key(),
                    200, 201);
            wrote(answer, 201);
            productIds.put(product.key(), Json.string(answer.json(), "productId"));
        }
        for (Institution enterprise : DemoScenario.CONSENTING) {
            String path = "/api/v1/finance/enterprises/" + enterprise.id();
            var profile = gateway.get(OPERATOR, path + "/profile", 200, 404);
            if (profile.status() == 404 || !"true".equals(Json.string(profile.json(), "consent"))) {
                writes.incrementAndGet();
                gateway.put(OPERATOR, path + "/consent", null, 200);
            }
        }
        for (DemoScenario.LeadOutcome outcome : DemoScenario.LEAD_OUTCOMES) {
            String productId = productIds.get(outcome.product().key());
            String client = outcome.product().client();
            AtomicReference<Map<String, Object>> found = new AtomicReference<>();
            awaitTrue(client + "'s lead for " + outcome.enterprise().id(), () -> {
                found.set(lead(client, productId, outcome.enterprise().id()));
                return found.get() != null;
            });
            String path = "/api/v1/finance/products/" + productId + "/leads/" + Json.string(found.get(), "leadId");
            List<String> order = List.of("NEW", "CONTACTED", "APPROVED", "DISBURSED");
            String status = Json.string(found.get(), "status");
            for (Map<String, Object> step : outcome.steps()) {
                String to = (String) step.get("outcome");
                if (order.indexOf(status) < order.indexOf(to)) {
                    writes.incrementAndGet();
                    status = Json.string(gateway.post(client, path + "/outcomes", step,
                            "demo-lead-" + outcome.enterprise().id() + "-" + to, 200, 201).json(), "status");
                }
            }
        }
        progress.accept("finance: " + productIds.size() + " products, " + DemoScenario.CONSENTING.size()
                + " enterprises consenting, " + DemoScenario.LEAD_OUTCOMES.size() + " leads followed ("
                + (writes.get() - before) + " writes)");
    }

    /** The institution's lead for the enterprise on the product, from its feed, or null while there is none. */
    private Map<String, Object> lead(String client, String productId, String enterpriseId) {
        String after = null;
        for (int page = 0; page < 20; page++) {
            var feed = gateway.get(client, "/api/v1/finance/leads?limit=500" + (after == null ? "" : "&after=" + after),
                    200).json();
            Map<String, Object> latest = null;
            for (Map<String, Object> lead : Json.objects(feed, "items")) {
                @SuppressWarnings("unchecked")
                Map<String, Object> enterprise = (Map<String, Object>) lead.get("enterprise");
                if (productId.equals(Json.string(lead, "productId")) && enterprise != null
                        && enterpriseId.equals(Json.string(enterprise, "enterpriseId"))) {
                    latest = lead; // the feed lists a lead again when it changes: keep its newest state
                }
            }
            if (latest != null) {
                return latest;
            }
            if (!"true".equals(Json.string(feed, "more"))) {
                return null;
            }
            after = Json.string(feed, "next");
        }
        return null;
    }

    /** imut redeems 500 of its points for cash; an operator approves. */
    void redemption() {
        int before = writes.get();
        Institution holder = DemoScenario.IMUT;
        awaitTrue(holder.id() + " to hold " + DemoScenario.REDEMPTION_POINTS + " points", () -> {
            var account = gateway.get(holder.client(), "/api/v1/points/accounts/" + holder.id(), 200, 404);
            return account.status() == 200 && Long.parseLong(Json.string(account.json(), "balance"))
                    >= DemoScenario.REDEMPTION_POINTS;
        });
        var requested = gateway.post(holder.client(), "/api/v1/points/redemptions", Map.of("accountId", holder.id(),
                "points", DemoScenario.REDEMPTION_POINTS, "note", "2026年度创新积分兑换"), DemoScenario.REDEMPTION_KEY,
                200, 201);
        String path = "/api/v1/points/redemptions/" + Json.string(requested.json(), "redemptionId");
        String status = wrote(requested, 201) ? Json.string(requested.json(), "status")
                : Json.string(gateway.get(OPERATOR, path, 200).json(), "status");
        if (status.equals("PENDING")) {
            writes.incrementAndGet();
            gateway.patch(OPERATOR, path, Map.of("decision", "APPROVE", "note", "核对无误，同意兑换"), 200);
        }
        progress.accept("points: " + DemoScenario.REDEMPTION_POINTS + " of " + holder.id()
                + "'s points redeemed and approved (" + (writes.get() - before) + " writes)");
    }

    /** Counts a create that really created (the status, and not a replay of an earlier answer). */
    private boolean wrote(Gateway.Answer answer, int createdStatus) {
        boolean created = answer.status() == createdStatus && !answer.wasReplayed();
        if (created) {
            writes.incrementAndGet();
        }
        return created;
    }

    /**
     * Polls the public API until an asynchronous effect shows (an event consumed by another service): a client has
     * no other way to learn of it, so a short sleep between reads is the right wait here.
     */
    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new DemoLoadException("gave up after " + WAIT.toSeconds() + " s waiting for " + what);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DemoLoadException("interrupted waiting for " + what);
            }
        }
    }

    /** A few calls at a time: the services answer faster together than one by one, and the machine stays usable. */
    private static void inParallel(List<Runnable> tasks) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = tasks.stream().<Future<?>>map(pool::submit).toList();
            for (Future<?> future : futures) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException runtime) {
                        throw runtime;
                    }
                    throw new DemoLoadException(e.getCause().toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DemoLoadException("interrupted");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
