package org.mengkeju.matching.challenge;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.mengkeju.matching.market.IndustryChain;
import org.mengkeju.matching.market.RegionCode;
import org.mengkeju.platform.web.ApiProblem;

/** The HTTP shapes of the challenge lists API. */
final class ChallengeRequests {

    private ChallengeRequests() {
    }

    record PostChallenge(
            @NotBlank @Size(max = 200) String title,
            @NotBlank @Size(max = 4000) String goals,
            @Size(max = 4000) String conditions,
            @Size(min = 1, max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}",
                    message = "must be an institution id: lower-case letters, digits and -") String posterInstitutionId,
            @NotNull IndustryChain industryChain,
            @NotNull @Pattern(regexp = "[1-8][0-9]{5}", message = "must be a six-digit region code, e.g. 150200")
            String regionCode,
            @NotNull @DecimalMin("0.01") @DecimalMax("100000000000") @Digits(integer = 12, fraction = 2)
            BigDecimal rewardYuan,
            @NotNull LocalDate deadline) {

        Challenge.Terms terms() {
            if (!RegionCode.isValid(regionCode)) {
                throw ApiProblem.invalid("invalid-region", "Unknown region", "regionCode: " + regionCode
                        + " is not Inner Mongolia (150000) or one of its league-cities");
            }
            return new Challenge.Terms(title.strip(), goals, conditions, industryChain, regionCode, rewardYuan,
                    deadline);
        }
    }

    record Apply(
            @Size(min = 1, max = 64) @Pattern(regexp = "[a-z0-9][a-z0-9-]{0,63}",
                    message = "must be an institution id: lower-case letters, digits and -")
            String applicantInstitutionId,
            @NotBlank @Size(max = 100) String teamName,
            @NotBlank @Size(max = 8000) String proposal,
            @DecimalMin("0.01") @DecimalMax("100000000000") @Digits(integer = 12, fraction = 2) BigDecimal quotedYuan) {
    }

    record Decide(@NotNull ChallengeBoard.Decision decision) {
    }

    /** An application as the poster and operators see it (and the applicant, once, when it applies). */
    record ApplicationView(String applicationId, String challengeId, String applicantInstitutionId, String teamName,
            String proposal, BigDecimal quotedYuan, ApplicationStatus status, Instant appliedAt, Instant decidedAt) {

        static ApplicationView of(String challengeId, Application a) {
            return new ApplicationView(a.applicationId(), challengeId, a.applicantInstitutionId(), a.teamName(),
                    a.proposal(), a.quotedYuan(), a.status(), a.appliedAt(), a.decidedAt());
        }
    }

    /** A challenge; {@code applications} only for its poster and operators, absent for everyone else. */
    record ChallengeView(String challengeId, String title, String goals, String conditions, String posterInstitutionId,
            IndustryChain industryChain, String regionCode, BigDecimal rewardYuan, LocalDate deadline,
            ChallengeStatus status, Instant postedAt, Instant awardedAt, String chosenApplicationId,
            int applicationCount, List<ApplicationView> applications, Long version) {

        static ChallengeView of(Challenge c, boolean withApplications) {
            return new ChallengeView(c.id(), c.title(), c.goals(), c.conditions(), c.posterInstitutionId(),
                    c.industryChain(), c.regionCode(), c.rewardYuan(), c.deadline(), c.status(), c.postedAt(),
                    c.awardedAt(), c.chosenApplicationId(), c.applications().size(),
                    withApplications ? c.applications().stream().map(a -> ApplicationView.of(c.id(), a)).toList()
                            : null,
                    c.version());
        }
    }
}
