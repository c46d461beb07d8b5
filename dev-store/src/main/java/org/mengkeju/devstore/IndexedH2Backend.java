package org.mengkeju.devstore;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.ReplyBatches;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import org.h2.mvstore.MVStore;

/**
 * The store kept in an H2 file, with the databases of {@link IndexedH2Database} and batches sized as MongoDB sizes
 * them ({@link ReplyBatches}).
 */
public class IndexedH2Backend extends H2Backend {

    public IndexedH2Backend(MVStore store) {
        super(store);
    }

    public IndexedH2Backend(String file) {
        super(file);
    }

    @Override
    protected MongoDatabase openOrCreateDatabase(String databaseName) {
        return IndexedH2Database.open(databaseName, getMvStore(), getCursorRegistry());
    }

    /** At most 16 MiB per batch, as MongoDB answers. */
    @Override
    protected Document handleGetMore(String databaseName, String command, Document query) {
        Document answer = ReplyBatches.nextBatch(getCursorRegistry(), databaseName, query);
        return answer != null ? answer : super.handleGetMore(databaseName, command, query);
    }
}
