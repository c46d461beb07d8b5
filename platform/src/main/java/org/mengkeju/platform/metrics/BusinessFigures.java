package org.mengkeju.platform.metrics;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * A business figure for dashboards read from a service's own collection: how many documents have each value of one
 * field (listings by status, contracts by status), and optionally the total of an amount field over them. Counted
 * when the metrics are read and the last count is older than the refresh interval, so an unwatched service counts
 * nothing and a watched one counts at most once per interval, however often it is scraped.
 *
 * <p>Amounts are summed exactly in Java, whatever the store keeps them as (a string, Decimal128 or a number), and
 * only over the values named for summing, so the read stays small (registered contracts, not drafts).
 */
public final class BusinessFigures {

    private final MongoTemplate mongo;
    private final Clock clock;
    private final Duration refresh;
    private final String collection;
    private final String field;
    private volatile Map<String, Long> counts = Map.of();
    private volatile Instant countedAt = Instant.EPOCH;

    public BusinessFigures(MongoTemplate mongo, Clock clock, Duration refresh, String collection, String field) {
        this.mongo = mongo;
        this.clock = clock;
        this.refresh = refresh;
        this.collection = collection;
        this.field = field;
    }

    /**
     * Registers {@code name{tag=value}} for each of {@code values}: the documents whose field has that value.
     */
    public BusinessFigures countEach(MeterRegistry meters, String name, String tag, Collection<String> values,
            String description) {
        for (String value : values) {
            // Held strongly: a figure is made by its owner and not kept by it, and Micrometer holds gauges weakly.
            Gauge.builder(name, this, figures -> figures.count(value)).description(description).tag(tag, value)
                    .strongReference(true).register(meters);
        }
        return this;
    }

    /**
     * Registers {@code name}: the total of {@code amountField} over the documents whose field is one of
     * {@code values}, counted at most once per refresh interval like the counts.
     */
    public BusinessFigures sumOver(MeterRegistry meters, String name, String amountField, List<String> values,
            String description) {
        Sum sum = new Sum(amountField, values);
        Gauge.builder(name, sum, Sum::value).description(description).strongReference(true).register(meters);
        return this;
    }

    /** Documents whose field has {@code value}, as last counted. */
    public long count(String value) {
        if (stale(countedAt)) {
            recount();
        }
        return counts.getOrDefault(value, 0L);
    }

    private boolean stale(Instant at) {
        return at.plus(refresh).isBefore(clock.instant());
    }

    private synchronized void recount() {
        if (!stale(countedAt)) {
            return; // another scrape thread counted meanwhile
        }
        Map<String, Long> fresh = new HashMap<>();
        for (Document group : mongo.getCollection(collection).aggregate(List.of(
                new Document("$group", new Document("_id", "$" + field).append("n", new Document("$sum", 1)))))) {
            Object value = group.get("_id");
            if (value != null) {
                fresh.put(value.toString(), group.get("n", Number.class).longValue());
            }
        }
        counts = Map.copyOf(fresh);
        countedAt = clock.instant();
    }

    /** The exact total of an amount field over the documents with some values of the field. */
    private final class Sum {
        private final String amountField;
        private final List<String> values;
        private volatile BigDecimal total = BigDecimal.ZERO;
        private volatile Instant summedAt = Instant.EPOCH;

        Sum(String amountField, List<String> values) {
            this.amountField = amountField;
            this.values = List.copyOf(values);
        }

        double value() {
            if (stale(summedAt)) {
                resum();
            }
            return total.doubleValue();
        }

        private synchronized void resum() {
            if (!stale(summedAt)) {
                return;
            }
            BigDecimal fresh = BigDecimal.ZERO;
            for (Document d : mongo.getCollection(collection).find(Filters.in(field, values))
                    .projection(Projections.include(amountField))) {
                fresh = fresh.add(amountOf(d.get(amountField)));
            }
            total = fresh;
            summedAt = clock.instant();
        }
    }

    static BigDecimal amountOf(Object stored) {
        if (stored == null) {
            return BigDecimal.ZERO;
        }
        if (stored instanceof Decimal128 decimal) {
            return decimal.bigDecimalValue();
        }
        if (stored instanceof BigDecimal decimal) {
            return decimal;
        }
        return new BigDecimal(stored.toString());
    }
}
