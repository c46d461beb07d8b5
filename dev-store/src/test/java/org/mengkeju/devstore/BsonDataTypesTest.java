package org.mengkeju.devstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.Decimal128;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.bson.ObjectId;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;
import org.junit.jupiter.api.Test;

class BsonDataTypesTest {

    @Test
    void aDocumentReadsBackAsItWasWrittenWithEveryKindOfValue() {
        Document document = new Document("_id", new ObjectId()).append("title", "玉米皮菌体蛋白生物发酵饲料")
                .append("count", 7).append("total", 12_300_000L).append("share", 0.7)
                .append("amount", new Decimal128(new BigDecimal("1234.50"))).append("at", Instant.ofEpochMilli(1_700_000_000_000L))
                .append("open", true).append("none", null)
                .append("owner", new Document("institution", "imut").append("region", "150100"))
                .append("bids", List.of(new Document("amount", 100L), new Document("amount", 150L)));

        assertThat(roundTrip(BsonDataTypes.Documents.INSTANCE, document)).isEqualTo(document);
    }

    @Test
    void valuesReadBackIncludingTheAbsentOneAndOnesBsonHasNoTypeFor() {
        UUID uuid = UUID.randomUUID();
        for (Object value : List.of("a-1", 42, 42L, new ObjectId(), Instant.EPOCH, Missing.getInstance(), uuid)) {
            assertThat(roundTrip(BsonDataTypes.Values.INSTANCE, value)).isEqualTo(value);
        }
    }

    @Test
    void severalValuesInOneBufferEachEndWhereTheNextBegins() {
        WriteBuffer out = new WriteBuffer();
        Document first = new Document("a", "x".repeat(300));
        BsonDataTypes.Documents.INSTANCE.write(out, first);
        BsonDataTypes.Values.INSTANCE.write(out, "t-7");
        BsonDataTypes.IndexKeys.INSTANCE.write(out, new KeyValue("imut", 3));
        ByteBuffer in = out.getBuffer();
        in.flip();

        assertThat(BsonDataTypes.Documents.INSTANCE.read(in)).isEqualTo(first);
        assertThat(BsonDataTypes.Values.INSTANCE.read(in)).isEqualTo("t-7");
        assertThat(BsonDataTypes.IndexKeys.INSTANCE.read(in)).isEqualTo(new KeyValue("imut", 3));
        assertThat(in.hasRemaining()).isFalse();
    }

    /** An index finds a key by comparing: equal keys compare equal, others in MongoDB's order, field by field. */
    @Test
    void indexKeysCompareFieldByFieldInMongoDbsOrder() {
        BsonDataTypes.IndexKeys keys = BsonDataTypes.IndexKeys.INSTANCE;
        assertThat(keys.compare(new KeyValue("imut", 3), new KeyValue("imut", 3))).isZero();
        assertThat(keys.compare(new KeyValue("imut", 3), new KeyValue("imut", 10))).isNegative();
        assertThat(keys.compare(new KeyValue("imu", 10), new KeyValue("imut", 3))).isNegative();
        assertThat(keys.compare(new KeyValue("imut", 3), new KeyValue("imut"))).isPositive();

        List<KeyValue> sorted = new ArrayList<>(List.of(new KeyValue("b", 2), new KeyValue("a", 10),
                new KeyValue("b", 1), new KeyValue("a", 9)));
        Collections.shuffle(sorted);
        sorted.sort(keys::compare);
        assertThat(sorted).containsExactly(new KeyValue("a", 9), new KeyValue("a", 10), new KeyValue("b", 1),
                new KeyValue("b", 2));
    }

    private static <T> T roundTrip(DataType<T> type, T value) {
        WriteBuffer out = new WriteBuffer();
        type.write(out, value);
        ByteBuffer in = out.getBuffer();
        in.flip();
        T read = type.read(in);
        assertThat(in.hasRemaining()).isFalse();
        return read;
    }
}
