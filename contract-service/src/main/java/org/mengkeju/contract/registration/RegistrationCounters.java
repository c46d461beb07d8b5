package org.mengkeju.contract.registration;

import java.time.Instant;
import java.time.Year;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * The serial counters of registration numbers: one document per registration point and year, so a serial is
 * decided by one single-document atomic update and numbers are gap-free per point and year.
 *
 * <p>A serial is reserved <em>for a contract</em>: the {@code $inc} of {@code last} and the entry
 * {@code reservations.<contractId> = serial} are one conditional update (on the {@code last} it read, and only if
 * that contract holds no reservation yet). A process that dies after reserving leaves the entry, so the contract is
 * later completed with exactly that serial: no serial is ever issued without its contract, none twice. The entry is
 * removed once the number is on the contract.
 *
 * <p>One race remains: a second reviewer of the same contract that reserves after the first one finished (and
 * removed its entry) holds a serial its contract no longer needs. It gives it back ({@link #giveBack}): the serial
 * moves to the counter's {@code free} list in the same single-document update, and the next registration of the
 * point takes the lowest free serial before a new one. So the serials issued stay gap-free.
 */
@Component
public class RegistrationCounters {

    static final String COLLECTION = "registrationCounters";
    private static final int MAX_ATTEMPTS = 200;

    private final MongoTemplate mongo;
    /**
     * Reservations on one counter take turns inside this process, so concurrent reviewers do not race each other's
     * conditional updates over and over; between replicas the conditional update alone keeps serials unique.
     */
    private final Map<String, ReentrantLock> turns = new ConcurrentHashMap<>();

    RegistrationCounters(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** A reservation left on a counter: the contract it is for, its serial and when it was made. */
    record Reservation(String counterId, String contractId, long serial, Instant at) {
    }

    /** The counter of {@code point} in {@code year}, e.g. {@code tcr-150100-01/2026}. */
    static String counterId(RegistrationPolicy.Point point, Year year) {
        return point.institutionId() + "/" + year.getValue();
    }

    static Year yearOf(String counterId) {
        return Year.parse(counterId.substring(counterId.lastIndexOf('/') + 1));
    }

    static String institutionOf(String counterId) {
        return counterId.substring(0, counterId.lastIndexOf('/'));
    }

    /** The serial reserved for {@code contractId} on the counter: the one it already holds, or the next one. */
    long reserve(String counterId, String contractId, Instant now) {
        ReentrantLock turn = turns.computeIfAbsent(counterId, id -> new ReentrantLock());
        turn.lock();
        try {
            return reserveInTurn(counterId, contractId, now);
        } finally {
            turn.unlock();
        }
    }

    private long reserveInTurn(String counterId, String contractId, Instant now) {
        String entry = "reservations." + contractId;
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            Document counter = mongo.findById(counterId, Document.class, COLLECTION);
            if (counter == null) {
                // The point's first registration of the year.
                mongo.upsert(Query.query(Criteria.where("_id").is(counterId)),
                        new Update().setOnInsert("last", 0L).setOnInsert("reservations", new Document()), COLLECTION);
                continue;
            }
            Document held = reservationsOf(counter).get(contractId, Document.class);
            if (held != null) {
                return ((Number) held.get("serial")).longValue();
            }
            List<?> free = counter.getList("free", Object.class, List.of());
            if (!free.isEmpty()) {
                long lowest = free.stream().mapToLong(f -> ((Number) f).longValue()).min().orElseThrow();
                var reused = mongo.updateFirst(
                        Query.query(Criteria.where("_id").is(counterId).and("free").is(lowest).and(entry).exists(false)),
                        new Update().pull("free", lowest)
                                .set(entry, new Document("serial", lowest).append("at", Date.from(now))),
                        COLLECTION);
                if (reused.getModifiedCount() == 1) {
                    return lowest;
                }
                continue;
            }
            long last = ((Number) counter.get("last")).longValue();
            if (last >= RegistrationNumber.MAX_SERIAL) {
                throw new IllegalStateException("registration counter " + counterId + " has issued every serial");
            }
            var taken = mongo.updateFirst(
                    Query.query(Criteria.where("_id").is(counterId).and("last").is(last).and(entry).exists(false)),
                    new Update().inc("last", 1L)
                            .set(entry, new Document("serial", last + 1).append("at", Date.from(now))),
                    COLLECTION);
            if (taken.getModifiedCount() == 1) {
                return last + 1;
            }
            // Another registration took this serial, or this contract's own retry reserved one: read again.
        }
        throw new IllegalStateException("registration counter " + counterId + " is too contended; retry");
    }

    /** Forgets the reservation once its number is written on the contract. */
    void release(String counterId, String contractId) {
        mongo.updateFirst(Query.query(Criteria.where("_id").is(counterId)),
                new Update().unset("reservations." + contractId), COLLECTION);
    }

    /**
     * Gives back {@code serial}, reserved for {@code contractId} which got its number another way: the serial goes
     * to the free list, and the next registration of the point takes it.
     */
    void giveBack(String counterId, String contractId, long serial) {
        String entry = "reservations." + contractId;
        mongo.updateFirst(Query.query(Criteria.where("_id").is(counterId).and(entry + ".serial").is(serial)),
                new Update().unset(entry).push("free", serial), COLLECTION);
    }

    /** Serials given back and not yet issued again. */
    List<Long> freeSerials(String counterId) {
        Document counter = mongo.findById(counterId, Document.class, COLLECTION);
        return counter == null ? List.of() : counter.getList("free", Object.class, List.of()).stream()
                .map(f -> ((Number) f).longValue()).sorted().toList();
    }

    /** Reservations made before {@code before}: registrations a crash interrupted, to be completed. */
    List<Reservation> reservationsBefore(Instant before) {
        List<Reservation> found = new ArrayList<>();
        for (Document counter : mongo.findAll(Document.class, COLLECTION)) {
            for (Map.Entry<String, Object> held : reservationsOf(counter).entrySet()) {
                Document reservation = (Document) held.getValue();
                Instant at = reservation.getDate("at").toInstant();
                if (at.isBefore(before)) {
                    found.add(new Reservation(counter.getString("_id"), held.getKey(),
                            ((Number) reservation.get("serial")).longValue(), at));
                }
            }
        }
        return found;
    }

    /** The last serial issued on the counter; 0 when none was. */
    long lastSerial(String counterId) {
        Document counter = mongo.findById(counterId, Document.class, COLLECTION);
        return counter == null ? 0 : ((Number) counter.get("last")).longValue();
    }

    private static Document reservationsOf(Document counter) {
        Object reservations = counter.get("reservations");
        return reservations instanceof Document document ? document : new Document();
    }
}
