package org.mengkeju.catalog.trading;

import java.time.Instant;

/**
 * What a lot's watchers are told (竞价动态), derived from the lot itself: each accepted bid by its bidder's pseudonym,
 * each move of the close a bid in the anti-sniping window caused (延时), and the close with its outcome. Derived, not
 * stored: the same history gives the same events with the same ids on every replica and after every restart, so a
 * watcher that reconnects with the last id it saw resumes after it.
 *
 * <p>Ids: {@code 12} for the twelfth accepted bid, {@code 12-extended} for the move of the close it caused,
 * {@code closed} for the close; {@code 0} is before the first bid.
 *
 * @param number    the bid's number in the lot's history (for the close: how many bids there were)
 * @param pseudonym the bidder as the other bidders know it (for the close: the winner's, if the lot was sold)
 * @param amountFen the bid (for the close: the price, if sold)
 * @param closesAt  the auction's close after this event
 * @param status    the lot's status after the close; null on bids and extensions
 */
record AuctionEvent(Type type, int number, String pseudonym, Long amountFen, Instant at, Instant closesAt,
        LotStatus status, SaleMode saleMode, UnsoldReason unsoldReason) {

    /** The kinds of event, named as the stream names them. */
    enum Type {
        BID("bid"), EXTENDED("extended"), CLOSED("closed");

        private final String streamName;

        Type(String streamName) {
            this.streamName = streamName;
        }

        String streamName() {
            return streamName;
        }
    }

    static final String CLOSED_ID = "closed";
    private static final String EXTENDED_SUFFIX = "-extended";
    /** What a Last-Event-ID must look like. */
    static final String ID_PATTERN = "(0|[1-9][0-9]{0,5})(" + EXTENDED_SUFFIX + ")?|" + CLOSED_ID;

    static AuctionEvent bid(int number, Bid bid, Instant closesAt) {
        return new AuctionEvent(Type.BID, number, bid.pseudonym(), bid.amountFen(), bid.at(), closesAt, null, null,
                null);
    }

    static AuctionEvent extended(int number, Bid bid, Instant closesAt) {
        return new AuctionEvent(Type.EXTENDED, number, bid.pseudonym(), null, bid.at(), closesAt, null, null, null);
    }

    static AuctionEvent closed(Lot lot, String winner) {
        return new AuctionEvent(Type.CLOSED, lot.bidCount(), winner, lot.priceFen(), lot.closedAt(), lot.closesAt(),
                lot.status(), lot.saleMode(), lot.unsoldReason());
    }

    String id() {
        return switch (type) {
            case BID -> String.valueOf(number);
            case EXTENDED -> number + EXTENDED_SUFFIX;
            case CLOSED -> CLOSED_ID;
        };
    }

    /** Where this event stands in the lot's stream: events are sent in this order. */
    Position position() {
        return switch (type) {
            case BID -> new Position(number, 0);
            case EXTENDED -> new Position(number, 1);
            case CLOSED -> Position.END;
        };
    }

    /** A place in a lot's stream: after bid {@code number}, and after its extension when {@code step} is 1. */
    record Position(long number, int step) implements Comparable<Position> {

        static final Position START = new Position(0, 1);
        static final Position END = new Position(Long.MAX_VALUE, 2);

        /** The position a Last-Event-ID names; null or blank is the start. */
        static Position of(String lastEventId) {
            if (lastEventId == null || lastEventId.isBlank()) {
                return START;
            }
            String id = lastEventId.strip();
            if (!id.matches(ID_PATTERN)) {
                throw new InvalidTerms("Last-Event-ID", "must be an id of this stream: a bid's number, a number "
                        + "followed by " + EXTENDED_SUFFIX + ", or " + CLOSED_ID);
            }
            if (id.equals(CLOSED_ID)) {
                return END;
            }
            if (id.endsWith(EXTENDED_SUFFIX)) {
                return new Position(Long.parseLong(id.substring(0, id.length() - EXTENDED_SUFFIX.length())), 1);
            }
            long number = Long.parseLong(id);
            return number == 0 ? START : new Position(number, 0);
        }

        @Override
        public int compareTo(Position other) {
            int byNumber = Long.compare(number, other.number);
            return byNumber != 0 ? byNumber : Integer.compare(step, other.step);
        }

        boolean isEnd() {
            return equals(END);
        }
    }
}
