package org.mengkeju.catalog.achievement;

/** Examples of the achievements API's documents, realistic and valid: the document conformance test sends them. */
final class AchievementExamples {

    private AchievementExamples() {
    }

    static final String EXAMPLE_ID = "ach-7f3c2a9e41d84b0c";
    static final String CREATE_EXAMPLE = """
            {"title":"玉米皮菌体蛋白生物发酵饲料",
             "summary":"Microbial-protein feed fermented from corn husk; 1048 yuan more profit per tonne of husk.",
             "technologyField":"生物发酵 / bio-fermentation","ownerInstitutionId":"imut",
             "industryChain":"MODERN_AGRICULTURE","keywords":["菌体蛋白","玉米皮","饲料"],"maturity":"INDUSTRIALISED",
             "technologyReadinessLevel":9,
             "ipItems":[{"number":"ZL201710601862.3","type":"INVENTION_PATENT","legalStatus":"GRANTED"}],
             "inventors":[{"name":"王建国","affiliation":"内蒙古工业大学 化工学院"}],
             "transferModes":["LICENCE","ASSIGNMENT"],"askingPriceYuan":1500000.00,
             "attachments":[{"name":"中试检测报告.pdf","url":"https://files.imut.edu.cn/tto/2026/feed-pilot.pdf",
               "sha256":"9f2c1a8e5b7d4c3f0e6a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6a"}]}""";
    static final String REVISE_EXAMPLE = """
            {"title":"玉米皮菌体蛋白生物发酵饲料",
             "summary":"Microbial-protein feed fermented from corn husk; 1048 yuan more profit per tonne of husk.",
             "technologyField":"生物发酵 / bio-fermentation","industryChain":"MODERN_AGRICULTURE",
             "keywords":["菌体蛋白","玉米皮","饲料","反刍动物"],"maturity":"INDUSTRIALISED","technologyReadinessLevel":9,
             "transferModes":["LICENCE","ASSIGNMENT"],"priceRangeYuan":{"minYuan":1200000.00,"maxYuan":1800000.00}}""";
    private static final String LISTING = """
            "id":"ach-7f3c2a9e41d84b0c","title":"玉米皮菌体蛋白生物发酵饲料",
             "summary":"Microbial-protein feed fermented from corn husk; 1048 yuan more profit per tonne of husk.",
             "technologyField":"生物发酵 / bio-fermentation","ownerInstitutionId":"imut",
             "industryChain":"MODERN_AGRICULTURE","keywords":["菌体蛋白","玉米皮","饲料"],"maturity":"INDUSTRIALISED",
             "technologyReadinessLevel":9,
             "ipItems":[{"number":"ZL201710601862.3","type":"INVENTION_PATENT","legalStatus":"GRANTED"}],
             "inventors":[{"name":"王建国","affiliation":"内蒙古工业大学 化工学院"}],
             "transferModes":["ASSIGNMENT","LICENCE"],"askingPriceYuan":1500000.00,
             "price":{"kind":"FIXED","amountYuan":1500000.00,"minYuan":null,"maxYuan":null},"attachments":[],
             "regionCode":"150100","subCenter":null,""";
    static final String DRAFT_EXAMPLE = "{" + LISTING + """
             "status":"DRAFT","createdAt":"2026-11-22T02:15:30.125Z","publishedAt":null,
             "changedAt":"2026-11-22T02:15:30.125Z","version":0}""";
    static final String PUBLISHED_EXAMPLE = "{" + LISTING + """
             "status":"PUBLISHED","createdAt":"2026-11-22T02:15:30.125Z","publishedAt":"2026-11-22T02:20:04.310Z",
             "changedAt":"2026-11-22T02:20:04.310Z","version":2}""";

    static final String PAGE_EXAMPLE = "{\"items\":[" + PUBLISHED_EXAMPLE + "],"
            + "\"next\":\"TkVXRVNUfDE3NjM3Nzc3MzAxMjV8YWNoLTdmM2MyYTllNDFkODRiMGM\"}";

    static final String STEP_EXAMPLE = """
            {"action":"SUBMIT","note":"Pilot data from the 2026 trial attached."}""";

    static final String SUBMITTED_EXAMPLE = "{" + LISTING + """
             "status":"SUBMITTED","createdAt":"2026-11-22T02:15:30.125Z","publishedAt":null,
             "changedAt":"2026-11-22T02:18:00Z","version":1}""";

    static final String HISTORY_EXAMPLE = """
            [{"action":"SUBMIT","from":"DRAFT","to":"SUBMITTED","actor":"imut-tto","at":"2026-11-22T02:18:00Z"},
             {"action":"PUBLISH","from":"SUBMITTED","to":"PUBLISHED","actor":"ops-console",
              "at":"2026-11-22T02:20:04.310Z"}]""";

    static final String REVISIONS_EXAMPLE = """
            [{"version":3,"actor":"imut-tto","at":"2026-11-23T08:00:00Z","changedFields":["keywords","price"],
              "before":{"title":"玉米皮菌体蛋白生物发酵饲料","summary":null,"technologyField":null,
                "industryChain":"MODERN_AGRICULTURE","keywords":["菌体蛋白"],"maturity":"INDUSTRIALISED",
                "technologyReadinessLevel":null,"ipItems":[],"inventors":[],"transferModes":["LICENCE"],
                "price":{"kind":"FIXED","amountYuan":1500000.00,"minYuan":null,"maxYuan":null},"attachments":[]}}]""";
}
