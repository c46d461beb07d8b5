package org.mengkeju.catalog.inquiry;

import java.time.Instant;
import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.mengkeju.catalog.session.SessionId;

/** The HTTP shapes of the inquiries API. */
final class InquiryRequests {

    private InquiryRequests() {
    }

    /** The longest message of a thread: a question or an answer, not a document (attach those by reference). */
    static final int MAX_TEXT = 4000;

    /** A buyer's question; {@code sessionId} names the release session the buyer came from, if any. */
    record AskAbout(
            @NotBlank @Size(max = MAX_TEXT) String question,
            @Pattern(regexp = SessionId.PATTERN, message = "must be a session id") String sessionId) {
    }

    /** An answer, a follow-up or an operator's note; which it is follows from who posts it. */
    record PostMessage(@NotBlank @Size(max = MAX_TEXT) String text) {
    }

    /** A message of the thread as the API shows it. */
    record MessageView(int number, InquirySide side, String author, String text, Instant at) {

        static MessageView of(InquiryMessage m) {
            return new MessageView(m.number(), m.side(), m.author(), m.text(), m.at());
        }
    }

    /** An inquiry with its whole thread, oldest message first. */
    record InquiryView(
            String inquiryId,
            String achievementId,
            String achievementTitle,
            String ownerInstitutionId,
            String askedBy,
            String buyerRole,
            String buyerInstitutionId,
            String sessionId,
            InquiryStatus status,
            int answers,
            Instant openedAt,
            Instant lastMessageAt,
            List<MessageView> messages,
            Long version) {

        static InquiryView of(Inquiry i) {
            return new InquiryView(i.id(), i.achievementId(), i.achievementTitle(), i.ownerInstitutionId(),
                    i.askedBy(), i.buyerRole(), i.buyerInstitutionId(), i.sessionId(), i.status(), i.answers(),
                    i.openedAt(), i.lastMessageAt(), i.messages().stream().map(MessageView::of).toList(),
                    i.version());
        }
    }

    /** An inquiry in a list: who asked about what, whose move it is, without the thread. */
    record InquirySummary(
            String inquiryId,
            String achievementId,
            String achievementTitle,
            String ownerInstitutionId,
            String askedBy,
            String buyerRole,
            String buyerInstitutionId,
            String sessionId,
            InquiryStatus status,
            int answers,
            int messages,
            Instant openedAt,
            Instant lastMessageAt) {

        static InquirySummary of(Inquiry i) {
            return new InquirySummary(i.id(), i.achievementId(), i.achievementTitle(), i.ownerInstitutionId(),
                    i.askedBy(), i.buyerRole(), i.buyerInstitutionId(), i.sessionId(), i.status(), i.answers(),
                    i.messages().size(), i.openedAt(), i.lastMessageAt());
        }
    }

    /** A page of inquiries; {@code next} is the cursor of the following page, absent on the last one. */
    record InquiryPage(List<InquirySummary> items, String next) {

        static InquiryPage of(List<Inquiry> inquiries, int limit) {
            List<InquirySummary> items = inquiries.stream().map(InquirySummary::of).toList();
            return new InquiryPage(items, items.size() == limit ? items.getLast().inquiryId() : null);
        }
    }
}
