package org.mengkeju.catalog.sync;

import java.time.Instant;
import java.util.Date;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.bson.Document;
import org.mengkeju.catalog.achievement.AchievementRequests.AchievementView;
import org.mengkeju.catalog.achievement.AchievementRequests.ReviseAchievement;
import org.mengkeju.catalog.achievement.ChangeFeed;
import org.mengkeju.catalog.achievement.SubCenterListing;
import org.mengkeju.catalog.achievement.SyncOutcome;
import org.mengkeju.platform.web.ApiProblem;

/** The HTTP shapes of sub-center sync. */
final class SyncRequests {

    private SyncRequests() {
    }

    /**
     * One listing of an upload, as the sub-center keeps it: its own id, the owner and the content, or
     * {@code "withdrawn": true} to take it off the market.
     */
    record SyncItem(
            @NotBlank @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}", message = "must be 1 to 100 letters, digits or . _ : -")
            String externalId,
            @Size(min = 1, max = 64) String ownerInstitutionId,
            Boolean withdrawn,
            @Valid ReviseAchievement listing) {

        SubCenterListing toListing(int index) {
            if (Boolean.TRUE.equals(withdrawn)) {
                if (listing != null) {
                    throw ApiProblem.invalid("invalid-item", "Invalid item", "a withdrawal carries no listing");
                }
                return new SubCenterListing(index, externalId, ownerInstitutionId, null, true);
            }
            if (listing == null || ownerInstitutionId == null) {
                throw ApiProblem.invalid("invalid-item", "Invalid item",
                        "listing and ownerInstitutionId are required unless the item is withdrawn");
            }
            return new SubCenterListing(index, externalId, ownerInstitutionId, listing.details(), false);
        }
    }

    /** What an upload did, item by item in the batch's order. */
    record UploadReport(int items, long accepted, long refused, List<SyncOutcome> outcomes) {

        static UploadReport of(List<SyncOutcome> outcomes) {
            long refused = outcomes.stream().filter(o -> !o.outcome().accepted()).count();
            return new UploadReport(outcomes.size(), outcomes.size() - refused, refused, outcomes);
        }
    }

    /** One change of the feed: the listing now, or {@code removed} when the caller no longer sees it. */
    record ChangeView(long position, String achievementId, long version, boolean removed, AchievementView listing) {
    }

    /** A page of the change feed; pass {@code next} as {@code after} next time. */
    record FeedView(List<ChangeView> changes, String next, boolean more) {

        static FeedView of(SyncDesk.FeedPage page) {
            return new FeedView(page.changes().stream().map(FeedView::view).toList(), page.next(), page.more());
        }

        private static ChangeView view(ChangeFeed.Change change) {
            return new ChangeView(change.position(), change.achievementId(), change.version(), change.removed(),
                    change.listing() == null ? null : AchievementView.of(change.listing()));
        }
    }

    /** A refused item as kept in the sync state. */
    record Refusal(int index, String externalId, String problem, Instant at) {
    }

    /** Where a sub-center stands with the catalog. */
    record SyncStateView(String subCenter, String regionCode, Instant lastUploadAt, Integer lastUploadItems,
            Long lastUploadRefused, Integer uploads, Long itemsAccepted, Long itemsRefused,
            List<Refusal> recentRefusals, Instant lastPullAt, String lastPullCursor, Integer pulls) {

        static SyncStateView of(Document d) {
            List<Refusal> refusals = d.getList("recentRefusals", Document.class, List.of()).stream()
                    .map(r -> new Refusal(r.getInteger("index", -1), r.getString("externalId"),
                            r.getString("problem"), instant(r.getDate("at")))).toList();
            Number next = d.get("lastPullNext", Number.class);
            return new SyncStateView(d.getString("_id"), d.getString("regionCode"), instant(d.getDate("lastUploadAt")),
                    d.getInteger("lastUploadItems"), number(d, "lastUploadRefused"), d.getInteger("uploads"),
                    number(d, "itemsAccepted"), number(d, "itemsRefused"), refusals, instant(d.getDate("lastPullAt")),
                    next == null ? null : SyncDesk.FeedCursor.encode(next.longValue()), d.getInteger("pulls"));
        }

        private static Long number(Document d, String field) {
            Number n = d.get(field, Number.class);
            return n == null ? null : n.longValue();
        }

        private static Instant instant(Date date) {
            return date == null ? null : date.toInstant();
        }
    }
}
