package org.mengkeju.contract.registration;

/** Examples of the contracts API's documents, realistic and valid: the document conformance test sends them. */
final class ContractExamples {

    private ContractExamples() {
    }

    static final String EXAMPLE_ID = "ctr-5b1e9d07c2a34f68";
    static final String SUBMIT_EXAMPLE = """
            {"type":"LICENCE","subType":"EXCLUSIVE","title":"玉米皮菌体蛋白生物发酵饲料生产技术独占许可合同",
             "seller":{"institutionId":"imut","name":"内蒙古工业大学","creditCode":"12150000460030036T",
                       "regionCode":"150100","publicResearchBody":true},
             "buyer":{"name":"赤峰市草原牧歌饲料有限公司","creditCode":"91150400MA0N2K7X37","regionCode":"150400",
                      "publicResearchBody":false},
             "brokers":[{"institutionId":"nmg-tto","name":"内蒙古自治区技术转移中心","creditCode":"12150000MB1A23456W",
                         "regionCode":"150100","publicResearchBody":false}],
             "signedOn":"2026-05-12","validFrom":"2026-05-12","validUntil":"2031-05-11",
             "contractAmountYuan":1500000.00,
             "nonTechnicalCosts":[{"kind":"EQUIPMENT","description":"发酵罐两台","amountYuan":237599.50}],
             "payments":[{"dueOn":"2026-06-30","amountYuan":500000.00},{"dueOn":"2027-06-30","amountYuan":1000000.00}],
             "achievementIds":["ach-7f3c2a9e41d84b0c"],
             "documents":["docs://imut/2026/ctr-0042/contract.pdf"],
             "inventorSharePercent":70}""";
    static final String DECISION_EXAMPLE = """
            {"decision":"ACCEPT_FOR_REVIEW"}""";
    static final String REFUSE_EXAMPLE = """
            {"decision":"REFUSE","reasons":["MONOPOLISING_CLAUSE","SEALS_MISMATCH"],
             "note":"第十二条限制买方在合同技术基础上进行改进；乙方印章与合同载明名称不符。"}""";
    static final String REGISTER_EXAMPLE = """
            {"decision":"REGISTER"}""";
    static final String CONTRACT_EXAMPLE = """
            {"id":"ctr-5b1e9d07c2a34f68","status":"REGISTERED","type":"LICENCE","subType":"EXCLUSIVE",
             "title":"玉米皮菌体蛋白生物发酵饲料生产技术独占许可合同",
             "seller":{"institutionId":"imut","name":"内蒙古工业大学","creditCode":"12150000460030036T",
                       "regionCode":"150100","publicResearchBody":true},
             "buyer":{"institutionId":null,"name":"赤峰市草原牧歌饲料有限公司","creditCode":"91150400MA0N2K7X37",
                      "regionCode":"150400","publicResearchBody":false},
             "brokers":[{"institutionId":"nmg-tto","name":"内蒙古自治区技术转移中心","creditCode":"12150000MB1A23456W",
                         "regionCode":"150100","publicResearchBody":false}],
             "signedOn":"2026-05-12","validFrom":"2026-05-12","validUntil":"2031-05-11",
             "contractAmountYuan":1500000.00,
             "nonTechnicalCosts":[{"kind":"EQUIPMENT","description":"发酵罐两台","amountYuan":237599.50}],
             "nonTechnicalCostsYuan":237599.50,"technologyTransactionAmountYuan":1262400.50,
             "payments":[{"dueOn":"2026-06-30","amountYuan":500000.00},{"dueOn":"2027-06-30","amountYuan":1000000.00}],
             "achievementIds":["ach-7f3c2a9e41d84b0c"],"achievementCheck":"VERIFIED","unknownAchievementIds":[],
             "achievementMismatches":[],"documents":["docs://imut/2026/ctr-0042/contract.pdf"],"inventorSharePercent":70,
             "correctsContractId":null,"dealId":null,"registrationRegionCode":"150100","rulesEffectiveFrom":"2026-01-01","expertReviewRequired":false,
             "expertReviewedAt":null,"registrationInstitutionId":"tcr-150100-01","reviewDueOn":"2026-06-09",
             "awaitingDocumentsSince":null,"overdue":false,"reasons":[],"note":null,
             "registrationNumber":"2026150101000042","submittedAt":"2026-05-18T02:15:30.125Z",
             "registeredAt":"2026-05-26T03:15:00Z","amendments":[],"version":4}""";
    static final String PAGE_EXAMPLE = "{\"items\":[" + CONTRACT_EXAMPLE + "],\"next\":\"ctr-5b1e9d07c2a34f68\"}";
    static final String CHANGE_EXAMPLE = """
            {"kind":"CHANGE","reason":"补充协议：许可期限延长一年","validUntil":"2032-05-11"}""";
    static final String CANCEL_EXAMPLE = """
            {"kind":"CANCEL","reason":"双方协商一致解除合同（解除协议2026年9月3日签订）"}""";
}
