package org.mengkeju.devstore;

import java.util.List;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;

/**
 * A filter on the id and something more (a conditional update: {@code _id} and the version it was read at, or the
 * state it must still be in) answered through the id's index. The library uses an index only when the filter names
 * exactly its fields, so {@code {_id: x, version: 3}} read the whole collection; MongoDB narrows by the id and tests
 * the rest on that one document, and so does this.
 */
final class ById {

    private ById() {
    }

    /** The positions of the documents the filter's id names, or null when it names none this way. */
    static <P> Iterable<P> positions(List<Index<P>> indexes, Document query) {
        if (query.size() < 2 || !query.containsKey("_id")) {
            return null; // the id alone the library's own index answers; without it, nothing to narrow by
        }
        Document byId = new Document("_id", query.get("_id"));
        for (Index<P> index : indexes) {
            if (index.canHandle(byId)) {
                return index.getPositions(byId);
            }
        }
        return null;
    }
}
