package org.mengkeju.matching.proposal;

/** Examples of the proposals API's documents, realistic and valid: the document conformance test sends them. */
final class ProposalExamples {

    private ProposalExamples() {
    }

    static final String DEMAND_ID = "dem-4b1e0c9a7d2f4e81";
    static final String PROPOSAL_ID = "prp-1764470400000-3f9a2c1d";
    static final String PROPOSE_EXAMPLE = """
            {"achievementId":"ach-5d0a8c3e2b7f4a19","note":"湿法回收工艺已完成中试，建议与企业对接。"}""";
    static final String VIEW_EXAMPLE = """
            {"proposalId":"prp-1764470400000-3f9a2c1d","demandId":"dem-4b1e0c9a7d2f4e81",
             "achievementId":"ach-5d0a8c3e2b7f4a19","demandOwnerInstitutionId":"baotou-rare-earth-polish",
             "achievementOwnerInstitutionId":"imust","score":105,"reasons":[
              {"kind":"SAME_CHAIN","text":"同属稀土产业链","points":30},
              {"kind":"SHARED_TERMS","text":"共同关键词：稀土、抛光、废料","points":24},
              {"kind":"TRANSFER_MODE","text":"可许可","points":15},
              {"kind":"PRICE","text":"报价在预算内（报价120万元，预算上限200万元）","points":15},
              {"kind":"MATURITY","text":"成熟度满足要求：中试阶段","points":10},
              {"kind":"REGION","text":"同在包头市","points":10}],
             "proposedBy":"nmg-broker-0412","proposedAt":"2026-11-30T02:40:00Z","status":"PROPOSED",
             "statusChangedAt":"2026-11-30T02:40:00Z","note":"湿法回收工艺已完成中试，建议与企业对接。","version":0}""";
    static final String PAGE_EXAMPLE = "{\"items\":[" + VIEW_EXAMPLE + "],\"next\":null}";
    static final String STATUS_EXAMPLE = """
            {"status":"CONTACTED","note":"已安排企业与成果团队电话沟通。"}""";
}
