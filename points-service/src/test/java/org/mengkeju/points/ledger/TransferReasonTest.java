package org.mengkeju.points.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import org.junit.jupiter.api.Test;

class TransferReasonTest {

    @Test
    void theEffectThatPrefixesTransferIdsIsAStoredLiteralNotTheConstantsName() {
        // Transfers already in the ledger carry these prefixes in their ids: changing one would credit again.
        assertThat(TransferReason.ACHIEVEMENT_PUBLISHED.effect()).isEqualTo("achievement-published");
        assertThat(Arrays.stream(TransferReason.values()).map(TransferReason::effect).distinct())
                .hasSize(TransferReason.values().length)
                .allSatisfy(effect -> assertThat(effect).matches("[a-z][a-z-]*"));
    }
}
