package org.mengkeju.finance.profile;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
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
 * The profiles collection and the facts beside it. Every change is atomic per document and keyed by the id of the
 * fact's source (contract, achievement, ledger transfer); a profile is created by upsert when the enterprise is new.
 * Applying the same event again changes nothing.
 *
 * <p>The facts that accumulate (achievements, registered contracts, points transfers) are documents of their own
 * beside the profile, one per fact, so that a profile stays small however long its history grows. The profile keeps
 * a small {@code summary} of them: upper bounds of the number of contracts it ever recorded, of their technology
 * transaction amounts (whole yuan, rounded up) and of its points. The rules are never tested on it; a
 * re-qualification uses it to ask the store only for the profiles that could satisfy a product ({@link #candidates}),
 * which needs only that a summary is never below the facts. A fact and the summary are two writes, ordered so that a
 * crash between them leaves the summary above the facts, never below: an addition is counted before its fact is
 * written (a redelivery then counts it again), points taken away are counted after. A profile created before the
 * summary existed has no {@code summarised} mark and is always a candidate; one stored before the facts moved beside
 * it keeps its own maps, which are read together with the documents beside it.
 */
@Repository
public class Profiles {

    static final int STREAM_BATCH = 1_000;
    static final String COLLECTION = "profiles";
    /** The achievements profiles count, one document each ({@link RecordedAchievement}). */
    static final String ACHIEVEMENTS = "profile_achievements";
    /** The registered contracts profiles count, one document per party ({@link RecordedContract}). */
    static final String CONTRACTS = "profile_contracts";
    /** The points transfers profiles count, one document each ({@link RecordedPoints}). */
    static final String POINTS = "profile_points";
    /** Set on a profile once an achievement of its owner is recorded: re-qualification asks for it. */
    static final String HAS_ACHIEVEMENTS = "hasAchievements";
    /** Set on a profile once a contract is recorded beside it: reading it looks for them. */
    static final String HAS_CONTRACTS = "hasContracts";
    /** Set on a profile once points are recorded beside it: reading it looks for them. */
    static final String HAS_POINTS = "hasPoints";
    /** Set when the profile is created, so its summary covers every fact it holds. */
    static final String SUMMARISED = "summarised";
    /** Contracts ever recorded, cancelled and old ones included: never below the 12 months' count. */
    static final String SUMMARY_CONTRACTS = "summary.contracts";
    /** Whole yuan, rounded up, of every technology transaction amount recorded: never below the 12 months' sum. */
    static final String SUMMARY_AMOUNT_BOUND = "summary.technologyAmountBound";
    /** The largest amount one entry adds to a summary: 10^15 yuan, far above any contract. */
    static final long SUMMARY_CAP = 1_000_000_000_000_000L;
    /** Never below the sum of the points entries: equal to it unless a crash cut an update short. */
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
     * (a cancellation recorded since stays). Returns whether it was new. The profile counts it first, so a crash
     * before the contract is written leaves the summary above the facts, as the redelivery that writes it does.
     */
    boolean addContract(String enterpriseId, ContractFact contract, PartyFacts party, Instant now) {
        RecordedContract recorded = RecordedContract.of(enterpriseId, contract);
        if (mongo.exists(Query.query(Criteria.where("_id").is(recorded.id())), RecordedContract.class)) {
            return false;
        }
        mongo.upsert(Query.query(Criteria.where("_id").is(enterpriseId)), new Update().set(HAS_CONTRACTS, true)
                .set("updatedAt", now).setOnInsert("name", party.name()).setOnInsert("creditCode", party.creditCode())
                .setOnInsert("regionCode", party.regionCode()).setOnInsert(SUMMARISED, true)
                .inc(SUMMARY_CONTRACTS, 1L).inc(SUMMARY_AMOUNT_BOUND, wholeYuanUp(
                        contract.technologyTransactionAmountYuan())), EnterpriseProfile.class);
        return insertOnce(recorded);
    }

    /**
     * A registration changed, cancelled or revoked: corrects the contract in every profile that has it, beside the
     * profile or (stored before) inside it. A corrected amount raises the profiles' bounds first, so a crash before
     * the contracts are corrected leaves the bounds above them; the old amount is not taken off (nor is a cancelled
     * contract's), so a bound stays above the amounts the rules can count, however often this repeats.
     */
    List<String> changeContract(String contractId, BigDecimal contractAmount, BigDecimal technologyAmount,
            boolean cancelled, Instant now) {
        Query recorded = Query.query(Criteria.where("contractId").is(contractId));
        String path = "contracts." + key(contractId);
        Query inside = Query.query(Criteria.where(path).exists(true));
        inside.fields().include("_id");
        Set<String> ids = new LinkedHashSet<>(
                mongo.findDistinct(recorded, "enterpriseId", RecordedContract.class, String.class));
        List<String> holdingInside = mongo.find(inside, Document.class, COLLECTION).stream()
                .map(d -> d.getString("_id")).toList();
        ids.addAll(holdingInside);
        Update profile = new Update().set("updatedAt", now);
        Update contract = new Update().set("cancelled", cancelled);
        Update legacy = new Update().set(path + ".cancelled", cancelled).set("updatedAt", now);
        if (contractAmount != null) {
            contract.set("contractAmountYuan", contractAmount);
            legacy.set(path + ".contractAmountYuan", contractAmount);
        }
        if (technologyAmount != null) {
            profile.inc(SUMMARY_AMOUNT_BOUND, wholeYuanUp(technologyAmount));
            contract.set("technologyTransactionAmountYuan", technologyAmount);
            legacy.set(path + ".technologyTransactionAmountYuan", technologyAmount);
        }
        if (!ids.isEmpty()) {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(ids)), profile, EnterpriseProfile.class);
        }
        mongo.updateMulti(recorded, contract, RecordedContract.class);
        if (!holdingInside.isEmpty()) {
            mongo.updateMulti(Query.query(Criteria.where("_id").in(holdingInside)), legacy, EnterpriseProfile.class);
        }
        return List.copyOf(ids);
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
        return upsertWhere(Criteria.where("_id").is(entryKey(enterpriseId, achievement.achievementId()))
                .and("version").lt(achievement.version()), fact, RecordedAchievement.class);
    }

    /** The id of an enterprise's fact beside its profile: the enterprise and the id of the fact's source. */
    static String entryKey(String enterpriseId, String sourceId) {
        return enterpriseId + "/" + sourceId;
    }

    /**
     * Records the points one ledger transfer posted ({@code points} positive) or took away (negative), once; the same
     * transfer again changes nothing. Points posted are counted in the summary before they are written, points taken
     * away after, so a crash between the two writes leaves the summary above the points, never below.
     */
    boolean putPoints(String enterpriseId, String transferId, long points, Instant now) {
        RecordedPoints recorded = new RecordedPoints(entryKey(enterpriseId, transferId), enterpriseId, transferId,
                points);
        Update profile = new Update().set(HAS_POINTS, true).inc(SUMMARY_POINTS, points).set("updatedAt", now)
                .setOnInsert(SUMMARISED, true);
        Query holder = Query.query(Criteria.where("_id").is(enterpriseId));
        if (points < 0) {
            if (!insertOnce(recorded)) {
                return false;
            }
            mongo.upsert(holder, profile, EnterpriseProfile.class);
            return true;
        }
        if (mongo.exists(Query.query(Criteria.where("_id").is(recorded.id())), RecordedPoints.class)) {
            return false;
        }
        mongo.upsert(holder, profile, EnterpriseProfile.class);
        return insertOnce(recorded);
    }

    /** Writes a fact beside its profile unless it is there already; whether it was new. */
    private boolean insertOnce(Object recorded) {
        try {
            mongo.insert(recorded);
            return true;
        } catch (DuplicateKeyException alreadyThere) {
            return false;
        }
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
        /** Profiles read, a cursor batch at a time: the facts beside them come in one query per kind and batch. */
        private final Deque<EnterpriseProfile> ready = new ArrayDeque<>();

        Scans(Iterator<Candidates.Scan> pending) {
            this.pending = pending;
        }

        @Override
        public boolean hasNext() {
            if (ready.isEmpty()) {
                List<Document> batch = new ArrayList<>(STREAM_BATCH);
                while (batch.size() < STREAM_BATCH && nextStored()) {
                    batch.add(current.next());
                }
                Beside beside = besideOf(batch);
                batch.forEach(d -> ready.add(read(d, beside)));
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

    /** A stored profile with the facts recorded beside it. */
    EnterpriseProfile read(Document stored) {
        return read(stored, besideOf(List.of(stored)));
    }

    /**
     * The facts recorded beside some profiles, by enterprise and then by {@link #key} of the fact's source id: one
     * query per kind, only for the profiles marked as having any of that kind.
     */
    record Beside(Map<String, Map<String, AchievementFact>> achievements,
            Map<String, Map<String, ContractFact>> contracts, Map<String, Map<String, Long>> points) {
    }

    Beside besideOf(List<Document> profiles) {
        return new Beside(
                recordedBeside(profiles, HAS_ACHIEVEMENTS, RecordedAchievement.class, RecordedAchievement::enterpriseId,
                        RecordedAchievement::achievementId, RecordedAchievement::fact),
                recordedBeside(profiles, HAS_CONTRACTS, RecordedContract.class, RecordedContract::enterpriseId,
                        RecordedContract::contractId, RecordedContract::fact),
                recordedBeside(profiles, HAS_POINTS, RecordedPoints.class, RecordedPoints::enterpriseId,
                        RecordedPoints::transferId, RecordedPoints::points));
    }

    /** One kind of fact recorded beside the profiles marked with {@code marker}: by enterprise, then by source. */
    private <T, F> Map<String, Map<String, F>> recordedBeside(List<Document> profiles, String marker, Class<T> kind,
            Function<T, String> enterprise, Function<T, String> source, Function<T, F> fact) {
        List<String> ids = profiles.stream().filter(d -> Boolean.TRUE.equals(d.get(marker)))
                .map(d -> d.getString("_id")).toList();
        Map<String, Map<String, F>> recorded = new HashMap<>();
        if (!ids.isEmpty()) {
            for (T entry : mongo.find(Query.query(Criteria.where("enterpriseId").in(ids)), kind)) {
                recorded.computeIfAbsent(enterprise.apply(entry), e -> new HashMap<>())
                        .put(key(source.apply(entry)), fact.apply(entry));
            }
        }
        return recorded;
    }

    /**
     * A stored profile read field by field, with the facts recorded {@code beside} it; the certificate, which few
     * profiles have, by the mapping layer. A profile stored before the facts moved beside it holds some itself: a
     * contract held there has had every change since (it wins), and points are kept under their transfer either way.
     */
    EnterpriseProfile read(Document stored, Beside beside) {
        String id = stored.getString("_id");
        Map<String, ContractFact> contracts = new HashMap<>(beside.contracts().getOrDefault(id, Map.of()));
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
        Map<String, Long> points = new HashMap<>(beside.points().getOrDefault(id, Map.of()));
        Document storedPoints = stored.get("points", Document.class);
        if (storedPoints != null) {
            storedPoints.forEach((key, value) -> points.put(key, ((Number) value).longValue()));
        }
        Document highTech = stored.get("highTech", Document.class);
        Document consent = stored.get("consent", Document.class);
        return new EnterpriseProfile(stored.getString("_id"), stored.getString("name"),
                stored.getString("creditCode"), stored.getString("regionCode"), stored.getString("institutionType"),
                contracts, EnterpriseProfile.newestOf(achievements, beside.achievements().getOrDefault(id, Map.of())),
                points,
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
        return amount.setScale(0, RoundingMode.CEILING).longValueExact();
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
