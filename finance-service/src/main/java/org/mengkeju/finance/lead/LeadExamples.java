package org.mengkeju.finance.lead;

/** Examples of the leads API's documents, realistic and valid: the document conformance test sends them. */
final class LeadExamples {

    private LeadExamples() {
    }

    static final String EXAMPLE_PRODUCT = "fp-9a0b1c2d3e4f5061";
    static final String EXAMPLE_ID = "ld-4f1c2a9b7e3d5068";

    static final String APPLY_EXAMPLE = """
            {"requestedAmountYuan":3000000}""";

    static final String OUTCOME_EXAMPLE = """
            {"outcome":"CONTACTED"}""";

    static final String LEAD_EXAMPLE = """
            {"leadId":"ld-4f1c2a9b7e3d5068","position":42,"productId":"fp-9a0b1c2d3e4f5061","productVersion":2,
             "productType":"IP_PLEDGE_LOAN","productName":"知识产权质押贷","institutionId":"boimc","status":"APPROVED",
             "removed":false,"origin":"QUALIFIED","applied":false,
             "enterprise":{"enterpriseId":"btre-sulfide","name":"包头稀土硫化物新材料有限公司",
               "creditCode":"91150200MA0Q3XK21B","regionCode":"150200"},
             "reasons":[{"field":"REGISTERED_CONTRACTS_12M","actual":"3","required":"≥ 2",
               "text":"近12个月登记技术合同份数 3，要求 ≥ 2"}],
             "facts":{"highTechEnterprise":true,"registeredContracts12m":3,
               "technologyTransactionAmount12mYuan":6200000.00,"publishedAchievements":2,"transactedAchievements":1,"grantedPatents":3,
               "innovationPoints":670,"regionCode":"150200","institutionType":"ENTERPRISE"},
             "requestedAmountYuan":null,"approvedAmountYuan":3000000,"approvedOn":"2026-11-18",
             "disbursedAmountYuan":null,"disbursedOn":null,"rejectionReason":null,
             "openedAt":"2026-11-03T01:20:00Z","changedAt":"2026-11-18T07:45:10Z"}""";

    static final String FEED_EXAMPLE = "{\"items\":[" + LEAD_EXAMPLE + "],\"next\":\"bGYxOjQy\",\"more\":false}";
}
