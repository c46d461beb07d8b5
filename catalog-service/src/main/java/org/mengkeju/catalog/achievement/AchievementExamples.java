package org.mengkeju.catalog.achievement;

/** Examples of the achievements API's documents, realistic and valid: the document conformance test sends them. */
final class AchievementExamples {

    private AchievementExamples() {
    }

    static final String EXAMPLE_ID = "ach-7f3c2a9e41d84b0c";
    static final String CREATE_EXAMPLE = """
            {"title":"玉米皮菌体蛋白生物发酵饲料",
             "summary":"Microbial-protein feed fermented from corn husk; 1048 yuan more profit per tonne of husk.",
             "ownerInstitutionId":"imut","industryChain":"MODERN_AGRICULTURE","maturity":"INDUSTRIALISED",
             "transferModes":["LICENCE","ASSIGNMENT"],"askingPriceYuan":1500000.00}""";
    static final String DRAFT_EXAMPLE = """
            {"id":"ach-7f3c2a9e41d84b0c","title":"玉米皮菌体蛋白生物发酵饲料",
             "summary":"Microbial-protein feed fermented from corn husk; 1048 yuan more profit per tonne of husk.",
             "ownerInstitutionId":"imut","industryChain":"MODERN_AGRICULTURE","maturity":"INDUSTRIALISED",
             "transferModes":["ASSIGNMENT","LICENCE"],"askingPriceYuan":1500000.00,"status":"DRAFT",
             "createdAt":"2026-11-22T02:15:30.125Z","publishedAt":null,"version":0}""";
    static final String PUBLISHED_EXAMPLE = """
            {"id":"ach-7f3c2a9e41d84b0c","title":"玉米皮菌体蛋白生物发酵饲料",
             "summary":"Microbial-protein feed fermented from corn husk; 1048 yuan more profit per tonne of husk.",
             "ownerInstitutionId":"imut","industryChain":"MODERN_AGRICULTURE","maturity":"INDUSTRIALISED",
             "transferModes":["ASSIGNMENT","LICENCE"],"askingPriceYuan":1500000.00,"status":"PUBLISHED",
             "createdAt":"2026-11-22T02:15:30.125Z","publishedAt":"2026-11-22T02:20:04.310Z","version":2}""";

    static final String STEP_EXAMPLE = """
            {"action":"SUBMIT","note":"Pilot data from the 2026 trial attached."}""";

    static final String SUBMITTED_EXAMPLE = """
            {"id":"ach-7f3c2a9e41d84b0c","title":"玉米皮菌体蛋白生物发酵饲料",
             "summary":"Microbial-protein feed fermented from corn husk; 1048 yuan more profit per tonne of husk.",
             "ownerInstitutionId":"imut","industryChain":"MODERN_AGRICULTURE","maturity":"INDUSTRIALISED",
             "transferModes":["ASSIGNMENT","LICENCE"],"askingPriceYuan":1500000.00,"status":"SUBMITTED",
             "createdAt":"2026-11-22T02:15:30.125Z","version":1}""";

    static final String HISTORY_EXAMPLE = """
            [{"action":"SUBMIT","from":"DRAFT","to":"SUBMITTED","actor":"imut-tto","at":"2026-11-22T02:18:00Z"},
             {"action":"PUBLISH","from":"SUBMITTED","to":"PUBLISHED","actor":"ops-console",
              "at":"2026-11-22T02:20:04.310Z"}]""";
}
