package org.mengkeju.events.matching;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import org.mengkeju.events.EventContract;
import org.mengkeju.events.Topics;

/**
 * A challenge list (揭榜挂帅) was published: a hard problem with its goals, conditions and reward, open for teams to
 * apply until its deadline.
 *
 * @param challengeId         matching-service's id of the challenge, e.g. {@code chl-8e21f0a4c9b34d17}
 * @param title               the problem in one line
 * @param goals               what a solution must achieve
 * @param conditions          what an applying team must bring; absent when none
 * @param posterInstitutionId the enterprise or institution that posted it
 * @param industryChain       one of the region's key industry chains, named as in the catalog
 * @param regionCode          the league-city (盟市) of the poster, six digits
 * @param rewardYuan          the reward in yuan, exact to the fen
 * @param deadline            the last local day (Asia/Shanghai) applications are taken
 * @param postedBy            the API client that posted it
 * @param version             the challenge's version after posting (0)
 * @param postedAt            when it was posted (UTC)
 */
public record ChallengePosted(
        String challengeId,
        String title,
        String goals,
        String conditions,
        String posterInstitutionId,
        String industryChain,
        String regionCode,
        BigDecimal rewardYuan,
        LocalDate deadline,
        String postedBy,
        long version,
        Instant postedAt) {

    public static final EventContract<ChallengePosted> CONTRACT = new EventContract<>(
            "org.mengkeju.matching.challenge.posted.v1", Topics.MATCHING_CHALLENGES, ChallengePosted.class);
}
