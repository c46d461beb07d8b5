package org.mengkeju.matching.match;

/** Examples of the matching API's documents, realistic and valid: the document conformance test sends them. */
final class MatchExamples {

    private MatchExamples() {
    }

    static final String DEMAND_ID = "dem-4b1e0c9a7d2f4e81";
    /** A public achievement the examples name; the conformance test puts it in the index first. */
    static final String ACHIEVEMENT_ID = "ach-5d0a8c3e2b7f4a19";
    static final String ACHIEVEMENT = """
            {"id":"ach-5d0a8c3e2b7f4a19","title":"稀土抛光粉废料湿法回收氧化铈工艺",
             "summary":"以盐酸优溶与草酸沉淀回收抛光粉废料中的氧化铈，纯度99.95%，酸耗降低30%。",
             "ownerInstitutionId":"imust","industryChain":"RARE_EARTHS","maturity":"PILOT",
             "transferModes":["LICENCE","ASSIGNMENT"],"askingPriceYuan":1200000.00,"regionCode":"150200",
             "status":"PUBLISHED","catalogVersion":3,"changedAt":"2026-11-20T02:30:00Z"}""";
    static final String ACHIEVEMENTS_FOR_DEMAND = """
            {"demandId":"dem-4b1e0c9a7d2f4e81","items":[{"achievement":""" + ACHIEVEMENT + """
            ,"score":132,"reasons":[
              {"kind":"SAME_CHAIN","text":"同属稀土产业链","points":10},
              {"kind":"SHARED_TERMS","text":"共同关键词：抛光粉、废料、氧化铈","points":12},
              {"kind":"TEXT_RELEVANCE","text":"描述与需求最接近","points":60},
              {"kind":"TRANSFER_MODE","text":"可许可","points":15},
              {"kind":"PRICE","text":"报价在预算内（报价120万元，预算上限200万元）","points":15},
              {"kind":"MATURITY","text":"成熟度满足要求：中试阶段","points":10},
              {"kind":"REGION","text":"同在包头市","points":10}]}]}""";
    static final String DEMANDS_FOR_ACHIEVEMENT = """
            {"achievementId":"ach-5d0a8c3e2b7f4a19","items":[{"demand":
              {"id":"dem-4b1e0c9a7d2f4e81","title":"稀土抛光粉废料中铈的回收提纯",
               "problem":"每年产生约800吨稀土抛光粉废料，希望回收其中的氧化铈，纯度达到99.9%以上，并降低酸耗。",
               "ownerInstitutionId":"baotou-rare-earth-polish","industryChain":"RARE_EARTHS","field":"稀土冶炼分离",
               "regionCode":"150200","budgetMinYuan":500000.00,"budgetMaxYuan":2000000.00,
               "transferModes":["LICENCE","DEVELOPMENT"],"wantedMaturity":"PILOT","deadline":"2027-06-30"},
             "score":72,"reasons":[
              {"kind":"SAME_CHAIN","text":"同属稀土产业链","points":10},
              {"kind":"SHARED_TERMS","text":"共同关键词：抛光粉、废料、氧化铈","points":12},
              {"kind":"TRANSFER_MODE","text":"可许可","points":15},
              {"kind":"PRICE","text":"报价在预算内（报价120万元，预算上限200万元）","points":15},
              {"kind":"MATURITY","text":"成熟度满足要求：中试阶段","points":10},
              {"kind":"REGION","text":"同在包头市","points":10}]}]}""";
}
