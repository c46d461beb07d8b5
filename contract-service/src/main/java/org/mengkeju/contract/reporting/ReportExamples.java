package org.mengkeju.contract.reporting;

/** Examples of the reports' documents, realistic and valid: the document conformance test reads them. */
final class ReportExamples {

    private ReportExamples() {
    }

    static final String POST_SUBSIDIES_EXAMPLE = """
            {"claimYear":2026,"from":"2025-11-01","to":"2026-10-31",
             "contracts":[{"contractId":"ctr-5b1e9d07c2a34f68","registrationNumber":"2026150101000042",
               "registeredOn":"2026-05-26","type":"LICENCE",
               "seller":{"institutionId":"imut","name":"内蒙古工业大学","creditCode":"12150000460030036T",
                         "regionCode":"150100","publicResearchBody":true},
               "buyer":{"institutionId":null,"name":"赤峰市草原牧歌饲料有限公司","creditCode":"91150400MA0N2K7X37",
                        "regionCode":"150400","publicResearchBody":false},
               "brokers":[{"institutionId":"nmg-tto","name":"内蒙古自治区技术转移中心","creditCode":"12150000MB1A23456W",
                           "regionCode":"150100","publicResearchBody":false}],
               "contractAmountYuan":1500000.00,"technologyTransactionAmountYuan":1262400.50}],
             "perInstitution":[
               {"creditCode":"12150000460030036T","name":"内蒙古工业大学","institutionId":"imut","contracts":1,
                "contractAmountYuan":1500000.00,"technologyTransactionAmountYuan":1262400.50},
               {"creditCode":"91150400MA0N2K7X37","name":"赤峰市草原牧歌饲料有限公司","institutionId":null,"contracts":1,
                "contractAmountYuan":1500000.00,"technologyTransactionAmountYuan":1262400.50}],
             "perBroker":[
               {"creditCode":"12150000MB1A23456W","name":"内蒙古自治区技术转移中心","institutionId":"nmg-tto","contracts":1,
                "contractAmountYuan":1500000.00,"technologyTransactionAmountYuan":1262400.50}]}""";
    static final String STATISTICS_EXAMPLE = """
            [{"month":"2026-05","type":"LICENCE","regionCode":"150100","registered":12,
              "technologyTransactionAmountYuan":18725000.00},
             {"month":"2026-05","type":"DEVELOPMENT","regionCode":"150600","registered":3,
              "technologyTransactionAmountYuan":10000000.00}]""";
}
