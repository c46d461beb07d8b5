package org.mengkeju.catalog.institution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class UnifiedSocialCreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"91350100M000100Y43", "91110000802100433B", "12150000460030036T"})
    void codesWhoseCheckCharacterFitsAreAccepted(String code) {
        assertThat(UnifiedSocialCreditCode.problemWith(code)).isEmpty();
        assertThat(new UnifiedSocialCreditCode(code).value()).isEqualTo(code);
    }

    @Test
    void theCheckCharacterIsComputedWithTheStandardsWeightsModulo31() {
        assertThat(UnifiedSocialCreditCode.checkCharacter("91350100M000100Y4")).isEqualTo('3');
        assertThat(UnifiedSocialCreditCode.checkCharacter("91110000802100433")).isEqualTo('B');
    }

    @Test
    void aWrongCheckCharacterIsNamedWithTheOneExpected() {
        assertThat(UnifiedSocialCreditCode.problemWith("91350100M000100Y44")).hasValueSatisfying(problem ->
                assertThat(problem).contains("'4'").contains("'3'"));
        assertThatThrownBy(() -> new UnifiedSocialCreditCode("91350100M000100Y44"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("check character");
    }

    @Test
    void lengthLettersOutsideTheAlphabetAndANonNumericDivisionAreRefused() {
        assertThat(UnifiedSocialCreditCode.problemWith(null)).hasValueSatisfying(p -> assertThat(p).contains("18"));
        assertThat(UnifiedSocialCreditCode.problemWith("91350100M000100Y4")).hasValueSatisfying(
                p -> assertThat(p).contains("18"));
        assertThat(UnifiedSocialCreditCode.problemWith("91350100M000100I43")).hasValueSatisfying(
                p -> assertThat(p).contains("character 16 'I'"));
        assertThat(UnifiedSocialCreditCode.problemWith("9135010aM000100Y43")).hasValueSatisfying(
                p -> assertThat(p).contains("character 8"));
        assertThat(UnifiedSocialCreditCode.problemWith("913501A0M000100Y43")).hasValueSatisfying(
                p -> assertThat(p).contains("administrative division"));
    }

    @Test
    void regionCodesInsideInnerMongoliaMustBeALeagueCityAndOthersKeepTheirShape() {
        assertThat(new RegionCode("150600").inInnerMongolia()).isTrue();
        assertThat(new RegionCode("110000").inInnerMongolia()).isFalse();
        assertThatThrownBy(() -> new RegionCode("151000")).hasMessageContaining("league-cities");
        assertThatThrownBy(() -> new RegionCode("15010")).hasMessageContaining("six-digit");
        assertThatThrownBy(() -> new RegionCode("950100")).hasMessageContaining("six-digit");
    }

    @Test
    void onlyPublicUniversitiesAndInstitutesFallUnderTheInventorsIncomeShare() {
        assertThat(InstitutionType.PUBLIC_UNIVERSITY.isPublicResearchBody()).isTrue();
        assertThat(InstitutionType.PUBLIC_RESEARCH_INSTITUTE.isPublicResearchBody()).isTrue();
        assertThat(InstitutionType.PRIVATE_UNIVERSITY.isPublicResearchBody()).isFalse();
        assertThat(InstitutionType.ENTERPRISE.isPublicResearchBody()).isFalse();
    }
}
