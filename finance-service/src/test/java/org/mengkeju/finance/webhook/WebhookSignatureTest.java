package org.mengkeju.finance.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    static final Instant AT = Instant.parse("2026-11-30T08:00:00Z");

    @Test
    void aSignatureIsTheHmacOfTheTimestampAndTheBody() {
        // HMAC-SHA256("whsec_test", "1796025600.{}"), computed independently with openssl
        assertThat(WebhookSignature.sign("whsec_test", AT, "{}")).isEqualTo(
                "t=1796025600,v1=c0c6043d1fb3209219ef7ed5b433b1a3d5566876f4d48b6cf6c2b8516ffdcdf8");
    }

    @Test
    void theReceiverAcceptsItOnlyFreshAndUnchanged() {
        String header = WebhookSignature.sign("whsec_test", AT, "{\"items\":[]}");

        assertThat(WebhookSignature.verify("whsec_test", header, "{\"items\":[]}", AT.plusSeconds(60))).isTrue();
        assertThat(WebhookSignature.verify("whsec_test", header, "{\"items\":[1]}", AT)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", header, "{\"items\":[]}",
                AT.plus(WebhookSignature.TOLERANCE).plus(Duration.ofSeconds(1)))).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", "t=abc,v1=00", "{}", AT)).isFalse();
        assertThat(WebhookSignature.verify("whsec_test", null, "{}", AT)).isFalse();
    }

    @Test
    void backoffDoublesFromOneSecondUpToTenMinutes() {
        assertThat(LeadWebhook.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(LeadWebhook.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(LeadWebhook.backoff(5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(LeadWebhook.backoff(11)).isEqualTo(Duration.ofMinutes(10));
        assertThat(LeadWebhook.backoff(500)).isEqualTo(Duration.ofMinutes(10));
    }
}
