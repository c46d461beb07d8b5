package org.mengkeju.events;

import java.util.List;
import java.util.Optional;

import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.events.catalog.AchievementChanged;
import org.mengkeju.events.catalog.InstitutionRegistered;
import org.mengkeju.events.catalog.AchievementListedInSession;
import org.mengkeju.events.catalog.InquiryAnswered;
import org.mengkeju.events.catalog.InquiryOpened;
import org.mengkeju.events.catalog.ReleaseSessionScheduled;
import org.mengkeju.events.catalog.DealAnnulled;
import org.mengkeju.events.catalog.DealConcluded;
import org.mengkeju.events.catalog.DealFinalised;
import org.mengkeju.events.catalog.DepositReleased;
import org.mengkeju.events.contract.ContractRegistered;
import org.mengkeju.events.contract.ContractRegistrationChanged;
import org.mengkeju.events.contract.ContractStatusChanged;
import org.mengkeju.events.finance.LeadStatusChanged;
import org.mengkeju.events.matching.ChallengePosted;
import org.mengkeju.events.matching.ChallengeStepTaken;
import org.mengkeju.events.matching.DemandPosted;
import org.mengkeju.events.matching.DemandStatusChanged;
import org.mengkeju.events.matching.ProposalMade;
import org.mengkeju.events.matching.ProposalStatusChanged;
import org.mengkeju.events.points.PointsDebited;
import org.mengkeju.events.points.PointsPosted;
import org.mengkeju.events.points.PointsRedemptionApproved;
import org.mengkeju.events.points.PointsRedemptionRequested;
import org.mengkeju.events.points.PointsRedemptionVoided;

/** The catalogue of every published event contract. A new event is added here, or it does not exist. */
public final class EventContracts {

    private static final List<EventContract<?>> ALL = List.of(
            AchievementPublished.CONTRACT,
            AchievementChanged.CONTRACT,
            InstitutionRegistered.CONTRACT,
            InquiryOpened.CONTRACT,
            InquiryAnswered.CONTRACT,
            ReleaseSessionScheduled.CONTRACT,
            AchievementListedInSession.CONTRACT,
            DealConcluded.CONTRACT,
            DealFinalised.CONTRACT,
            DealAnnulled.CONTRACT,
            DepositReleased.CONTRACT,
            ContractRegistered.CONTRACT,
            ContractStatusChanged.CONTRACT,
            ContractRegistrationChanged.CONTRACT,
            PointsPosted.CONTRACT,
            PointsDebited.CONTRACT,
            PointsRedemptionRequested.CONTRACT,
            PointsRedemptionApproved.CONTRACT,
            PointsRedemptionVoided.CONTRACT,
            DemandPosted.CONTRACT,
            DemandStatusChanged.CONTRACT,
            ChallengePosted.CONTRACT,
            ChallengeStepTaken.CONTRACT,
            ProposalMade.CONTRACT,
            ProposalStatusChanged.CONTRACT,
            LeadStatusChanged.CONTRACT);

    private EventContracts() {
    }

    public static List<EventContract<?>> all() {
        return ALL;
    }

    public static Optional<EventContract<?>> byType(String type) {
        return ALL.stream().filter(c -> c.type().equals(type)).findFirst();
    }
}
