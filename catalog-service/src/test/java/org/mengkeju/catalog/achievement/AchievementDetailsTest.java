package org.mengkeju.catalog.achievement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class AchievementDetailsTest {

    static final IpItem GRANTED_PATENT = new IpItem("ZL201710601862.3", IpItem.Type.INVENTION_PATENT,
            IpItem.LegalStatus.GRANTED);
    static final Attachment REPORT = new Attachment("中试检测报告.pdf", "https://files.imut.edu.cn/feed.pdf",
            "9F2C1A8E5B7D4C3F0E6A1B2C3D4E5F60718293A4B5C6D7E8F90A1B2C3D4E5F6A");

    static AchievementDetails details(Maturity maturity, Integer trl, List<String> keywords, List<IpItem> ip,
            Price price, List<Attachment> attachments) {
        return new AchievementDetails("  稀土硫化物着色剂 ", "Rare-earth sulfide colorant", "稀土功能材料",
                IndustryChain.RARE_EARTHS, keywords, maturity, trl, ip, List.of(new Inventor(" 李明 ", null)),
                Set.of(TransferMode.LICENCE, TransferMode.DEVELOPMENT), price, attachments);
    }

    @Test
    void aCompleteListingIsKeptCleaned() {
        AchievementDetails details = details(Maturity.PILOT, 6, List.of("着色剂", "稀土", "着色剂"),
                List.of(GRANTED_PATENT), Price.range(new BigDecimal("800000"), new BigDecimal("1200000.50")),
                List.of(REPORT));

        assertThat(details.title()).isEqualTo("稀土硫化物着色剂");
        assertThat(details.keywords()).containsExactly("着色剂", "稀土");
        assertThat(details.inventors()).containsExactly(new Inventor("李明", null));
        assertThat(details.attachments().getFirst().sha256()).isEqualTo(REPORT.sha256().toLowerCase());
        assertThat(details.price().lowestYuan()).isEqualByComparingTo("800000");
    }

    @Test
    void theReadinessLevelMustFitTheMaturity() {
        assertThatThrownBy(() -> details(Maturity.LAB, 8, null, null, null, null))
                .isInstanceOf(InvalidListing.class)
                .hasMessage("technologyReadinessLevel: TRL 8 does not fit LAB, which covers TRL 1 to 4");
        assertThat(details(Maturity.INDUSTRIALISED, 9, null, null, null, null).technologyReadinessLevel())
                .isEqualTo(9);
    }

    @Test
    void aPatentNumberMustCarryItsCheckCharacter() {
        var wrongCheck = new IpItem("ZL201710601862.4", IpItem.Type.INVENTION_PATENT, IpItem.LegalStatus.GRANTED);
        var notANumber = new IpItem("patent pending", IpItem.Type.UTILITY_MODEL, IpItem.LegalStatus.PENDING);
        var copyright = new IpItem("2021SR0123456", IpItem.Type.SOFTWARE_COPYRIGHT, IpItem.LegalStatus.GRANTED);

        assertThatThrownBy(() -> details(Maturity.PILOT, null, null, List.of(copyright, wrongCheck), null, null))
                .hasMessageStartingWith("ipItems[1].number:").hasMessageContaining("its digits give 3");
        assertThatThrownBy(() -> details(Maturity.PILOT, null, null, List.of(notANumber), null, null))
                .hasMessageStartingWith("ipItems[0].number:");
        assertThat(details(Maturity.PILOT, null, null, List.of(copyright, GRANTED_PATENT), null, null).ipItems())
                .hasSize(2);
        assertThatThrownBy(() -> details(Maturity.PILOT, null, null, List.of(GRANTED_PATENT, GRANTED_PATENT), null,
                null)).hasMessageContaining("listed twice");
    }

    @Test
    void checkCharactersFollowTheWeightedSumModuloEleven() {
        assertThat(PatentNumber.violation("201710601862.3")).isNull();
        assertThat(PatentNumber.violation("CN201710601862.3")).isNull();
        // 8-digit numbers from before 2003: weights 2 to 9
        assertThat(PatentNumber.checkCharacter("97101765")).isEqualTo(
                (char) ('0' + (9 * 2 + 7 * 3 + 1 * 4 + 0 * 5 + 1 * 6 + 7 * 7 + 6 * 8 + 5 * 9) % 11));
    }

    @Test
    void aPriceIsFixedARangeOrNegotiableAndExactToTheFen() {
        assertThat(details(Maturity.PILOT, null, null, null, null, null).price().kind())
                .isEqualTo(Price.Kind.NEGOTIABLE);
        assertThatThrownBy(() -> Price.range(new BigDecimal("2000000"), new BigDecimal("1000000")))
                .hasMessageStartingWith("priceRangeYuan: minYuan 2000000 is above maxYuan 1000000");
        assertThatThrownBy(() -> Price.fixed(new BigDecimal("-5"))).hasMessageStartingWith("askingPriceYuan:");
        assertThatThrownBy(() -> Price.fixed(new BigDecimal("10.005"))).hasMessageContaining("2 decimals");
        assertThatThrownBy(() -> Price.fixed(new BigDecimal("1e12"))).hasMessageContaining("at most");
    }

    @Test
    void attachmentsAreHttpsWithASha256() {
        var http = new Attachment("report", "http://files.imut.edu.cn/feed.pdf", REPORT.sha256());
        var shortHash = new Attachment("report", "https://files.imut.edu.cn/feed.pdf", "abc123");

        assertThatThrownBy(() -> details(Maturity.LAB, null, null, null, null, List.of(REPORT, http)))
                .hasMessageStartingWith("attachments[1].url:");
        assertThatThrownBy(() -> details(Maturity.LAB, null, null, null, null, List.of(shortHash)))
                .hasMessageStartingWith("attachments[0].sha256:");
    }

    @Test
    void controlCharactersAreRefusedWhereverTheyAre() {
        assertThatThrownBy(() -> details(Maturity.LAB, null, List.of("稀土\u0000"), null, null, null))
                .hasMessageStartingWith("keywords[0]:");
    }

    @Test
    void theChangedFieldsAreNamedAndTheSameAmountWrittenDifferentlyIsNoChange() {
        AchievementDetails before = details(Maturity.PILOT, 5, List.of("稀土"), null,
                Price.fixed(new BigDecimal("1500000")), null);
        AchievementDetails samePrice = details(Maturity.PILOT, 5, List.of("稀土"), null,
                Price.fixed(new BigDecimal("1500000.00")), null);
        AchievementDetails changed = details(Maturity.SMALL_BATCH, 7, List.of("稀土"), null,
                Price.negotiable(), null);

        assertThat(samePrice.changedFrom(before)).isEmpty();
        assertThat(changed.changedFrom(before)).containsExactly("maturity", "technologyReadinessLevel", "price");
    }
}
