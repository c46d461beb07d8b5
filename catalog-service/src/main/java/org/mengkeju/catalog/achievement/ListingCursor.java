package org.mengkeju.catalog.achievement;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Where a page of a listing search ended: the sort, the sort key and the id of its last listing, as an opaque
 * string. The next page starts strictly after that (key, id), so listings added or changed meanwhile neither repeat
 * nor push others off the page; a listing whose sort key changed may move, as it would in any live list.
 */
record ListingCursor(ListingQuery.Sort sort, long key, String id) {

    String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (sort.name() + "|" + key + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The cursor a client sent back; one that does not decode, or was made for another sort, is a 400. */
    static ListingCursor decode(String cursor, ListingQuery.Sort expected) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 3);
            ListingCursor decoded = new ListingCursor(ListingQuery.Sort.valueOf(parts[0]), Long.parseLong(parts[1]),
                    parts[2]);
            if (decoded.sort != expected) {
                throw new InvalidListing("after", "this cursor belongs to a search sorted " + decoded.sort
                        + ", not " + expected);
            }
            return decoded;
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            if (e instanceof InvalidListing invalid) {
                throw invalid;
            }
            throw new InvalidListing("after", "is not a cursor this API gave out");
        }
    }
}
