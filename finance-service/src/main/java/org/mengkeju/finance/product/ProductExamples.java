package org.mengkeju.finance.product;

/** Examples of the products API's documents, realistic and valid: the document conformance test sends them. */
final class ProductExamples {

    private ProductExamples() {
    }

    static final String EXAMPLE_ID = "fp-9a0b1c2d3e4f5061";

    static final String RULES = """
            [{"anyOf":[{"field":"REGISTERED_CONTRACTS_12M","atLeast":2},
                       {"field":"TECHNOLOGY_TRANSACTION_AMOUNT_12M","atLeast":5000000}]},
             {"anyOf":[{"field":"PUBLISHED_ACHIEVEMENTS","atLeast":1}]},
             {"anyOf":[{"field":"REGION","in":["150100","150200","150600"]}]}]""";

    static final String PUBLISH_EXAMPLE = """
            {"type":"IP_PLEDGE_LOAN","name":"知识产权质押贷","amountMinYuan":500000,"amountMaxYuan":10000000,
             "termMonthsMin":12,"termMonthsMax":36,"rateMinPercent":3.45,"rateMaxPercent":4.35,"rules":""" + RULES + "}";

    static final String REVISE_EXAMPLE = """
            {"name":"知识产权质押贷（2027版）","amountMinYuan":500000,"amountMaxYuan":20000000,
             "termMonthsMin":12,"termMonthsMax":36,"rateMinPercent":3.2,"rateMaxPercent":4.2,"rules":""" + RULES + "}";

    static final String VIEW_EXAMPLE = """
            {"productId":"fp-9a0b1c2d3e4f5061","institutionId":"boimc","type":"IP_PLEDGE_LOAN","name":"知识产权质押贷",
             "amountMinYuan":500000,"amountMaxYuan":10000000,"termMonthsMin":12,"termMonthsMax":36,
             "rateMinPercent":3.45,"rateMaxPercent":4.35,"rules":""" + RULES + """
            ,"status":"ACTIVE","productVersion":1,"requalifiedVersion":1,
             "createdAt":"2026-11-02T02:00:00Z","updatedAt":"2026-11-02T02:00:00Z"}""";

    static final String PAGE_EXAMPLE = "{\"items\":[" + VIEW_EXAMPLE + "],\"next\":null}";
}
