package org.mengkeju.catalog.inquiry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.mengkeju.events.EventJson;
import org.mengkeju.events.catalog.InquiryAnswered;
import org.mengkeju.events.catalog.InquiryOpened;

class InquiryTest {

    static final Instant ASKED = Instant.parse("2026-12-08T03:15:20Z");
    static final Instant ANSWERED = Instant.parse("2026-12-08T06:40:00Z");
    static final Buyer BANK = new Buyer("boimc-leads", "FINANCE_INSTITUTION", "boimc", "institution:boimc");

    static Inquiry asked(String sessionId) {
        return Inquiry.open(new InquiryId("inq-0193a7c2e4f1-5b8d09aa"), "ach-7f3c2a9e41d84b0c", "玉米皮菌体蛋白生物发酵饲料",
                "imut", BANK, "  许可方式下首年许可费和提成比例如何？ ", sessionId, "boimc-2026-0042", "fingerprint", ASKED);
    }

    @Test
    void askingOpensAThreadAwaitingTheOwnerAndTheEventSaysWhoAskedButNotWhat() {
        Inquiry inquiry = asked("ses-0193a7b0c2d4-1f2e3d4c");

        assertThat(inquiry.status()).isEqualTo(InquiryStatus.AWAITING_ANSWER);
        assertThat(inquiry.messages()).singleElement().satisfies(m -> {
            assertThat(m.number()).isEqualTo(1);
            assertThat(m.side()).isEqualTo(InquirySide.BUYER);
            assertThat(m.text()).isEqualTo("许可方式下首年许可费和提成比例如何？");
        });
        assertThat(inquiry.pendingEvents()).singleElement().satisfies(event -> {
            assertThat(event.type()).isEqualTo(InquiryOpened.CONTRACT.type());
            assertThat(event.key()).isEqualTo("inq-0193a7c2e4f1-5b8d09aa");
            assertThat(event.payload()).doesNotContain("许可费");
            assertThat(EventJson.read(event.payload(), InquiryOpened.class)).isEqualTo(new InquiryOpened(
                    "inq-0193a7c2e4f1-5b8d09aa", "ach-7f3c2a9e41d84b0c", "imut", "boimc-leads", "FINANCE_INSTITUTION",
                    "boimc", "ses-0193a7b0c2d4-1f2e3d4c", ASKED));
        });
    }

    @Test
    void theOwnersAnswersAreNumberedAndEachRecordsInquiryAnsweredWhileAFollowUpPutsTheOwnerToMoveAgain() {
        Inquiry inquiry = asked(null);

        assertThat(inquiry.post(InquirySide.OWNER, "imut-tto", "首年许可费80万元，此后按销售额3%提成。", "a-1", ANSWERED)
                .added()).isTrue();
        assertThat(inquiry.status()).isEqualTo(InquiryStatus.ANSWERED);
        inquiry.post(InquirySide.BUYER, "boimc-leads", "能否分期支付？", "f-1", ANSWERED.plusSeconds(60));
        assertThat(inquiry.status()).isEqualTo(InquiryStatus.AWAITING_ANSWER);
        inquiry.post(InquirySide.OWNER, "imut-tto", "可以，分两期。", "a-2", ANSWERED.plusSeconds(120));

        assertThat(inquiry.answers()).isEqualTo(2);
        assertThat(inquiry.messages()).extracting(InquiryMessage::side).containsExactly(InquirySide.BUYER,
                InquirySide.OWNER, InquirySide.BUYER, InquirySide.OWNER);
        assertThat(inquiry.messages()).extracting(InquiryMessage::number).containsExactly(1, 2, 3, 4);
        var answers = inquiry.pendingEvents().stream().filter(e -> e.type().equals(InquiryAnswered.CONTRACT.type()))
                .map(e -> EventJson.read(e.payload(), InquiryAnswered.class)).toList();
        assertThat(answers).extracting(InquiryAnswered::answerNumber).containsExactly(1, 2);
        assertThat(answers.getFirst().answeredBy()).isEqualTo("imut-tto");
        assertThat(answers.getFirst().answeredAt()).isEqualTo(ANSWERED);
        assertThat(inquiry.lastMessageAt()).isEqualTo(ANSWERED.plusSeconds(120));
    }

    @Test
    void anOperatorsNoteChangesNobodysMoveAndRecordsNothing() {
        Inquiry inquiry = asked(null);

        inquiry.post(InquirySide.PLATFORM, "ops-console", "已电话提醒成果方尽快回复。", "n-1", ANSWERED);

        assertThat(inquiry.status()).isEqualTo(InquiryStatus.AWAITING_ANSWER);
        assertThat(inquiry.answers()).isZero();
        assertThat(inquiry.pendingEvents()).extracting(e -> e.type()).containsExactly(InquiryOpened.CONTRACT.type());
    }

    @Test
    void aRetriedMessageIsFoundNotAddedAndTheSameKeyWithOtherTextIsRefused() {
        Inquiry inquiry = asked(null);
        inquiry.post(InquirySide.OWNER, "imut-tto", "首年许可费80万元。", "a-1", ANSWERED);

        var retry = inquiry.post(InquirySide.OWNER, "imut-tto", "首年许可费80万元。", "a-1", ANSWERED.plusSeconds(5));

        assertThat(retry.added()).isFalse();
        assertThat(retry.message().number()).isEqualTo(2);
        assertThat(inquiry.messages()).hasSize(2);
        assertThat(inquiry.answers()).isEqualTo(1);
        assertThatThrownBy(() -> inquiry.post(InquirySide.OWNER, "imut-tto", "首年许可费90万元。", "a-1", ANSWERED))
                .isInstanceOf(Inquiry.KeyReused.class).hasMessageContaining("a-1").hasMessageContaining("message 2");
        // Another author's key is another key.
        assertThat(inquiry.post(InquirySide.BUYER, "boimc-leads", "收到。", "a-1", ANSWERED).added()).isTrue();
    }

    @Test
    void aThreadHoldsAtMostTwoHundredMessages() {
        Inquiry inquiry = asked(null);
        for (int i = 2; i <= Inquiry.MAX_MESSAGES; i++) {
            inquiry.post(i % 2 == 0 ? InquirySide.OWNER : InquirySide.BUYER, i % 2 == 0 ? "imut-tto" : "boimc-leads",
                    "第" + i + "条", "k-" + i, ASKED.plusSeconds(i));
        }
        assertThat(inquiry.messages()).hasSize(200);

        assertThatThrownBy(() -> inquiry.post(InquirySide.BUYER, "boimc-leads", "再问一句", "k-201", ANSWERED))
                .isInstanceOf(Inquiry.ThreadFull.class).hasMessageContaining("200");
        assertThat(inquiry.messages()).hasSize(200);
    }

    @Test
    void aBlankMessageIsRefused() {
        Inquiry inquiry = asked(null);

        assertThatThrownBy(() -> inquiry.post(InquirySide.OWNER, "imut-tto", " \n ", "a-1", ANSWERED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(inquiry.messages()).hasSize(1);
    }

    @Test
    void idsSortInTheOrderInquiriesCameIn() {
        String earlier = InquiryId.next(ASKED).value();
        String later = InquiryId.next(ASKED.plusMillis(1)).value();

        assertThat(earlier).matches(InquiryId.PATTERN);
        assertThat(earlier).isLessThan(later);
    }
}
