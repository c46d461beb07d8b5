package org.mengkeju.matching.proposal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProposalStatusTest {

    @Test
    void aProposalMovesForwardOnlyAndMaySkipASteps() {
        assertThat(ProposalStatus.PROPOSED.mayMoveTo(ProposalStatus.CONTACTED)).isTrue();
        assertThat(ProposalStatus.PROPOSED.mayMoveTo(ProposalStatus.NEGOTIATING)).isTrue();
        assertThat(ProposalStatus.NEGOTIATING.mayMoveTo(ProposalStatus.CLOSED_WON)).isTrue();
        assertThat(ProposalStatus.CONTACTED.mayMoveTo(ProposalStatus.CLOSED_LOST)).isTrue();
        assertThat(ProposalStatus.NEGOTIATING.mayMoveTo(ProposalStatus.CONTACTED)).isFalse();
        assertThat(ProposalStatus.CONTACTED.mayMoveTo(ProposalStatus.PROPOSED)).isFalse();
    }

    @Test
    void aClosedProposalIsFinal() {
        assertThat(ProposalStatus.CLOSED_WON.mayMoveTo(ProposalStatus.CLOSED_LOST)).isFalse();
        assertThat(ProposalStatus.CLOSED_LOST.mayMoveTo(ProposalStatus.CLOSED_WON)).isFalse();
        assertThat(ProposalStatus.CLOSED_LOST.mayMoveTo(ProposalStatus.NEGOTIATING)).isFalse();
    }
}
