package org.mengkeju.catalog.session;

/** Examples of the release sessions API's documents, realistic and valid: the document conformance test sends them. */
final class SessionExamples {

    private SessionExamples() {
    }

    static final String EXAMPLE_ID = "ses-0193a7b0c2d4-1f2e3d4c";
    static final String EXAMPLE_ACHIEVEMENT = "ach-7f3c2a9e41d84b0c";

    static final String SCHEDULE_EXAMPLE = """
            {"title":"稀土新材料专场成果发布会","industryChain":"RARE_EARTHS","date":"2026-12-08",
             "place":"包头稀土高新区科技大厦","regionCode":"150200"}""";

    static final String VIEW_EXAMPLE = """
            {"sessionId":"ses-0193a7b0c2d4-1f2e3d4c","title":"稀土新材料专场成果发布会","industryChain":"RARE_EARTHS",
             "date":"2026-12-08","place":"包头稀土高新区科技大厦","regionCode":"150200",
             "scheduledBy":"baotou-sub-center","scheduledAt":"2026-11-20T01:30:00Z",
             "programme":[{"achievementId":"ach-7f3c2a9e41d84b0c","ownerInstitutionId":"cas-baotou",
               "listedBy":"baotou-sub-center","listedAt":"2026-11-25T08:00:00Z"}],"version":1}""";

    static final String PAGE_EXAMPLE = """
            {"items":[""" + VIEW_EXAMPLE + """
            ],"next":"ses-0193a7b0c2d4-1f2e3d4c"}""";

    static final String PRESENTED_EXAMPLE = """
            {"sessionId":"ses-0193a7b0c2d4-1f2e3d4c","items":[{"achievementId":"ach-7f3c2a9e41d84b0c",
             "title":"稀土硫化物着色剂","ownerInstitutionId":"cas-baotou","industryChain":"RARE_EARTHS",
             "status":"PUBLISHED","listedAt":"2026-11-25T08:00:00Z"}]}""";

    static final String RESULTS_EXAMPLE = """
            {"sessionId":"ses-0193a7b0c2d4-1f2e3d4c","achievementsPresented":2,"inquiriesReceived":5,
             "underNegotiation":1,"dealsFollowed":1,
             "achievements":[{"achievementId":"ach-7f3c2a9e41d84b0c","title":"稀土硫化物着色剂",
               "ownerInstitutionId":"cas-baotou","status":"TRANSACTED","inquiries":3},
              {"achievementId":"ach-2b9e0c4d71a35f86","title":"稀土永磁同步电机高效控制技术",
               "ownerInstitutionId":"imut","status":"UNDER_NEGOTIATION","inquiries":2}]}""";
}
