package org.mengkeju.catalog.trading;

/** Examples of the trading API's documents, realistic and valid: the document conformance test sends them. */
final class TradingExamples {

    private TradingExamples() {
    }

    static final String EXAMPLE_ACHIEVEMENT = "ach-7f3c2a9e41d84b0c";
    static final String EXAMPLE_LOT = "lot-0193a9b2f400-1c7d5e08";
    /** A lot at auction; the walk of the API document finds it there. */
    static final String EXAMPLE_AUCTION = "lot-0193a9d41c00-3e5f7a21";
    /** A lot whose deal is in publication (公示). */
    static final String EXAMPLE_DEAL = "lot-0193a9c0aa00-7b2e4d90";
    static final String EXAMPLE_BUYER = "chifeng-muge-feed";

    static final String LIST_EXAMPLE = """
            {"transferMode":"ASSIGNMENT","startingPriceYuan":895000.00,"incrementYuan":50000.00,
             "reserveYuan":1000000.00,"depositYuan":100000.00,"registrationEndsAt":"2030-06-10T09:00:00Z",
             "auctionEndsAt":"2030-06-12T07:00:00Z","antiSnipingSeconds":300,"buyerRegions":[],"buyerTypes":[]}""";

    static final String DEPOSIT_EXAMPLE = """
            {"institutionId":"chifeng-muge-feed","amountYuan":100000.00,"reference":"ESC-2030-0610-0042"}""";

    static final String BID_EXAMPLE = """
            {"amountYuan":945000.00}""";

    static final String OBJECTION_EXAMPLE = """
            {"reason":"成交方与成果持有单位存在未披露的关联关系。/ The buyer is related to the owner, undisclosed."}""";

    static final String DECISION_EXAMPLE = """
            {"upheld":false,"note":"经核查，双方无关联关系，异议不成立。/ Checked: the parties are unrelated."}""";

    static final String LOT_EXAMPLE = """
            {"lotId":"lot-0193a9d41c00-3e5f7a21","achievementId":"ach-7f3c2a9e41d84b0c",
             "achievementTitle":"玉米皮菌体蛋白生物发酵饲料","industryChain":"MODERN_AGRICULTURE",
             "ownerInstitutionId":"imut","sessionId":null,"transferMode":"ASSIGNMENT",
             "startingPriceYuan":895000.00,"incrementYuan":50000.00,"reserveSet":true,"reserveYuan":null,
             "depositYuan":100000.00,"registrationEndsAt":"2030-06-10T09:00:00Z",
             "auctionEndsAt":"2030-06-12T07:00:00Z","antiSnipingSeconds":300,"buyerRegions":[],"buyerTypes":[],
             "status":"AUCTION","closesAt":"2030-06-12T07:03:10Z","topBidYuan":995000.00,
             "nextMinimumYuan":1045000.00,"leadingBidder":"bidder-002","bidCount":2,"you":"bidder-001",
             "bidders":[{"pseudonym":"bidder-001","institutionId":null,"qualified":true,
               "depositPaidAt":"2030-06-08T02:00:00Z","depositReleasedAt":null},
              {"pseudonym":"bidder-002","institutionId":null,"qualified":true,
               "depositPaidAt":"2030-06-09T02:00:00Z","depositReleasedAt":null}],
             "bids":[{"number":1,"pseudonym":"bidder-001","institutionId":null,"amountYuan":945000.00,
               "at":"2030-06-12T06:40:00Z"},{"number":2,"pseudonym":"bidder-002","institutionId":null,
               "amountYuan":995000.00,"at":"2030-06-12T06:58:10Z"}],
             "saleMode":null,"unsoldReason":null,"buyerInstitutionId":null,"priceYuan":null,"closedAt":null,
             "publicationEndsAt":null,"finalisedAt":null,"annulledAt":null,"objections":[],"version":7}""";

    static final String PAGE_EXAMPLE = """
            {"items":[{"lotId":"lot-0193a9d41c00-3e5f7a21","achievementId":"ach-7f3c2a9e41d84b0c",
             "achievementTitle":"玉米皮菌体蛋白生物发酵饲料","industryChain":"MODERN_AGRICULTURE",
             "ownerInstitutionId":"imut","transferMode":"ASSIGNMENT","startingPriceYuan":895000.00,
             "status":"AUCTION","registrationEndsAt":"2030-06-10T09:00:00Z","closesAt":"2030-06-12T07:03:10Z",
             "topBidYuan":995000.00,"bidCount":2,"saleMode":null,"priceYuan":null}],"next":null}""";

    static final String PLACED_EXAMPLE = """
            {"pseudonym":"bidder-001","amountYuan":1045000.00,"placedAt":"2030-06-12T06:59:30Z",
             "topBidYuan":1045000.00,"nextMinimumYuan":1095000.00,"closesAt":"2030-06-12T07:04:30Z","bidCount":3}""";

    static final String OBJECTION_VIEW_EXAMPLE = """
            {"number":1,"filedBy":null,"reason":"成交方与成果持有单位存在未披露的关联关系。","filedAt":"2030-06-13T03:00:00Z",
             "upheld":null,"decisionNote":null,"decidedAt":null}""";

    static final String STATISTICS_EXAMPLE = """
            {"by":"SESSION","rows":[{"key":"ses-0193a7b0c2d4-1f2e3d4c","lots":11,"decided":11,"sold":11,
             "soldRate":1.0000,"startingPriceYuan":8950000.00,"finalPriceYuan":12300000.00,"premiumPercent":37.4}]}""";

    static final String EVENTS_EXAMPLE = """
            {"lotId":"lot-0193a9d41c00-3e5f7a21","events":[
             {"id":"1","type":"bid","bidNumber":1,"bidder":"bidder-001","amountYuan":945000.00,
              "at":"2030-06-12T06:40:00Z","closesAt":"2030-06-12T07:00:00Z","status":null,"saleMode":null,
              "unsoldReason":null},
             {"id":"2","type":"bid","bidNumber":2,"bidder":"bidder-002","amountYuan":995000.00,
              "at":"2030-06-12T06:58:10Z","closesAt":"2030-06-12T07:03:10Z","status":null,"saleMode":null,
              "unsoldReason":null},
             {"id":"2-extended","type":"extended","bidNumber":2,"bidder":"bidder-002","amountYuan":null,
              "at":"2030-06-12T06:58:10Z","closesAt":"2030-06-12T07:03:10Z","status":null,"saleMode":null,
              "unsoldReason":null}],
             "lastEventId":"2-extended"}""";

    static final String EVENT_STREAM_EXAMPLE = """
            id: 2
            event: bid
            data: {"id":"2","type":"bid","bidNumber":2,"bidder":"bidder-002","amountYuan":995000.00,"at":"2030-06-12T06:58:10Z","closesAt":"2030-06-12T07:03:10Z","status":null,"saleMode":null,"unsoldReason":null}

            id: 2-extended
            event: extended
            data: {"id":"2-extended","type":"extended","bidNumber":2,"bidder":"bidder-002","amountYuan":null,"at":"2030-06-12T06:58:10Z","closesAt":"2030-06-12T07:03:10Z","status":null,"saleMode":null,"unsoldReason":null}

            id: closed
            event: closed
            data: {"id":"closed","type":"closed","bidNumber":2,"bidder":"bidder-002","amountYuan":995000.00,"at":"2030-06-12T07:03:10Z","closesAt":"2030-06-12T07:03:10Z","status":"PUBLICATION","saleMode":"AUCTION","unsoldReason":null}
            """;
}
