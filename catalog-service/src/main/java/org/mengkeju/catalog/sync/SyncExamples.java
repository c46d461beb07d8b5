package org.mengkeju.catalog.sync;

/** Examples of the sync API's documents, realistic and valid: the document conformance test sends them. */
final class SyncExamples {

    private SyncExamples() {
    }

    static final String UPLOAD_EXAMPLE = """
            [{"externalId":"ordos-2026-0001","ownerInstitutionId":"imut",
              "listing":{"title":"煤基固废低碳利用技术","summary":"Low-carbon use of coal-based solid waste.",
                "industryChain":"COAL_CHEMICALS","keywords":["固废","低碳"],"maturity":"INDUSTRIALISED",
                "transferModes":["ASSIGNMENT"],"askingPriceYuan":10000000}},
             {"externalId":"ordos-2026-0002","ownerInstitutionId":"imut",
              "listing":{"title":"高炉泥炮自动装炮泥机器人","industryChain":"EQUIPMENT_MANUFACTURING","maturity":"PILOT",
                "transferModes":["LICENCE","DEVELOPMENT"]}}]""";

    static final String UPLOAD_NDJSON = """
            {"externalId":"ordos-2026-0001","ownerInstitutionId":"imut","listing":{"title":"煤基固废低碳利用技术","industryChain":"COAL_CHEMICALS","maturity":"INDUSTRIALISED","transferModes":["ASSIGNMENT"],"askingPriceYuan":10000000}}
            {"externalId":"ordos-2025-0417","withdrawn":true}
            """;

    static final String REPORT_EXAMPLE = """
            {"items":2,"accepted":1,"refused":1,"outcomes":[
              {"index":0,"externalId":"ordos-2026-0001","outcome":"CREATED","achievementId":"ach-3b9d0c7e5a2f4e18",
               "problem":null},
              {"index":1,"externalId":"ordos-2026-0002","outcome":"REFUSED","achievementId":null,
               "problem":"listing.maturity must not be null"}]}""";

    static final String FEED_EXAMPLE = """
            {"changes":[{"position":41,"achievementId":"ach-3b9d0c7e5a2f4e18","version":2,"removed":false,
              "listing":{"id":"ach-3b9d0c7e5a2f4e18","title":"煤基固废低碳利用技术","summary":null,"technologyField":null,
               "ownerInstitutionId":"imut","industryChain":"COAL_CHEMICALS","keywords":["固废","低碳"],
               "maturity":"INDUSTRIALISED","technologyReadinessLevel":null,"ipItems":[],"inventors":[],
               "transferModes":["ASSIGNMENT"],"askingPriceYuan":10000000,
               "price":{"kind":"FIXED","amountYuan":10000000,"minYuan":null,"maxYuan":null},"attachments":[],
               "regionCode":"150600","subCenter":"ordos-center","status":"PUBLISHED",
               "createdAt":"2026-11-30T02:00:00Z","publishedAt":"2026-11-30T03:10:00Z",
               "changedAt":"2026-11-30T03:10:00Z","version":2}},
             {"position":44,"achievementId":"ach-91c0d2f7aa6b4c03","version":5,"removed":true,"listing":null}],
             "next":"ZmVlZDE6NDQ","more":false}""";

    static final String STATE_EXAMPLE = """
            {"subCenter":"ordos-center","regionCode":"150600","lastUploadAt":"2026-11-30T02:00:01Z",
             "lastUploadItems":2,"lastUploadRefused":1,"uploads":7,"itemsAccepted":10412,"itemsRefused":3,
             "recentRefusals":[{"index":1,"externalId":"ordos-2026-0002","problem":"listing.maturity must not be null",
               "at":"2026-11-30T02:00:01Z"}],
             "lastPullAt":"2026-11-30T03:15:00Z","lastPullCursor":"ZmVlZDE6NDQ","pulls":112}""";
}
