package org.mengkeju.events;

import java.util.List;
import java.util.Optional;

import org.mengkeju.events.catalog.AchievementPublished;
import org.mengkeju.events.catalog.AchievementStatusChanged;
import org.mengkeju.events.catalog.InstitutionRegistered;
import org.mengkeju.events.matching.ChallengePosted;
import org.mengkeju.events.matching.ChallengeStepTaken;
import org.mengkeju.events.matching.DemandPosted;
import org.mengkeju.events.matching.DemandStatusChanged;
import org.mengkeju.events.matching.ProposalMade;
import org.mengkeju.events.matching.ProposalStatusChanged;
import org.mengkeju.events.points.PointsPosted;

/** The catalogue of every published event contract. A new event is added here, or it does not exist. */
public final class EventContracts {

    private static final List<EventContract<?>> ALL = List.of(
            AchievementPublished.CONTRACT,
            AchievementStatusChanged.CONTRACT,
            InstitutionRegistered.CONTRACT,
            DemandPosted.CONTRACT,
            DemandStatusChanged.CONTRACT,
            ChallengePosted.CONTRACT,
            ChallengeStepTaken.CONTRACT,
            ProposalMade.CONTRACT,
            ProposalStatusChanged.CONTRACT,
            PointsPosted.CONTRACT);

    private EventContracts() {
    }

    public static List<EventContract<?>> all() {
        return ALL;
    }

    public static Optional<EventContract<?>> byType(String type) {
        return ALL.stream().filter(c -> c.type().equals(type)).findFirst();
    }
}
