package org.mengkeju.finance.fund;

/** Examples of the funds API's documents, realistic and valid. */
final class FundExamples {

    private FundExamples() {
    }

    static final String EXAMPLE_ID = "rcf-5a1e2b3c4d6f";

    static final String ESTABLISH_EXAMPLE = """
            {"name":"内蒙古科技型企业贷款风险补偿资金","capitalYuan":110000000,"leverageCap":8.3,
             "institutionIds":["boimc"],"productTypes":["TECH_INNOVATION_CREDIT","IP_PLEDGE_LOAN"]}""";

    static final String VIEW_EXAMPLE = """
            {"fundId":"rcf-5a1e2b3c4d6f","name":"内蒙古科技型企业贷款风险补偿资金","capitalYuan":110000000,
             "leverageCap":8.3,"capacityYuan":913000000.00,"countedYuan":350000000,"headroomYuan":563000000.00,
             "leverageUsed":3.18,"loansCounted":14,"flagged":[],"flaggedYuan":0,"institutionIds":["boimc"],
             "productTypes":["TECH_INNOVATION_CREDIT","IP_PLEDGE_LOAN"],"createdAt":"2026-06-01T02:00:00Z"}""";
}
