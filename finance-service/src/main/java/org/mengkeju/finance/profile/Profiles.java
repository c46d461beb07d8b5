package org.mengkeju.finance.profile;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Date;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.bson.Document;
import org.bson.types.Decimal128;
import org.mengkeju.finance.product.RuleGroup;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The profiles collection. Every change is one atomic update of one profile, keyed by the id of the fact's source
 * (contract, achievement, ledger transfer), created by upsert when the enterprise is new: applying the same event
 * again writes the same entry again.
 *
 * <p>Beside the facts, a profile keeps a small {@code summary} in the same updates: the number of contracts it ever
 * recorded, an upper bound of their technology transaction amounts (whole yuan, rounded up) and the sum of its
 * points. The rules are never tested on it; a re-qualification uses it to ask the store only for the profiles that
 * could satisfy a product ({@link #candidates}). A profile created before the summary existed has no
 * {@code summarised} mark and is always a candidate.
 */
@Repository
public class Profiles {

    static final int STREAM_BATCH = 1_000;
    static final String COLLECTION = "profiles";
    /** The achievements profiles count, one document each ({@link RecordedAchievement}). */
    static final String ACHIEVEMENTS = "profile_achievements";
    /** Set on a profile once an achievement of its owner is recorded: re-qualification asks for it. */
    static final String HAS_ACHIEVEMENTS = "hasAchievements";
    /** Set when the profile is created, so its summary covers every fact it holds. */
    static final String SUMMARISED = "summarised";
    /** Contracts ever recorded, cancelled and old ones included: never below the 12 months' count. */
    static final String SUMMARY_CONTRACTS = "summary.contracts";
    /** Whole yuan, rounded up, of every technology transaction amount recorded: never below the 12 months' sum. */
    static final String SUMMARY_AMOUNT_BOUND = "summary.technologyAmountBound";
    /** The largest amount one entry adds to a summary: 10^15 yuan, far above any contract. */
    static final long SUMMARY_CAP = 1_000_000_000_000_000L;
    /** The sum of the points entries, exactly. */
    static final String SUMMARY_POINTS = "summary.points";

    private final MongoTemplate mongo;

    Profiles(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    public Optional<EnterpriseProfile> find(String enterpriseId) {
        return Optional.ofNullable(mongo.findById(enterpriseId, Document.class, COLLECTION)).map(this::read);
    }


    /**
     * Whether the enterprise consents to be offered as a lead, read without its facts: a profile holds every
     * achievement and contract of its owner, and most owners never consent.
     */
    public boolean consents(String enterpriseId) {
        Query query = Query.query(Criteria.where("_id").is(enterpriseId));
        query.fields().include("consent");
        Document found = mongo.findOne(query, Document.class, COLLECTION);
        return found != null && found.get("consent") instanceof Document consent
                && Boolean.TRUE.equals(consent.getBoolean("granted"));
    }

    /**
     * Records a registered contract once; a later redelivery of the registration finds it and leaves it as it is
     * (a cancellation recorded since stays). Returns whether it was new.
     */
    boolean addContract(String enterpriseId, ContractFact contract, PartyFacts party, Instant now) {
        String path = "contracts." + key(contract.contractId());
        Update update = new Update().set(path, contract).set("updatedAt", now)
                .setOnInsert("name", party.name()).setOnInsert("creditCode", party.creditCode())
                .setOnInsert("regionCode", party.regionCode()).setOnInsert(SUMMARISED, true)
                .inc(SUMMARY_CONTRACTS, 1L).inc(SUMMARY_AMOUNT_BOUND, wholeYuanUp(
                        contract.technologyTransactionAmountYuan()));
        return upsertWhere(Criteria.where("_id").is(enterpriseId).and(path).exists(false), update);
    }

    /** A registration changed, cancelled or revoked: corrects the contract in every profile that has it. */
    List<String> changeContract(String contractId, java.math.BigDecimal contractAmount,
            java.math.BigDecimal technologyAmount, boolean cancelled, Instant now) {
        String path = "contracts." + key(contractId);
        Query holders = Query.query(Criteria.where(path).exists(true));
        holders.fields().include("_id");
        List<String> ids = mongo.find(holders, EnterpriseProfile.class).stream().map(EnterpriseProfile::id).toList();
        Update update = new Update().set(path + ".cancelled", cancelled).set("updatedAt", now);
        if (contractAmount != null) {
            update.set(path + ".contractAmountYuan", contractAmount);
        }
        if (technologyAmount != null) {
            // The bound only grows: the corrected amount is added, the old one is not taken off (nor is a
            // cancelled contract's), so it stays above the amounts the rules can count, however often this repeats.
            update.set(path + ".technologyTransactionAmountYuan", technologyAmount)
                    .inc(SUMMARY_AMOUNT_BOUND, wholeYuanUp(technologyAmount));
        }
        mongo.updateMulti(holders, update, EnterpriseProfile.class);
        return ids;
    }

    /**
     * Keeps the newest version of an achievement, in a document of its own ({@link RecordedAchievement}); an older or
     * repeated version changes nothing. The profile is created or marked first, so a crash between the two writes
     * leaves what the redelivered event completes.
     */
    boolean putAchievement(String enterpriseId, AchievementFact achievement, String regionCode, Instant now) {
        Update profile = new Update().set(HAS_ACHIEVEMENTS, true).set("updatedAt", now).setOnInsert(SUMMARISED, true);
        if (regionCode != null) {
            profile.setOnInsert("regionCode", regionCode);
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(enterpriseId)), profile, EnterpriseProfile.class);
        Update fact = new Update().set("enterpriseId", enterpriseId).set("achievementId", achievement.achievementId())
                .set("status", achievement.status()).set("version", achievement.version())
                .set("grantedPatents", achievement.grantedPatents());
        return upsertWhere(Criteria.where("_id").is(achievementKey(enterpriseId, achievement.achievementId()))
                .and("version").lt(achievement.version()), fact, RecordedAchievement.class);
    }

    /** The id of an enterprise's achievement in {@value #ACHIEVEMENTS}. */
    static String achievementKey(String enterpriseId, String achievementId) {
        return enterpriseId + "/" + achievementId;
    }

    /** Records points posted by one ledger transfer; the same transfer again sets the same entry. */
    boolean putPoints(String enterpriseId, String transferId, long points, Instant now) {
        String path = "points." + key(transferId);
        return upsertWhere(Criteria.where("_id").is(enterpriseId).and(path).exists(false),
                new Update().set(path, points).inc(SUMMARY_POINTS, points).set("updatedAt", now)
                        .setOnInsert(SUMMARISED, true));
    }

    /** The catalog's registration of the institution: its name, code, type and league-city. */
    void putInstitution(String enterpriseId, PartyFacts party, String type, Instant now) {
        mongo.upsert(Query.query(Criteria.where("_id").is(enterpriseId)), new Update().set("name", party.name())
                .set("creditCode", party.creditCode()).set("regionCode", party.regionCode())
                .set("institutionType", type).set("updatedAt", now).setOnInsert(SUMMARISED, true),
                EnterpriseProfile.class);
    }

    void putHighTech(String enterpriseId, HighTechStatus status, Instant now) {
        mongo.upsert(Query.query(Criteria.where("_id").is(enterpriseId)),
                new Update().set("highTech", status).set("updatedAt", now).setOnInsert(SUMMARISED, true),
                EnterpriseProfile.class);
    }

    /** Records a grant or a withdrawal of consent; a withdrawal is unsettled until its leads are withdrawn. */
    void putConsent(String enterpriseId, Consent consent, Instant now) {
        mongo.upsert(Query.query(Criteria.where("_id").is(enterpriseId)),
                new Update().set("consent", consent).set("updatedAt", now).setOnInsert(SUMMARISED, true),
                EnterpriseProfile.class);
    }

    /** The withdrawal recorded at {@code changedAt} reached every lead; a newer consent change is left alone. */
    void settleWithdrawal(String enterpriseId, Instant changedAt) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(enterpriseId).and("consent.granted").is(false)
                .and("consent.changedAt").is(changedAt)), Update.update("consent.settled", true),
                EnterpriseProfile.class);
    }

    /** Withdrawals not yet carried to the leads (a crash cut them short). */
    List<EnterpriseProfile> unsettledWithdrawals(int limit) {
        return mongo.find(Query.query(Criteria.where("consent.granted").is(false).and("consent.settled").is(false))
                .limit(limit), EnterpriseProfile.class);
    }

    /**
     * The consenting profiles that could satisfy {@code rules}, each once, read as a stream query after query
     * ({@link Candidates#scans}): the store is asked only for profiles whose summary, region, type or certificate
     * leaves each rule group a chance, one indexed query per alternative of one group rather than one {@code $or}
     * over the whole collection. The rules themselves are tested on the facts by the caller.
     */
    public Stream<EnterpriseProfile> candidates(List<RuleGroup> rules) {
        Scans scans = new Scans(Candidates.scans(rules).iterator());
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(scans, Spliterator.ORDERED
                | Spliterator.NONNULL), false).onClose(scans::close);
    }

    /** The profiles of several queries one after the other; each query is opened when the one before is read out. */
    private final class Scans implements Iterator<EnterpriseProfile> {

        private final Iterator<Candidates.Scan> pending;
        private Stream<Document> open;
        private Iterator<Document> current = Collections.emptyIterator();
        /** Profiles read, a cursor batch at a time: their achievements come in one query per batch. */
        private final java.util.Deque<EnterpriseProfile> ready = new java.util.ArrayDeque<>();

        Scans(Iterator<Candidates.Scan> pending) {
            this.pending = pending;
        }

        @Override
        public boolean hasNext() {
            if (ready.isEmpty()) {
                List<Document> batch = new java.util.ArrayList<>(STREAM_BATCH);
                while (batch.size() < STREAM_BATCH && nextStored()) {
                    batch.add(current.next());
                }
                Map<String, Map<String, AchievementFact>> recorded = achievementsOf(batch.stream()
                        .filter(d -> Boolean.TRUE.equals(d.get(HAS_ACHIEVEMENTS))).map(d -> d.getString("_id"))
                        .toList());
                batch.forEach(d -> ready.add(read(d, recorded.getOrDefault(d.getString("_id"), Map.of()))));
            }
            return !ready.isEmpty();
        }

        private boolean nextStored() {
            while (!current.hasNext() && pending.hasNext()) {
                close();
                open = stream(pending.next());
                current = open.iterator();
            }
            return current.hasNext();
        }

        @Override
        public EnterpriseProfile next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return ready.poll();
        }

        void close() {
            if (open != null) {
                open.close();
                open = null;
            }
        }
    }

    /**
     * One query's profiles in batches (a store that answers a cursor's first request whole would otherwise send every
     * profile at once). A query that walks an index is sorted on that field, with a limit: the order in which MongoDB
     * reads such an index anyway, and what makes the local store walk its index from the bound instead of testing
     * every profile.
     */
    private Stream<Document> stream(Candidates.Scan scan) {
        Query query = Query.query(scan.filter()).cursorBatchSize(STREAM_BATCH);
        if (scan.walk() != null) {
            query.with(Sort.by(scan.walk())).limit(Integer.MAX_VALUE);
        }
        return mongo.stream(query, Document.class, COLLECTION);
    }

    /** A stored profile with the achievements recorded beside it, read by one more query for a profile that has any. */
    EnterpriseProfile read(Document stored) {
        return read(stored, Boolean.TRUE.equals(stored.get(HAS_ACHIEVEMENTS))
                ? achievementsOf(List.of(stored.getString("_id"))).getOrDefault(stored.getString("_id"), Map.of())
                : Map.of());
    }

    /** The achievements recorded beside several profiles, in one query: by enterprise, then by {@link #key}. */
    Map<String, Map<String, AchievementFact>> achievementsOf(List<String> enterpriseIds) {
        Map<String, Map<String, AchievementFact>> recorded = new HashMap<>();
        if (enterpriseIds.isEmpty()) {
            return recorded;
        }
        for (RecordedAchievement a : mongo.find(Query.query(Criteria.where("enterpriseId").in(enterpriseIds)),
                RecordedAchievement.class)) {
            recorded.computeIfAbsent(a.enterpriseId(), e -> new HashMap<>()).put(key(a.achievementId()), a.fact());
        }
        return recorded;
    }

    /**
     * A stored profile read field by field, with the achievements {@code recorded} beside it; the certificate, which
     * few profiles have, by the mapping layer.
     */
    EnterpriseProfile read(Document stored, Map<String, AchievementFact> recorded) {
        Map<String, ContractFact> contracts = new HashMap<>();
        Document storedContracts = stored.get("contracts", Document.class);
        if (storedContracts != null) {
            storedContracts.forEach((key, value) -> {
                Document c = (Document) value;
                contracts.put(key, new ContractFact(c.getString("contractId"), c.getString("registrationNumber"),
                        c.getString("side"), decimal(c.get("contractAmountYuan")),
                        decimal(c.get("technologyTransactionAmountYuan")), instant(c.get("registeredAt")),
                        Boolean.TRUE.equals(c.get("cancelled"))));
            });
        }
        Map<String, AchievementFact> achievements = new HashMap<>();
        Document storedAchievements = stored.get("achievements", Document.class);
        if (storedAchievements != null) {
            storedAchievements.forEach((key, value) -> {
                Document a = (Document) value;
                Object version = a.get("version");
                achievements.put(key, new AchievementFact(a.getString("achievementId"), a.getString("status"),
                        version instanceof Number n ? n.longValue() : 0, a.getList("grantedPatents", String.class)));
            });
        }
        Map<String, Long> points = new HashMap<>();
        Document storedPoints = stored.get("points", Document.class);
        if (storedPoints != null) {
            storedPoints.forEach((key, value) -> points.put(key, ((Number) value).longValue()));
        }
        Document highTech = stored.get("highTech", Document.class);
        Document consent = stored.get("consent", Document.class);
        return new EnterpriseProfile(stored.getString("_id"), stored.getString("name"),
                stored.getString("creditCode"), stored.getString("regionCode"), stored.getString("institutionType"),
                contracts, EnterpriseProfile.newestOf(achievements, recorded), points,
                highTech == null ? null : mongo.getConverter().read(HighTechStatus.class, highTech),
                consent == null ? null : new Consent(Boolean.TRUE.equals(consent.get("granted")),
                        instant(consent.get("changedAt")), consent.getString("changedBy"),
                        Boolean.TRUE.equals(consent.get("settled"))),
                instant(stored.get("updatedAt")));
    }

    /**
     * An amount in whole yuan, rounded up (a bound may be above the amounts, never below), at most
     * {@link #SUMMARY_CAP}, so that no sum of them overflows; {@link Candidates} caps the thresholds alike.
     */
    static long wholeYuanUp(BigDecimal amount) {
        if (amount == null || amount.signum() <= 0) {
            return 0;
        }
        if (amount.compareTo(BigDecimal.valueOf(SUMMARY_CAP)) >= 0) {
            return SUMMARY_CAP;
        }
        return amount.setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    private static BigDecimal decimal(Object stored) {
        if (stored instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        return stored == null ? null : new BigDecimal(stored.toString());
    }

    private static Instant instant(Object stored) {
        return stored instanceof Date date ? date.toInstant() : null;
    }

    /** The enterprises that withdrew their consent. */
    public List<String> withdrawn() {
        Query query = Query.query(Criteria.where("consent.granted").is(false));
        query.fields().include("_id");
        return mongo.find(query, EnterpriseProfile.class).stream().map(EnterpriseProfile::id).toList();
    }

    private boolean upsertWhere(Criteria criteria, Update update) {
        return upsertWhere(criteria, update, EnterpriseProfile.class);
    }

    private boolean upsertWhere(Criteria criteria, Update update, Class<?> entity) {
        try {
            var result = mongo.upsert(Query.query(criteria), update, entity);
            return result.getModifiedCount() > 0 || result.getUpsertedId() != null;
        } catch (DuplicateKeyException exists) {
            // The document exists and already holds this entry (or a newer one): the upsert tried to insert it again.
            return false;
        }
    }

    /**
     * A map key for an id from another service: ids of the usual form are kept as they are; anything a field name
     * may not hold ({@code .}, a leading {@code $}) is replaced by its SHA-256.
     */
    static String key(String id) {
        if (id.matches("[A-Za-z0-9_:-]{1,120}")) {
            return id;
        }
        try {
            return "h" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
