package org.mengkeju.finance.consent;

/** Examples of the enterprise-profile API's documents, realistic and valid. */
final class ConsentExamples {

    private ConsentExamples() {
    }

    static final String EXAMPLE_ENTERPRISE = "nmg-jinyu-biotech";

    static final String HIGH_TECH_EXAMPLE = """
            {"certificateNumber":"GR202415000123","validUntil":"2027-10-31"}""";

    static final String PROFILE_EXAMPLE = """
            {"enterpriseId":"nmg-jinyu-biotech","name":"内蒙古金宇生物科技有限公司","creditCode":"91150100MA0N7YQ37X","regionCode":"150100",
             "institutionType":"ENTERPRISE","consent":true,"consentChangedAt":"2026-11-02T03:00:00Z","contracts":3,
             "achievements":2,"facts":{"highTechEnterprise":true,"registeredContracts12m":3,
             "technologyTransactionAmount12mYuan":6200000.00,"publishedAchievements":2,"transactedAchievements":1,"grantedPatents":3,
             "innovationPoints":670,"regionCode":"150100","institutionType":"ENTERPRISE"},
             "highTechCertificate":"GR202415000123","highTechValidUntil":"2027-10-31",
             "updatedAt":"2026-11-18T07:45:10Z"}""";
}
