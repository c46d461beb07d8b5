package org.mengkeju.finance.webhook;

/** Examples of the webhook API's documents, realistic and valid: the document conformance test sends them. */
final class WebhookExamples {

    private WebhookExamples() {
    }

    static final String REGISTER_EXAMPLE = """
            {"url":"https://open-api.boimc.example/mengkeju/leads"}""";
    static final String REGISTERED_EXAMPLE = """
            {"institutionId":"boimc","url":"https://open-api.boimc.example/mengkeju/leads",
             "secret":"whsec_3q2-7wEjw9N0x9v0k7iQ4Zp2T6s1uB8yHc5dLmXaR0E","signatureHeader":"X-Mengkeju-Signature",
             "cursor":"bGVhZHM6MTIwNDg","failures":0,"lastError":null,"lastFailureAt":null,"lastDeliveredAt":null,
             "deliveredBatches":0,"nextAttemptAt":"2026-11-30T08:00:00Z","registeredAt":"2026-11-30T08:00:00Z"}""";
    static final String WEBHOOK_EXAMPLE = """
            {"institutionId":"boimc","url":"https://open-api.boimc.example/mengkeju/leads","secret":null,
             "signatureHeader":"X-Mengkeju-Signature","cursor":"bGVhZHM6MTIxMDA","failures":2,
             "lastError":"answered HTTP 503","lastFailureAt":"2026-11-30T08:10:03Z",
             "lastDeliveredAt":"2026-11-30T08:09:58Z","deliveredBatches":14,"nextAttemptAt":"2026-11-30T08:10:05Z",
             "registeredAt":"2026-11-30T08:00:00Z"}""";
}
