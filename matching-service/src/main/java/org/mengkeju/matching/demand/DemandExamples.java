package org.mengkeju.matching.demand;

/** Examples of the demands API's documents, realistic and valid: the document conformance test sends them. */
final class DemandExamples {

    private DemandExamples() {
    }

    static final String EXAMPLE_ID = "dem-4b1e0c9a7d2f4e81";
    static final String POST_EXAMPLE = """
            {"title":"稀土抛光粉废料中铈的回收提纯",
             "problem":"每年产生约800吨稀土抛光粉废料，希望回收其中的氧化铈，纯度达到99.9%以上，并降低酸耗。",
             "ownerInstitutionId":"baotou-rare-earth-polish","industryChain":"RARE_EARTHS","field":"稀土冶炼分离",
             "regionCode":"150200","budgetMinYuan":500000.00,"budgetMaxYuan":2000000.00,
             "transferModes":["LICENCE","DEVELOPMENT"],"wantedMaturity":"PILOT","deadline":"2027-06-30",
             "contact":{"name":"王工","phone":"0472-5123456"}}""";
    static final String VIEW_EXAMPLE = """
            {"id":"dem-4b1e0c9a7d2f4e81","title":"稀土抛光粉废料中铈的回收提纯",
             "problem":"每年产生约800吨稀土抛光粉废料，希望回收其中的氧化铈，纯度达到99.9%以上，并降低酸耗。",
             "ownerInstitutionId":"baotou-rare-earth-polish","industryChain":"RARE_EARTHS","field":"稀土冶炼分离",
             "regionCode":"150200","budgetMinYuan":500000.00,"budgetMaxYuan":2000000.00,
             "transferModes":["LICENCE","DEVELOPMENT"],"wantedMaturity":"PILOT","deadline":"2027-06-30",
             "expiresAt":"2027-06-30T16:00:00Z","status":"OPEN","triage":null,"triagedBy":null,"triagedAt":null,
             "note":null,"contact":{"name":"王工","phone":"0472-5123456"},"postedAt":"2026-11-22T02:15:30.125Z",
             "matchedAt":null,"closedAt":null,"expiredAt":null,"version":0}""";
    static final String REVISE_EXAMPLE = """
            {"problem":"每年产生约800吨稀土抛光粉废料，含氧化铈约35%，希望回收提纯至99.9%以上，并降低酸耗。",
             "budgetMaxYuan":2500000.00,"note":"已补充废料成分检测报告"}""";
    static final String TRIAGE_EXAMPLE = """
            {"decision":"REFINED","note":"已与企业核实：废料含铈约35%，优先考虑可许可的湿法回收工艺。",
             "title":"稀土抛光粉废料中铈的湿法回收提纯"}""";
    static final String TRIAGED_EXAMPLE = """
            {"id":"dem-4b1e0c9a7d2f4e81","title":"稀土抛光粉废料中铈的湿法回收提纯",
             "problem":"每年产生约800吨稀土抛光粉废料，希望回收其中的氧化铈，纯度达到99.9%以上，并降低酸耗。",
             "ownerInstitutionId":"baotou-rare-earth-polish","industryChain":"RARE_EARTHS","field":"稀土冶炼分离",
             "regionCode":"150200","budgetMinYuan":500000.00,"budgetMaxYuan":2000000.00,
             "transferModes":["LICENCE","DEVELOPMENT"],"wantedMaturity":"PILOT","deadline":"2027-06-30",
             "expiresAt":"2027-06-30T16:00:00Z","status":"OPEN","triage":"REFINED","triagedBy":"nmg-broker-0412",
             "triagedAt":"2026-11-23T03:15:00Z","note":"已与企业核实：废料含铈约35%，优先考虑可许可的湿法回收工艺。",
             "contact":{"name":"王工","phone":"0472-5123456"},"postedAt":"2026-11-22T02:15:30.125Z",
             "matchedAt":null,"closedAt":null,"expiredAt":null,"version":1}""";
    static final String STATUS_EXAMPLE = """
            {"status":"MATCHED","note":"与内蒙古科技大学的湿法回收工艺对接成功，进入许可谈判。"}""";
    static final String MATCHED_EXAMPLE = """
            {"id":"dem-4b1e0c9a7d2f4e81","title":"稀土抛光粉废料中铈的湿法回收提纯",
             "problem":"每年产生约800吨稀土抛光粉废料，希望回收其中的氧化铈，纯度达到99.9%以上，并降低酸耗。",
             "ownerInstitutionId":"baotou-rare-earth-polish","industryChain":"RARE_EARTHS","field":"稀土冶炼分离",
             "regionCode":"150200","budgetMinYuan":500000.00,"budgetMaxYuan":2000000.00,
             "transferModes":["LICENCE","DEVELOPMENT"],"wantedMaturity":"PILOT","deadline":"2027-06-30",
             "expiresAt":"2027-06-30T16:00:00Z","status":"MATCHED","triage":"REFINED","triagedBy":"nmg-broker-0412",
             "triagedAt":"2026-11-23T03:15:00Z","note":"与内蒙古科技大学的湿法回收工艺对接成功，进入许可谈判。",
             "contact":{"name":"王工","phone":"0472-5123456"},"postedAt":"2026-11-22T02:15:30.125Z",
             "matchedAt":"2026-12-02T06:40:00Z","closedAt":null,"expiredAt":null,"version":2}""";
    static final String PAGE_EXAMPLE = "{\"items\":[" + VIEW_EXAMPLE + "],\"next\":null}";
}
