package org.mengkeju.contract.deal;

/** Examples of the deals API's documents, realistic and valid: the document conformance test reads them. */
final class DealExamples {

    private DealExamples() {
    }

    static final String EXAMPLE_ID = "lot-019a8f3c2e10-5b1e9d07";
    static final String DEAL_EXAMPLE = """
            {"dealId":"lot-019a8f3c2e10-5b1e9d07","achievementId":"ach-7f3c2a9e41d84b0c",
             "achievementTitle":"玉米皮菌体蛋白生物发酵饲料生产技术","transferMode":"ASSIGNMENT","saleMode":"AUCTION",
             "priceYuan":3680000.00,"startingPriceYuan":2800000.00,
             "seller":{"institutionId":"imut","name":"内蒙古工业大学","creditCode":"12150000460030036T",
                       "regionCode":"150100","publicResearchBody":true},
             "buyer":{"institutionId":"yili","name":"内蒙古伊利实业集团股份有限公司","creditCode":"91150100MA0N1YL015",
                      "regionCode":"150100","publicResearchBody":false},
             "registrationRegionCode":"150100","sessionId":null,"finalisedAt":"2026-11-20T02:00:00Z",
             "contractDraft":{"type":"TRANSFER","title":"玉米皮菌体蛋白生物发酵饲料生产技术技术转让合同",
               "seller":{"institutionId":"imut","name":"内蒙古工业大学","creditCode":"12150000460030036T",
                         "regionCode":"150100","publicResearchBody":true},
               "buyer":{"institutionId":"yili","name":"内蒙古伊利实业集团股份有限公司","creditCode":"91150100MA0N1YL015",
                        "regionCode":"150100","publicResearchBody":false},
               "contractAmountYuan":3680000.00,"achievementIds":["ach-7f3c2a9e41d84b0c"],
               "dealId":"lot-019a8f3c2e10-5b1e9d07"},
             "toComplete":["subType","signedOn","validFrom","validUntil","payments","documents","inventorSharePercent"]}""";
    static final String PAGE_EXAMPLE = "{\"items\":[" + DEAL_EXAMPLE + "],\"next\":null}";
}
