package org.mengkeju.devstore;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.backend.ValueComparator;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;
import org.h2.mvstore.type.ObjectDataType;

/**
 * How the durable store keeps documents, index keys and positions in its MVStore pages: as BSON, the form they came
 * in over the wire. The H2 backend alone leaves them to the MVStore's {@link ObjectDataType}, which knows none of
 * these classes: it writes and reads every document with Java serialization, and compares two index keys by
 * serializing both, once per step of every index lookup. Under a sub-center's upload that was about half of the
 * store's CPU.
 *
 * <p>Keys compare as MongoDB orders values ({@link ValueComparator}), so an index answers a lookup with a few cheap
 * comparisons.
 */
final class BsonDataTypes {

    /** A value BSON has no type for (none that a client can send): written as the MVStore would write it. */
    private static final byte OTHER = 0x40;
    /** The absence of a value (a document without the indexed field, or without an id). */
    private static final byte MISSING = 0x41;

    private static final ValueComparator ORDER = ValueComparator.ascWithoutListHandling();
    private static final ObjectDataType FALLBACK = new ObjectDataType();

    private BsonDataTypes() {
    }

    /** A collection's documents. */
    static final class Documents extends BasicDataType<Document> {

        static final Documents INSTANCE = new Documents();

        @Override
        public int getMemory(Document document) {
            return estimate(document, 0);
        }

        @Override
        public void write(WriteBuffer buffer, Document document) {
            encode(buffer, out -> BsonEncoder.encodeDocument(document, out));
        }

        @Override
        public Document read(ByteBuffer buffer) {
            return decode(buffer, BsonDecoder::decodeBson);
        }

        @Override
        public Document[] createStorage(int size) {
            return new Document[size];
        }
    }

    /** Single values: a document's position (its id) in the collection and in its unique indexes. */
    static final class Values extends BasicDataType<Object> {

        static final Values INSTANCE = new Values();

        @Override
        public int compare(Object a, Object b) {
            return ORDER.compare(a, b);
        }

        @Override
        public int getMemory(Object value) {
            return estimate(value, 0);
        }

        @Override
        public void write(WriteBuffer buffer, Object value) {
            writeValue(buffer, value);
        }

        @Override
        public Object read(ByteBuffer buffer) {
            return readValue(buffer);
        }

        @Override
        public Object[] createStorage(int size) {
            return new Object[size];
        }
    }

    /** A unique index's keys: the indexed fields' values of one document, compared field by field. */
    static final class IndexKeys extends BasicDataType<KeyValue> {

        static final IndexKeys INSTANCE = new IndexKeys();

        @Override
        public int compare(KeyValue a, KeyValue b) {
            int common = Math.min(a.size(), b.size());
            for (int i = 0; i < common; i++) {
                int order = ORDER.compare(a.get(i), b.get(i));
                if (order != 0) {
                    return order;
                }
            }
            return Integer.compare(a.size(), b.size());
        }

        @Override
        public int getMemory(KeyValue key) {
            int memory = 24;
            for (Object value : key) {
                memory += estimate(value, 0);
            }
            return memory;
        }

        @Override
        public void write(WriteBuffer buffer, KeyValue key) {
            buffer.putVarInt(key.size());
            for (Object value : key) {
                writeValue(buffer, value);
            }
        }

        @Override
        public KeyValue read(ByteBuffer buffer) {
            int size = DataUtils.readVarInt(buffer);
            List<Object> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(readValue(buffer));
            }
            return new KeyValue(values);
        }

        @Override
        public KeyValue[] createStorage(int size) {
            return new KeyValue[size];
        }
    }

    private static void writeValue(WriteBuffer buffer, Object value) {
        if (value instanceof Missing) {
            buffer.put(MISSING);
            return;
        }
        byte type;
        try {
            type = BsonEncoder.determineType(value);
        } catch (RuntimeException notBson) {
            buffer.put(OTHER);
            FALLBACK.write(buffer, value);
            return;
        }
        buffer.put(type);
        encode(buffer, out -> BsonEncoder.encodeValue(type, value, out));
    }

    private static Object readValue(ByteBuffer buffer) {
        byte type = buffer.get();
        if (type == MISSING) {
            return Missing.getInstance();
        }
        if (type == OTHER) {
            return FALLBACK.read(buffer);
        }
        return decode(buffer, in -> BsonDecoder.decodeValue(type, in));
    }

    /** Encodes with the wire protocol's encoder (a Netty buffer) into the MVStore's page buffer. */
    private static void encode(WriteBuffer buffer, Consumer<ByteBuf> encoder) {
        ByteBuf out = Unpooled.buffer(64);
        encoder.accept(out);
        buffer.put(out.array(), out.arrayOffset() + out.readerIndex(), out.readableBytes());
    }

    /** Decodes one value at the page buffer's position and moves the position past it. */
    private static <T> T decode(ByteBuffer buffer, Function<ByteBuf, T> decoder) {
        ByteBuf in = Unpooled.wrappedBuffer(buffer.duplicate());
        T value = decoder.apply(in);
        buffer.position(buffer.position() + in.readerIndex());
        return value;
    }

    /**
     * A rough size in memory, for the MVStore's page cache and page splits; cheap and bounded in depth, unlike
     * encoding the value to measure it.
     */
    private static int estimate(Object value, int depth) {
        if (value instanceof String text) {
            return 40 + 2 * text.length();
        }
        if (depth > 4) {
            return 64;
        }
        if (value instanceof Map<?, ?> map) {
            int memory = 48;
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                memory += 32 + estimate(entry.getKey(), depth + 1) + estimate(entry.getValue(), depth + 1);
            }
            return memory;
        }
        if (value instanceof Collection<?> values) {
            int memory = 40;
            for (Object element : values) {
                memory += 8 + estimate(element, depth + 1);
            }
            return memory;
        }
        if (value instanceof byte[] bytes) {
            return 16 + bytes.length;
        }
        return 24;
    }
}
