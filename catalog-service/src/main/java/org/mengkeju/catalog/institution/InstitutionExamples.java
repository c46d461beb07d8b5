package org.mengkeju.catalog.institution;

/** Examples for the API document, from the region's real institutions. */
final class InstitutionExamples {

    static final String EXAMPLE_ID = "imut";

    static final String REGISTER_EXAMPLE = """
            {"id":"imut","name":"内蒙古工业大学","creditCode":"12150000460030036T","type":"PUBLIC_UNIVERSITY",\
            "regionCode":"150100"}""";

    static final String VIEW_EXAMPLE = """
            {"id":"imut","name":"内蒙古工业大学","creditCode":"12150000460030036T","type":"PUBLIC_UNIVERSITY",\
            "publicResearchBody":true,"regionCode":"150100","registeredAt":"2026-05-18T02:30:00Z"}""";

    static final String PAGE_EXAMPLE = """
            {"items":[""" + VIEW_EXAMPLE + """
            ],"next":"imut"}""";

    private InstitutionExamples() {
    }
}
