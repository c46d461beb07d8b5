package org.mengkeju.catalog.inquiry;

/** Examples of the inquiries API's documents, realistic and valid: the document conformance test sends them. */
final class InquiryExamples {

    private InquiryExamples() {
    }

    static final String EXAMPLE_ID = "inq-0193a7c2e4f1-5b8d09aa";
    static final String EXAMPLE_ACHIEVEMENT = "ach-7f3c2a9e41d84b0c";

    static final String ASK_EXAMPLE = """
            {"question":"许可方式下首年许可费和提成比例如何？是否可提供中试检测报告？ / What are the first-year licence fee \
            and the royalty rate under a licence, and can you share the pilot test report?"}""";

    static final String MESSAGE_EXAMPLE = """
            {"text":"首年许可费80万元，此后按销售额3%提成；中试报告可在签署保密协议后提供。"}""";

    static final String THREAD_EXAMPLE = """
            {"inquiryId":"inq-0193a7c2e4f1-5b8d09aa","achievementId":"ach-7f3c2a9e41d84b0c",
             "achievementTitle":"玉米皮菌体蛋白生物发酵饲料","ownerInstitutionId":"imut","askedBy":"boimc-leads",
             "buyerRole":"FINANCE_INSTITUTION","buyerInstitutionId":"boimc","sessionId":"ses-0193a7b0c2d4-1f2e3d4c",
             "status":"ANSWERED","answers":1,"openedAt":"2026-12-08T03:15:20Z","lastMessageAt":"2026-12-08T06:40:00Z",
             "messages":[{"number":1,"side":"BUYER","author":"boimc-leads",
               "text":"许可方式下首年许可费和提成比例如何？","at":"2026-12-08T03:15:20Z"},
              {"number":2,"side":"OWNER","author":"imut-tto",
               "text":"首年许可费80万元，此后按销售额3%提成。","at":"2026-12-08T06:40:00Z"}],"version":1}""";

    static final String OPENED_EXAMPLE = """
            {"inquiryId":"inq-0193a7c2e4f1-5b8d09aa","achievementId":"ach-7f3c2a9e41d84b0c",
             "achievementTitle":"玉米皮菌体蛋白生物发酵饲料","ownerInstitutionId":"imut","askedBy":"boimc-leads",
             "buyerRole":"FINANCE_INSTITUTION","buyerInstitutionId":"boimc","sessionId":null,
             "status":"AWAITING_ANSWER","answers":0,"openedAt":"2026-12-08T03:15:20Z",
             "lastMessageAt":"2026-12-08T03:15:20Z","messages":[{"number":1,"side":"BUYER","author":"boimc-leads",
               "text":"许可方式下首年许可费和提成比例如何？","at":"2026-12-08T03:15:20Z"}],"version":0}""";

    static final String PAGE_EXAMPLE = """
            {"items":[{"inquiryId":"inq-0193a7c2e4f1-5b8d09aa","achievementId":"ach-7f3c2a9e41d84b0c",
             "achievementTitle":"玉米皮菌体蛋白生物发酵饲料","ownerInstitutionId":"imut","askedBy":"boimc-leads",
             "buyerRole":"FINANCE_INSTITUTION","buyerInstitutionId":"boimc","sessionId":null,"status":"ANSWERED",
             "answers":1,"messages":2,"openedAt":"2026-12-08T03:15:20Z","lastMessageAt":"2026-12-08T06:40:00Z"}],
             "next":"inq-0193a7c2e4f1-5b8d09aa"}""";
}
