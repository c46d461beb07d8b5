package org.mengkeju.events.matching;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A step in a demand's life after it was posted: the enterprise's own revision, a broker's triage (refined, sent back for re-diagnosis, moved to
 * long-term tracking), matched, closed, or expired after its deadline. It carries the demand as it stands after the
 * step, so an index or a dashboard never calls back.
 *
 * @param demandId           matching-service's id of the demand
 * @param action             what happened: {@code REVISE} (the enterprise restated it), {@code REFINE},
 *                           {@code SEND_BACK}, {@code TRACK_LONG_TERM}, {@code MATCH}, {@code CLOSE}, {@code EXPIRE}
 * @param fromStatus         the status before: {@code OPEN}, {@code MATCHED}, {@code CLOSED} or {@code EXPIRED}
 * @param toStatus           the status after (a triage step keeps the demand {@code OPEN})
 * @param triage             the broker's last triage decision after the step: {@code REFINED},
 *                           {@code SENT_BACK} or {@code LONG_TERM_TRACKING}; absent when never triaged
 * @param actor              the API client that did it, or {@code matching-service} for an expiry
 * @param note               the broker's or owner's note; absent when none was given
 * @param title              the problem in one line, after the step
 * @param problem            the problem statement after the step; absent when none was given
 * @param ownerInstitutionId the enterprise that posted it
 * @param industryChain      the industry chain after the step
 * @param field              the technical field after the step; absent when none was given
 * @param regionCode         the league-city (盟市) of the enterprise
 * @param budgetMinYuan      the lower end of the budget in yuan; absent when open
 * @param budgetMaxYuan      the upper end of the budget in yuan; absent when open
 * @param transferModes      the ways the enterprise would take the technology
 * @param wantedMaturity     the least maturity a solution must have; absent when any will do
 * @param deadline           the last local day (Asia/Shanghai) the demand is open
 * @param version            the demand's version after the step, so a mirror can drop a stale copy
 * @param changedAt          when it happened (UTC)
 */
public record DemandStatusChanged(
        String demandId,
        String action,
        String fromStatus,
        String toStatus,
        String triage,
        String actor,
        String note,
        String title,
        String problem,
        String ownerInstitutionId,
        String industryChain,
        String field,
        String regionCode,
        BigDecimal budgetMinYuan,
        BigDecimal budgetMaxYuan,
        List<String> transferModes,
        String wantedMaturity,
        LocalDate deadline,
        long version,
        Instant changedAt) {

    public static final EventContract<DemandStatusChanged> CONTRACT = new EventContract<>(
            "org.mengkeju.matching.demand.status-changed.v1", Topics.MATCHING_DEMANDS, DemandStatusChanged.class);
}
